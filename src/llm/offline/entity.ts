// What a row is called ("cars", "days", "flights") and whether "how many X" counts rows or adds up a measure X.
import type { DataDna } from "../../data/index.js";
import type { Mention } from "./mentions.js";
import { nameWords, plural } from "./text.js";
import { STOP_WORDS } from "./vocabulary.js";

const COUNT_CUES: string[][] = [
  ["how", "many"],
  ["number", "of"],
  ["count", "of"],
  ["percentage", "of"],
  ["percent", "of"],
  ["share", "of"],
  ["proportion", "of"],
  ["fraction", "of"],
  ["most"],
  ["fewest"],
  ["least"],
];

export interface EntityRead {
  /** The noun rows are called by in the question, if one was said. */
  word: string | null;
  /** Set when the counted thing is a measure column ("how many people", "number of deaths"): add it up. */
  measure: Mention | null;
  /** Token indexes of the counted noun. */
  indexes: number[];
}

/** Reads the noun after "how many", "number of", "most" …: a free word, a grain word ("days") or a measure. */
export function readEntity(tokens: string[], mentions: Mention[], dna: DataDna, used: Set<number>): EntityRead {
  const owner = (i: number) => mentions.find((m) => m.start <= i && i < m.end);
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue; // "at least 6 cylinders" is a filter, not "least cylinders"
    const cue = COUNT_CUES.find((words) => words.every((w, k) => tokens[i + k] === w));
    if (!cue) continue;
    for (let j = i + cue.length; j < Math.min(tokens.length, i + cue.length + 3); j++) {
      const t = tokens[j]!;
      const m = owner(j);
      if (m?.kind === "column") {
        const column = dna.columns.find((c) => c.name === m.column);
        if (column?.role === "measure") return { word: null, measure: m, indexes: [] };
        break;
      }
      if (m?.kind === "value") continue;
      if (m?.kind === "grain") return { word: plural(t), measure: null, indexes: [j] };
      if (STOP_WORDS.has(t) || /^\d/.test(t) || t === "total" || t === "distinct" || t === "unique") continue;
      return { word: t, measure: null, indexes: [j] };
    }
  }
  return { word: null, measure: null, indexes: [] };
}

/** A name for the table's rows when the question gives none: "cars", "days" (one row a day), else "rows". */
export function defaultEntity(dna: DataDna): string {
  const words = nameWords(dna.table).filter((w) => /^[a-z]+$/.test(w));
  const last = words.at(-1);
  if (last && last.length > 3 && last.endsWith("s") && !last.endsWith("ss")) return last;
  const time = dna.columns.find((c) => c.name === dna.timeColumn);
  if (time?.time && time.distinct >= dna.rowCount * 0.8) {
    const grain = time.time.grain;
    if (grain === "day" || grain === "month" || grain === "year" || grain === "week" || grain === "hour")
      return `${grain}s`;
  }
  return "rows";
}
