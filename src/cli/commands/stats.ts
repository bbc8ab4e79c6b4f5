// `insightx stats …`: seed 004's conversation statistics from the traces in the store.
import type { Command } from "commander";
import { runStats, STATS_USAGE } from "../../trace/index.js";
import { withContext } from "../context.js";
import { action } from "../output.js";

export function registerStatsCommand(program: Command): void {
  program
    .command("stats")
    .description(`conversation timings and errors: ${STATS_USAGE}`)
    .argument("[words...]", "recent | summary ID | trace ID | averages | slow | errors | percentiles STEP | busiest")
    .option("--hours <hours>", "window for averages, errors and percentiles", "24")
    .option("--threshold <ms>", "slow: conversations longer than this", "8000")
    .option("--limit <n>", "rows for recent and slow", "10")
    .action(
      action(async (words: string[], options: { hours: string; threshold: string; limit: string }) => {
        const args = [
          ...(words.length ? words : ["recent"]),
          "--hours",
          options.hours,
          "--threshold",
          options.threshold,
          "--limit",
          options.limit,
        ];
        await withContext(async (runtime) => {
          process.stdout.write(`${await runStats(runtime.store.traces, args)}\n`);
        });
      }),
    );
}
