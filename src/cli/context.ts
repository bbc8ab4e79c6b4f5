// What CLI commands open, each only what it uses: the channel databases alone, the store alone, or the runtime.
import type { Runtime } from "../app/index.js";
import { type Config, loadConfig } from "../config/index.js";
import type { DataEngine } from "../data/index.js";
import type { Store } from "../store/index.js";
import { createLogger, type Logger } from "../util/index.js";

export type CliContext = Runtime;

/** Who asks from the command line, in traces and thread history (Slack puts its user id there). */
export const CLI_USER = "cli";

/** Config from the environment; the CLI's stdout is for results, so logs go to stderr, quietly unless asked. */
export function cliSettings(): { config: Config; logger: Logger } {
  const config = loadConfig();
  return { config, logger: createLogger(process.env.LOG_LEVEL ?? "warn") };
}

/** The channel databases alone (tables, dna, sql, py): no store, no LLM client, no Slack. */
export async function withData<T>(
  fn: (parts: { config: Config; logger: Logger; engine: DataEngine }) => Promise<T>,
): Promise<T> {
  const settings = cliSettings();
  const { DataEngine } = await import("../data/index.js");
  const engine = new DataEngine({ config: settings.config });
  try {
    return await fn({ ...settings, engine });
  } finally {
    await engine.close();
  }
}

/** The store alone (stats). */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const { config, logger } = cliSettings();
  const { createStore } = await import("../store/index.js");
  const store = await createStore({ config, logger });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The whole runtime (store, data, LLM; the Python pool and queue on first use); always closed. */
export async function withContext<T>(fn: (context: CliContext) => Promise<T>): Promise<T> {
  const { createRuntime } = await import("../app/index.js");
  const context = await createRuntime(cliSettings());
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}
