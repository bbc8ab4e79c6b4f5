// Names a question clearly gives (a quoted string, a capitalised word mid-sentence) that match nothing in the
// table, and the known values closest to them, so the planner can ask back instead of dropping a filter.
import type { DataDna } from "../../../data/index.js";
import { knownValues, type Mention } from "./mentions.js";
import { humanize, stem, tokenize } from "./text.js";
import { isPlannerWord } from "./vocabulary.js";

/** Capitalised words that are ordinary English in a question, not names of values. */
const COMMON_CAPITALISED = new Set(
  (
    "i january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec " +
    "sql csv json python chart graph table please thanks ok"
  ).split(" "),
);

const QUOTED = /"([^"]+)"|“([^”]+)”|'([^']+)'(?![a-z])|‘([^’]+)’/g;
/** A run of capitalised words (or all-capital codes), e.g. "New York", "China", "JFK". */
const CAPITALISED = /\b[A-Z][A-Za-z0-9&.'-]*(?:\s+[A-Z][A-Za-z0-9&.'-]*)*/g;

function candidates(question: string): string[] {
  const found: string[] = [];
  for (const m of question.matchAll(QUOTED)) found.push((m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").trim());
  const unquoted = question.replace(QUOTED, " ");
  for (const m of unquoted.matchAll(CAPITALISED)) {
    const before = unquoted.slice(0, m.index ?? 0).trimEnd();
    // The first word of a sentence is capitalised anyway; only a name after it counts.
    const sentenceStart = before === "" || /[.!?:]$/.test(before);
    const name = (sentenceStart ? m[0].split(/\s+/).slice(1) : [m[0]]).join(" ").trim();
    if (name) found.push(name);
  }
  return [...new Set(found.filter((f) => f.length > 0))];
}

const isVocabulary = (word: string) => isPlannerWord(word) || COMMON_CAPITALISED.has(word) || /^\d/.test(word);

/** Names said in the question whose words no column, value or grain mention explains. */
export function unknownNames(question: string, tokens: string[], mentions: Mention[], dna: DataDna): string[] {
  const explained = new Set<string>();
  for (const m of mentions) for (const t of tokens.slice(m.start, m.end)) explained.add(stem(t));
  const tableWords = new Set(tokenize(dna.table.replace(/[_.-]+/g, " ")).map(stem));
  return candidates(question).filter((name) => {
    const words = tokenize(name);
    return words.some((w) => !explained.has(stem(w)) && !tableWords.has(stem(w)) && !isVocabulary(w));
  });
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export interface CloseValue {
  column: string;
  value: string;
}

/** Up to five known text values nearest to `name` by edit distance (or sharing its start), closest first. */
export function closeValues(name: string, dna: DataDna): CloseValue[] {
  const target = name.toLowerCase();
  const scored: Array<CloseValue & { d: number }> = [];
  for (const column of dna.columns) {
    if (column.role === "measure" || column.role === "time") continue;
    for (const value of knownValues(column)) {
      if (typeof value !== "string") continue;
      const v = value.toLowerCase();
      const d = distance(target, v);
      const prefix = Math.min(target.length, v.length) >= 3 && (v.startsWith(target) || target.startsWith(v));
      if (d <= Math.max(1, Math.floor(target.length / 3)) || prefix) scored.push({ column: column.name, value, d });
    }
  }
  return scored
    .sort((a, b) => a.d - b.d || a.value.localeCompare(b.value))
    .slice(0, 5)
    .map(({ column, value }) => ({ column, value }));
}

/** Text columns whose values a question could name, for the message when nothing is close. */
export function valueColumns(dna: DataDna): string[] {
  return dna.columns
    .filter((c) => c.role !== "measure" && c.role !== "time" && knownValues(c).some((v) => typeof v === "string"))
    .map((c) => humanize(c.name));
}
