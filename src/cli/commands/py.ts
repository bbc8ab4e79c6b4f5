// `insightx py`: run Python in the sandbox over a channel table (as `df`) — the operator's way to test the jail.
import { createSandbox } from "../../sandbox/index.js";
import { channelRef } from "../channel.js";
import { withData } from "../context.js";
import { emit, print } from "../output.js";

export async function run(code: string, options: { table?: string; channel?: string; json?: boolean }): Promise<void> {
  await withData(async ({ config, logger, engine }) => {
    let frames = {};
    if (options.table) {
      const { frameFromColumns } = await import("../../pipeline/index.js");
      frames = {
        df: frameFromColumns(await engine.readColumns(channelRef(options.channel), { table: options.table })),
      };
    }
    const sandbox = await createSandbox({ config, logger });
    try {
      const result = await sandbox.run({ code, frames });
      emit(options, result, () => {
        if (result.stdout) print(result.stdout.endsWith("\n") ? result.stdout : `${result.stdout}\n`);
        if (result.error) process.stderr.write(`${result.error}\n`);
        else print(`${JSON.stringify(result.result, null, 2)}\n`);
        process.stderr.write(`(${sandbox.mode}, ${Math.round(result.elapsed_ms)} ms)\n`);
      });
      if (result.error) process.exitCode = 1;
    } finally {
      await sandbox.close();
    }
  });
}
