// What a row is called ("cars", "days", "flights") and whether "how many X" counts rows or adds up a measure X.
import type { DataDna } from "../../../data/index.js";
import type { Mention } from "./mentions.js";
import { nameWords, plural, stem } from "./text.js";
import { ROW_NOUNS, STOP_WORDS, synonymsOf } from "./vocabulary.js";

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

/** Cues that ask for a count by themselves (the others are share or direction words, read by those). */
const COUNTING = new Set(["how many", "number of", "count of"]);

export interface EntityRead {
  /** The noun rows are called by in the question, if one was said and it names the table's rows. */
  word: string | null;
  /** Set when the counted thing is a measure column ("how many people", "number of deaths"): add it up. */
  measure: Mention | null;
  /** Token indexes of the counted noun. */
  indexes: number[];
  /** Token indexes of "how many" / "number of". */
  cue: number[];
  /** "how many countries": a column that is not a measure, named as what is counted (its distinct values). */
  column: Mention | null;
}

/** Words of the table's name, singular: "flights_20k" → flight, "seattle_weather" → seattle, weather. */
export function tableWords(dna: DataDna): Set<string> {
  return new Set(nameWords(dna.table).map(stem));
}

/**
 * Whether a noun names the table's rows: a word of the table's name (or its synonym), a general word for rows
 * ("rows", "records"), or the time grain one row stands for ("days" in a table with one row a day).
 */
export function namesRows(word: string, dna: DataDna): boolean {
  if (ROW_NOUNS.has(word)) return true;
  const words = tableWords(dna);
  const s = stem(word);
  if (words.has(s) || [...synonymsOf(word), ...synonymsOf(s)].some((w) => words.has(stem(w)))) return true;
  return plural(defaultEntity(dna)) === plural(word) || stem(defaultEntity(dna)) === s;
}

/** Reads the noun after "how many", "number of", "most" …: a free word, a grain word ("days") or a measure. */
export function readEntity(tokens: string[], mentions: Mention[], dna: DataDna, used: Set<number>): EntityRead {
  const owner = (i: number) => mentions.find((m) => m.start <= i && i < m.end);
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue; // "at least 6 cylinders" is a filter, not "least cylinders"
    const words = COUNT_CUES.find((cue) => cue.every((w, k) => tokens[i + k] === w));
    if (!words) continue;
    const cue = COUNTING.has(words.join(" ")) ? words.map((_, k) => i + k) : [];
    for (let j = i + words.length; j < Math.min(tokens.length, i + words.length + 3); j++) {
      const t = tokens[j]!;
      const m = owner(j);
      if (m?.kind === "column") {
        const column = dna.columns.find((c) => c.name === m.column);
        if (column?.role === "measure") return { word: null, measure: m, indexes: [], cue, column: null };
        return {
          word: null,
          measure: null,
          indexes: [],
          cue,
          column: cue.length > 0 && column?.role !== "time" ? m : null,
        };
      }
      if (m?.kind === "value") continue;
      if (m?.kind === "grain") return { word: plural(t), measure: null, indexes: [j], cue, column: null };
      if (STOP_WORDS.has(t) || /^\d/.test(t) || t === "total" || t === "distinct" || t === "unique") continue;
      // A noun that does not name the rows ("how many matches" in a table of goals) is not read as them.
      if (!namesRows(t, dna)) return { word: null, measure: null, indexes: [], cue, column: null };
      return { word: t, measure: null, indexes: [j], cue, column: null };
    }
    if (cue.length > 0) return { word: null, measure: null, indexes: [], cue, column: null };
  }
  return { word: null, measure: null, indexes: [], cue: [], column: null };
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
