// A question's normalised words, and the cues read from words alone: N of "top N", horizons, direction, aggregation.
import type { Agg, Direction, Grain } from "../intent.js";
import { tokenize } from "./text.js";
import {
  AGG_WORDS,
  ASC_WORDS,
  BAD_WORDS,
  DESC_WORDS,
  GOOD_WORDS,
  GRAIN_WORDS,
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

const MAGNITUDES: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
};

/** Normalises symbols, number words and magnitudes ("100 million"), then splits into words. */
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
  const out: string[] = [];
  for (const word of words) {
    const previous = out.at(-1);
    const scale = MAGNITUDES[word];
    if (scale !== undefined && isNumber(previous?.replace(/^\$/, ""))) {
      out[out.length - 1] = String(Number((Number(previous!.replace(/^\$/, "")) * scale).toPrecision(12)));
    } else out.push(word);
  }
  return out;
}

export const isNumber = (word: string | undefined): boolean => word !== undefined && /^\d+(\.\d+)?$/.test(word);

/** N of "top 5", "bottom 3", "which 5", "5 highest": the number, its word index and the word asking for it. */
export function topN(tokens: string[]): { n: number; index: number; cue: number | null } | null {
  const before = new Set(["top", "bottom", "first", "which", "what", "best", "worst", "highest", "lowest", "the"]);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^\d{1,3}$/.test(t)) continue;
    const prev = tokens[i - 1] ?? "";
    const next = tokens[i + 1] ?? "";
    const ranked = DESC_WORDS.has(next) || ASC_WORDS.has(next) || GOOD_WORDS.has(next) || BAD_WORDS.has(next);
    if ((before.has(prev) && (prev !== "the" || ranked)) || ranked)
      return { n: Math.max(1, Number(t)), index: i, cue: prev === "first" ? i - 1 : null };
  }
  return null;
}

/** "next 7 days", "12 months ahead", "the coming 4 weeks": periods and grain. */
export function horizonCue(
  tokens: string[],
): { n: number; grain: Grain | null; indexes: number[]; cue: number[] } | null {
  for (let i = 0; i < tokens.length; i++) {
    const ahead = /^(next|coming|following|upcoming)$/.test(tokens[i]!);
    const numberAt = ahead ? i + 1 : i;
    const n = tokens[numberAt];
    if (!isNumber(n)) continue;
    const grain = GRAIN_WORDS[tokens[numberAt + 1] ?? ""] ?? null;
    if (ahead || (grain && /^(ahead|out|forward)$/.test(tokens[numberAt + 2] ?? ""))) {
      const cue = ahead ? [i] : [numberAt + 2];
      return { n: Math.round(Number(n)), grain, indexes: [numberAt, numberAt + 1], cue };
    }
  }
  return null;
}

/**
 * Ranking direction. highest/most/largest/top → "desc"; lowest/least/fewest/bottom → "asc";
 * best → "desc" unless the measure is one where more is worse (delay, deaths, cost…), worst the reverse.
 */
export function directionCue(tokens: string[], measure: string | null): { direction: Direction; word: string } | null {
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
