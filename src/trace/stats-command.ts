// `stats` for the CLI and `/insightx stats`: one parser over the subcommands, answers as text.
import type { TracesRepo } from "../store/index.js";
import { UserInputError } from "../util/index.js";
import {
  formatAverages,
  formatBusiest,
  formatErrors,
  formatPercentiles,
  formatRecent,
  formatSlow,
  formatSummary,
  formatTrace,
} from "./stats-format.js";

export const STATS_USAGE =
  "stats recent [N] | summary ID | trace ID | averages [--hours H] | slow [--threshold MS] | errors [--hours H] | percentiles STEP [--hours H] | busiest [N]";

/** Splits `averages --hours 6` into positional words and flags. */
function parseArgs(words: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith("--")) {
      flags.set(word.slice(2), words[i + 1] ?? "");
      i++;
    } else positional.push(word);
  }
  return { positional, flags };
}

function number(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UserInputError("bad_stats_argument", `${name} must be a positive number, not "${text}".`);
  }
  return value;
}

/** Runs one stats subcommand (`["averages", "--hours", "24"]`) and returns its table as text. */
export async function runStats(traces: TracesRepo, words: string[]): Promise<string> {
  const [sub = "recent", ...rest] = words;
  const { positional, flags } = parseArgs(rest);
  const hours = number(flags.get("hours"), 24, "--hours");
  const id = positional[0];
  const needId = () => {
    if (!id)
      throw new UserInputError("bad_stats_argument", `stats ${sub} needs a conversation id.`, { hint: STATS_USAGE });
    return id;
  };
  switch (sub) {
    case "recent":
      return formatRecent(await traces.recent(number(positional[0] ?? flags.get("limit"), 10, "limit")));
    case "summary": {
      const summary = await traces.summary(needId());
      return summary ? formatSummary(summary) : `No conversation ${id}.`;
    }
    case "trace":
      return formatTrace(needId(), await traces.steps(needId()));
    case "averages":
      return formatAverages(await traces.averages(hours), hours);
    case "slow": {
      const threshold = number(flags.get("threshold"), 8_000, "--threshold");
      return formatSlow(await traces.slow(threshold, number(flags.get("limit"), 10, "--limit")), threshold);
    }
    case "errors":
      return formatErrors(await traces.errors(hours), hours);
    case "percentiles": {
      const step = positional[0] ?? "orchestrate";
      return formatPercentiles(await traces.percentiles(step, hours));
    }
    case "busiest":
      return formatBusiest(await traces.busiest(number(positional[0], 10, "limit")));
    default:
      throw new UserInputError("bad_stats_argument", `Unknown stats command "${sub}".`, { hint: STATS_USAGE });
  }
}

/** Splits slash-command text into words, keeping "quoted phrases" together. */
export function splitWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}
