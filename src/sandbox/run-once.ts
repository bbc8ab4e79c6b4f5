// One-shot use for the `insightx py` operator command: start a sandbox, run the code, print, stop.
import type { Config } from "../config/index.js";
import type { Logger } from "../util/index.js";
import { createSandbox } from "./create-sandbox.js";
import type { Frame, SandboxLimits, SandboxResult } from "./types.js";

export interface RunPythonOnceOptions {
  config: Config;
  logger: Logger;
  code: string;
  /** The table to expose as `df` (the CLI loads it from the channel's DuckDB file). */
  df?: Frame;
  limits?: Partial<SandboxLimits>;
}

/** Runs `code` in a one-worker sandbox of the configured isolation and shuts it down. */
export async function runPythonOnce(options: RunPythonOnceOptions): Promise<SandboxResult> {
  const config: Config = { ...options.config, SANDBOX_POOL_SIZE: 1 };
  const sandbox = await createSandbox({ config, logger: options.logger });
  try {
    return await sandbox.run({
      code: options.code,
      ...(options.df ? { frames: { df: options.df } } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
  } finally {
    await sandbox.close();
  }
}

/** Text for a terminal: captured stdout, then the result (JSON) or the error, then the timing. */
export function formatSandboxResult(result: SandboxResult): string {
  const parts: string[] = [];
  if (result.stdout) parts.push(result.stdout.replace(/\n$/, ""));
  if (result.error) parts.push(`error: ${result.error}`);
  else if (result.result !== null && result.result !== undefined) parts.push(JSON.stringify(result.result, null, 2));
  if (result.truncated) parts.push("(output truncated)");
  parts.push(`(${result.elapsed_ms.toFixed(0)} ms)`);
  return parts.join("\n");
}
