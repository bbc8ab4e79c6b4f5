// `stats` for the CLI and `/insightx stats`: one parser over the subcommands, answers as text.
import type {
  HourCount,
  StepAverage,
  StepErrorRate,
  StepPercentiles,
  TraceListItem,
  TraceStep,
  TraceSummary,
  TracesRepo,
} from "../store/index.js";
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

/** One stats subcommand's figures, as data (`insightx stats --json`) before they are laid out as text. */
export type StatsResult =
  | { command: "recent"; traces: TraceListItem[] }
  | { command: "summary"; id: string; summary: TraceSummary | null }
  | { command: "trace"; id: string; steps: TraceStep[] }
  | { command: "averages"; hours: number; steps: StepAverage[] }
  | { command: "slow"; thresholdMs: number; traces: TraceListItem[] }
  | { command: "errors"; hours: number; steps: StepErrorRate[] }
  | { command: "percentiles"; hours: number; percentiles: StepPercentiles }
  | { command: "busiest"; hours: HourCount[] };

/** Runs one stats subcommand (`["averages", "--hours", "24"]`) and returns its figures. */
export async function queryStats(traces: TracesRepo, words: string[]): Promise<StatsResult> {
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
      return {
        command: "recent",
        traces: await traces.recent(number(positional[0] ?? flags.get("limit"), 10, "limit")),
      };
    case "summary":
      return { command: "summary", id: needId(), summary: await traces.summary(needId()) };
    case "trace":
      return { command: "trace", id: needId(), steps: await traces.steps(needId()) };
    case "averages":
      return { command: "averages", hours, steps: await traces.averages(hours) };
    case "slow": {
      const thresholdMs = number(flags.get("threshold"), 8_000, "--threshold");
      const limit = number(flags.get("limit"), 10, "--limit");
      return { command: "slow", thresholdMs, traces: await traces.slow(thresholdMs, limit) };
    }
    case "errors":
      return { command: "errors", hours, steps: await traces.errors(hours) };
    case "percentiles":
      return {
        command: "percentiles",
        hours,
        percentiles: await traces.percentiles(positional[0] ?? "orchestrate", hours),
      };
    case "busiest":
      return { command: "busiest", hours: await traces.busiest(number(positional[0], 10, "limit")) };
    default:
      throw new UserInputError("bad_stats_argument", `Unknown stats command "${sub}".`, { hint: STATS_USAGE });
  }
}

/** The figures as seed 004's plain-text tables. */
export function formatStats(result: StatsResult): string {
  switch (result.command) {
    case "recent":
      return formatRecent(result.traces);
    case "summary":
      return result.summary ? formatSummary(result.summary) : `No conversation ${result.id}.`;
    case "trace":
      return formatTrace(result.id, result.steps);
    case "averages":
      return formatAverages(result.steps, result.hours);
    case "slow":
      return formatSlow(result.traces, result.thresholdMs);
    case "errors":
      return formatErrors(result.steps, result.hours);
    case "percentiles":
      return formatPercentiles(result.percentiles);
    case "busiest":
      return formatBusiest(result.hours);
  }
}

/** Runs one stats subcommand and returns its table as text (the CLI and `/insightx stats`). */
export async function runStats(traces: TracesRepo, words: string[]): Promise<string> {
  return formatStats(await queryStats(traces, words));
}

/** Splits slash-command text into words, keeping "quoted phrases" together. */
export function splitWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}
