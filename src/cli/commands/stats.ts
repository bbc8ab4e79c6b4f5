// `insightx stats …`: seed 004's conversation statistics from the traces in the store (the store alone is opened).
import { formatStats, queryStats } from "../../trace/index.js";
import { withStore } from "../context.js";
import { emit, print } from "../output.js";

interface StatsOptions {
  hours: string;
  threshold: string;
  limit: string;
  json?: boolean;
}

export async function run(words: string[], options: StatsOptions): Promise<void> {
  const args = [
    ...(words.length ? words : ["recent"]),
    "--hours",
    options.hours,
    "--threshold",
    options.threshold,
    "--limit",
    options.limit,
  ];
  await withStore(async (store) => {
    const result = await queryStats(store.traces, args);
    emit(options, result, () => print(`${formatStats(result)}\n`));
  });
}
