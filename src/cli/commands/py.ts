// `insightx py`: run Python in the sandbox over a channel table (as `df`) — the operator's way to test the jail.
import type { Command } from "commander";
import { frameFromColumns } from "../../pipeline/index.js";
import { channelRef, withContext } from "../context.js";
import { action, emit } from "../output.js";

export function registerPyCommand(program: Command): void {
  program
    .command("py")
    .description("run Python code in the sandbox; the table given with --table is `df`")
    .argument("<code>", "Python code; assign the answer to `result`")
    .option("--table <table>", "a table of the channel to hand over as df")
    .option("--channel <channel>", "channel id (or TEAM:CHANNEL)")
    .option("--json", "machine-readable output")
    .action(
      action(async (code: string, options: { table?: string; channel?: string; json?: boolean }) => {
        await withContext(async (runtime) => {
          const frames = options.table
            ? {
                df: frameFromColumns(
                  await runtime.engine.readColumns(channelRef(options.channel), { table: options.table }),
                ),
              }
            : {};
          const sandbox = await runtime.sandbox();
          const run = await sandbox.run({ code, frames });
          emit(options, run, () => {
            if (run.stdout) process.stdout.write(run.stdout.endsWith("\n") ? run.stdout : `${run.stdout}\n`);
            if (run.error) process.stderr.write(`${run.error}\n`);
            else process.stdout.write(`${JSON.stringify(run.result, null, 2)}\n`);
            process.stderr.write(`(${sandbox.mode}, ${Math.round(run.elapsed_ms)} ms)\n`);
          });
          if (run.error) process.exitCode = 1;
        });
      }),
    );
}
