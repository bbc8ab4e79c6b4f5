// Keyword cues in a question: its normalised words, the asked kind, N of "top N", horizons, direction and aggregation.
import { tokenize } from "./text.js";
import type { Agg, Grain, IntentKind } from "./types.js";
import {
  AGG_WORDS,
  ASC_WORDS,
  BAD_WORDS,
  DESC_WORDS,
  EXPANSIONS,
  GOOD_WORDS,
  GRAIN_WORDS,
  IMPLIED_MEASURE,
  NEGATIVE_MEASURE,
} from "./vocabulary.js";

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  dozen: 12,
};

/** Normalises symbols and number words, then splits into words with abbreviations expanded. */
export function questionTokens(question: string): string[] {
  const text = question
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/>=|≥/g, " at least ")
    .replace(/<=|≤/g, " at most ")
    .replace(/>/g, " more than ")
    .replace(/</g, " less than ")
    .replace(/(^|\s)=(\s|$)/g, " equal to ")
    .replace(/(\d)\s*%/g, "$1 percent ")
    .replace(/%/g, " percent ");
  const words = tokenize(text).map((w) => (NUMBER_WORDS[w] !== undefined ? String(NUMBER_WORDS[w]) : w));
  // Implied measures go last so they never split a phrase: "the hottest day" … "temperature".
  const implied = words.flatMap((w) => (IMPLIED_MEASURE[w] ? IMPLIED_MEASURE[w].split(" ") : []));
  return [...words.flatMap((w) => EXPANSIONS[w] ?? [w]), ...implied];
}

export const isNumber = (word: string | undefined): boolean => word !== undefined && /^\d+(\.\d+)?$/.test(word);

const has = (tokens: string[], re: RegExp) => tokens.some((t) => re.test(t));
const phrase = (tokens: string[], ...words: string[]) =>
  tokens.some((_, i) => words.every((w, k) => tokens[i + k] === w));

/** The analysis asked for by its keywords alone; grouping and filters refine it later. */
export function kindCue(tokens: string[]): IntentKind | null {
  if (has(tokens, /^(forecast|predict|prediction|predicted|projection|project|projected|extrapolate)/))
    return "forecast";
  if (summaryCue(tokens)) return "summary";
  if (has(tokens, /^(anomal|outlier|unusual|abnormal|spikes?$|irregular)/)) return "anomalies";
  if (has(tokens, /^(correlat|relationship|associat)/) || phrase(tokens, "related", "to")) return "correlation";
  if (has(tokens, /^(distribution|histogram|distributed|spread)$/)) return "distribution";
  if (has(tokens, /^(compare|comparison|versus|vs|vs\.|differ|differs|different|significantly)$/)) return "compare";
  if (phrase(tokens, "difference", "between") || phrase(tokens, "difference", "in")) return "compare";
  if (has(tokens, /^(percentage|percent|share|proportion|fraction|ratio|pct|%)$/)) return "share";
  if (phrase(tokens, "how", "many") || phrase(tokens, "number", "of") || has(tokens, /^(count|counts)$/))
    return "count";
  if (has(tokens, /^(trend|trends|trending|evolve|evolved|evolution)$/) || phrase(tokens, "over", "time"))
    return "trend";
  if (has(tokens, /^(show|list|display)$/)) return "filter";
  return null;
}

/** Verbs asking for the rows themselves ("find outliers", "which days were unusual"), not a statistic. */
const ROW_VERBS = /^(find|show|list|detect|flag|identify|spot|highlight|which|display|get|where|when)$/;

/**
 * Summary statistics: "summary statistics of X", "describe X", "is X normally distributed", and outliers asked
 * about as a figure ("are there outliers in X", "how many outliers") rather than as rows to list.
 */
function summaryCue(tokens: string[]): boolean {
  if (has(tokens, /^(trend|trends|forecast|predict|correlat)/)) return false;
  if (has(tokens, /^(summary|summarize|summarise|summarized|describe|statistics|stats|normality)$/)) return true;
  if (has(tokens, /^normal(ly)?$/) && has(tokens, /^(distributed|distribution)$/)) return true;
  if (phrase(tokens, "bell", "curve") || phrase(tokens, "bell", "shaped")) return true;
  return has(tokens, /^outliers?$/) && !has(tokens, ROW_VERBS);
}

/** N of "top 5", "bottom 3", "which 5", "5 highest": the number and its word index. */
export function topN(tokens: string[]): { n: number; index: number } | null {
  const before = new Set(["top", "bottom", "first", "which", "what", "best", "worst", "highest", "lowest", "the"]);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^\d{1,3}$/.test(t)) continue;
    const prev = tokens[i - 1] ?? "";
    const next = tokens[i + 1] ?? "";
    const ranked = DESC_WORDS.has(next) || ASC_WORDS.has(next) || GOOD_WORDS.has(next) || BAD_WORDS.has(next);
    if ((before.has(prev) && (prev !== "the" || ranked)) || ranked) return { n: Math.max(1, Number(t)), index: i };
  }
  return null;
}

/** "next 7 days", "12 months ahead", "the coming 4 weeks": periods and grain. */
export function horizonCue(tokens: string[]): { n: number; grain: Grain | null; indexes: number[] } | null {
  for (let i = 0; i < tokens.length; i++) {
    const ahead = /^(next|coming|following|upcoming)$/.test(tokens[i]!);
    const numberAt = ahead ? i + 1 : i;
    const n = tokens[numberAt];
    if (!isNumber(n)) continue;
    const grain = GRAIN_WORDS[tokens[numberAt + 1] ?? ""] ?? null;
    if (ahead || (grain && /^(ahead|out|forward)$/.test(tokens[numberAt + 2] ?? ""))) {
      return { n: Math.round(Number(n)), grain, indexes: [numberAt, numberAt + 1] };
    }
  }
  return null;
}

/**
 * Ranking direction. highest/most/largest/top → "desc"; lowest/least/fewest/bottom → "asc";
 * best → "desc" unless the measure is one where more is worse (delay, deaths, cost…), worst the reverse.
 */
export function directionCue(
  tokens: string[],
  measure: string | null,
): { direction: "desc" | "asc"; word: string } | null {
  const negative = measure !== null && NEGATIVE_MEASURE.test(measure);
  for (const t of tokens) {
    if (DESC_WORDS.has(t)) return { direction: "desc", word: t };
    if (ASC_WORDS.has(t)) return { direction: "asc", word: t };
    if (GOOD_WORDS.has(t)) return { direction: negative ? "asc" : "desc", word: t };
    if (BAD_WORDS.has(t)) return { direction: negative ? "desc" : "asc", word: t };
  }
  return null;
}

/** An explicit aggregation word among the free words ("average", "total", "median", "maximum"…). */
export function aggCue(tokens: string[]): Agg | null {
  for (const t of tokens) {
    const agg = AGG_WORDS[t];
    if (agg) return agg;
  }
  return null;
}
