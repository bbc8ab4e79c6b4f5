// Grouping said in a question: "by X", "per year", "on each island", "which origin …", "top 5 directors …".
import type { ColumnProfile, DataDna } from "../../../data/index.js";
import type { Grain, GroupKey } from "../intent.js";
import type { Mention } from "./mentions.js";
import { nameWords } from "./text.js";
import { GRAIN_WORDS } from "./vocabulary.js";

const GROUP_CUES = new Set(["by", "per", "each", "every", "across", "for"]);
const SKIPPABLE = new Set(["the", "a", "an", "of", "its", "their"]);

const isTemporal = (type: string) => /^(DATE|TIMESTAMP)/.test(type);

/** Grain names the column's own spacing: a "date" column at day grain, a "month" column at month grain. */
function nativeGrain(column: ColumnProfile): Grain {
  const grain = column.time?.grain ?? "day";
  return grain === "minute" || grain === "second" ? "day" : grain;
}

/** The time column a grain word refers to: one named after the grain ("year", "month"), else the main one. */
export function grainColumn(dna: DataDna, grain: Grain): ColumnProfile | undefined {
  const temporal = dna.columns.filter((c) => c.role === "time");
  const named = temporal.find((c) => nameWords(c.name).some((w) => GRAIN_WORDS[w] === grain));
  const main = temporal.find((c) => c.name === dna.timeColumn);
  if (grain === "year" && named) return named;
  return main && isTemporal(main.type) ? main : (temporal.find((c) => isTemporal(c.type)) ?? named ?? main);
}

/** A group key for a time column: integer year columns group as they are; dates by the grain said. */
export function timeKey(column: ColumnProfile, grain: Grain | undefined): GroupKey {
  if (!isTemporal(column.type)) return { column: column.name };
  return { column: column.name, grain: grain ?? nativeGrain(column) };
}

export type GroupRead =
  | { kind: "group"; key: GroupKey; mention: Mention }
  | { kind: "rank-by"; measure: string; mention: Mention };

/** Reads the mention after a cue as a grouping, or (for "by <measure>") as the measure to rank by. */
export function readGroup(dna: DataDna, m: Mention, otherMeasure: boolean): GroupRead | null {
  if (m.kind === "value") return null;
  if (m.kind === "grain") {
    const column = grainColumn(dna, m.grain!);
    return column ? { kind: "group", key: timeKey(column, m.grain), mention: m } : null;
  }
  const column = dna.columns.find((c) => c.name === m.column);
  if (!column) return null;
  if (column.role === "time") {
    const said = m.text
      .split(" ")
      .map((w) => GRAIN_WORDS[w])
      .find((g) => g !== undefined);
    return { kind: "group", key: timeKey(column, said), mention: m };
  }
  if (column.role === "measure") {
    const fewValues = column.numeric?.integer === true && column.distinct <= 25;
    return fewValues && otherMeasure
      ? { kind: "group", key: { column: column.name }, mention: m }
      : { kind: "rank-by", measure: column.name, mention: m };
  }
  return { kind: "group", key: { column: column.name }, mention: m };
}

/** The mention that starts within two words after index `i` (skipping articles and a "top N" number). */
export function mentionAfter(tokens: string[], mentions: Mention[], i: number, skip: Set<number>): Mention | undefined {
  let j = i + 1;
  while (j < tokens.length && (SKIPPABLE.has(tokens[j]!) || skip.has(j))) j++;
  return mentions.find((m) => m.start === j);
}

/** Group cues in question order: "by/per/each/across X" first, then "which X" and "top N X". */
export function groupCandidates(
  tokens: string[],
  mentions: Mention[],
  skip: Set<number>,
  topIndex: number | null,
): Mention[] {
  const found: Mention[] = [];
  tokens.forEach((t, i) => {
    if (!GROUP_CUES.has(t)) return;
    if (t === "for" && tokens[i + 1] !== "each" && tokens[i + 1] !== "every") return;
    const m = mentionAfter(tokens, mentions, i, skip);
    if (m) found.push(m);
  });
  // "monthly", "daily", "annual": the adverb is its own grouping.
  for (const m of mentions) if (m.kind === "grain" && /ly$|^annual$/.test(m.text)) found.push(m);
  tokens.forEach((t, i) => {
    const labelCue = t === "which" || t === "what" || (topIndex !== null && i === topIndex);
    if (!labelCue) return;
    const m = mentionAfter(tokens, mentions, i, skip);
    if (m && m.kind !== "value") found.push(m);
  });
  return found;
}

/** The time key for a trend or series when none was said: the grain giving at most ~120 periods. */
export function autoTimeKey(dna: DataDna, grain: Grain | null): GroupKey | null {
  const column = grainColumn(dna, grain ?? "day");
  if (!column) return null;
  if (grain) return timeKey(column, grain);
  if (!column.time || !/^(DATE|TIMESTAMP)/.test(column.type)) return timeKey(column, undefined);
  const days = (Date.parse(column.time.max) - Date.parse(column.time.min)) / 86_400_000;
  const order: Array<[Grain, number]> = [
    ["hour", 1 / 24],
    ["day", 1],
    ["week", 7],
    ["month", 30.4],
    ["quarter", 91],
    ["year", 365],
  ];
  const native = order.findIndex(([g]) => g === column.time!.grain);
  const pick = order.find(([, size], i) => i >= Math.max(native, 0) && days / size <= 120) ?? order.at(-1)!;
  return timeKey(column, pick[0]);
}
