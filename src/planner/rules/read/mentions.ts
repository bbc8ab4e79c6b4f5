// Finds what a question's words refer to in one table: columns (by name words, synonyms, abbreviations and
// initialisms of their names, or a superlative adjective), known values, and time grains.
import type { Cell, ColumnProfile, DataDna } from "../../../data/index.js";
import type { Direction, Grain } from "../intent.js";
import { HIGH_END, LOW_END, superlative } from "./adjectives.js";
import { abbreviates, contentWords, initialism, nameWords, stem, tokenize, valueForms } from "./text.js";
import { AGG_WORDS, ASC_WORDS, DESC_WORDS, GRAIN_WORDS, isPlannerWord, STOP_WORDS, synonymsOf } from "./vocabulary.js";

export interface Mention {
  /** Token span [start, end). */
  start: number;
  end: number;
  kind: "column" | "value" | "grain";
  /** The column meant (for a grain: null until resolved against the time column). */
  column: string | null;
  value?: string;
  grain?: Grain;
  /** The question words covered, joined by spaces. */
  text: string;
  score: number;
  /** Share of the column's name words that were said (1 for values and grains). */
  coverage: number;
  /** A superlative adjective naming the column ("hottest"): the direction it ranks in. */
  direction?: Direction;
  /** A value that other columns hold too ("SEA" as origin and destination): those columns. */
  alsoIn?: string[];
  /** Set when the question does not say which of these columns holds the value: it is not read as any. */
  ambiguous?: string[];
}

/** Grammar words that never name a column. */
const GRAMMAR = new Set("a an the of in on at to for from by with and or is are was were be what which how".split(" "));
const FILLERS = new Set(["of", "per", "in", "the", "and"]);
const OPERATOR_WORDS = new Set([...Object.keys(AGG_WORDS), ...DESC_WORDS, ...ASC_WORDS]);

const GRAIN_PHRASES: Array<{ words: string[]; grain: Grain }> = [
  { words: ["hour", "of", "the", "day"], grain: "hour" },
  { words: ["hour", "of", "day"], grain: "hour" },
  { words: ["time", "of", "day"], grain: "hour" },
  { words: ["day", "of", "the", "week"], grain: "weekday" },
  { words: ["day", "of", "week"], grain: "weekday" },
  { words: ["day-of-week"], grain: "weekday" },
  { words: ["month", "of", "the", "year"], grain: "month_of_year" },
  { words: ["month", "of", "year"], grain: "month_of_year" },
];

/**
 * How well a question word names a column word: 1 exact, 0.95 stem, 0.8 synonym, 0.75 abbreviation ("hp" for
 * horsepower), 0.7 shared prefix.
 */
export function wordQuality(q: string, w: string): number {
  if (q === w) return 1;
  if (GRAMMAR.has(q)) return 0;
  const sq = stem(q);
  const sw = stem(w);
  if (sq === sw) return 0.95;
  if (STOP_WORDS.has(q)) return 0;
  if (synonymsOf(q).has(w) || synonymsOf(sq).has(w) || synonymsOf(q).has(sw) || synonymsOf(sq).has(sw)) return 0.8;
  if (!isPlannerWord(q) && abbreviates(q, w)) return 0.75;
  const [short, long] = q.length <= w.length ? [q, w] : [w, q];
  return short.length >= 4 && long.startsWith(short) ? 0.7 : 0;
}

/** "mpg" for Miles_per_Gallon, "gdp" for gross_domestic_product: a whole column named by its initials. */
function initialismMentions(tokens: string[], column: ColumnProfile): Mention[] {
  const words = nameWords(column.name);
  if (words.length < 2) return [];
  const { required } = contentWords(column.name);
  const forms = new Set([initialism(column.name), required.map((w) => w[0]).join("")]);
  const found: Mention[] = [];
  tokens.forEach((token, i) => {
    if (token.length < 2 || !forms.has(token) || isPlannerWord(token)) return;
    found.push({
      start: i,
      end: i + 1,
      kind: "column",
      column: column.name,
      text: token,
      score: required.length,
      coverage: 1,
    });
  });
  return found;
}

/**
 * "the hottest day": a superlative whose quality a measure column names (temperature), ranking in its direction.
 * Of a high/low pair (temp_max, temp_min) the end the superlative points to is meant.
 */
function superlativeMentions(tokens: string[], dna: DataDna): Mention[] {
  const found: Mention[] = [];
  tokens.forEach((token, i) => {
    const quality = superlative(token);
    if (!quality) return;
    const named = dna.columns.filter(
      (c) =>
        c.role === "measure" &&
        contentWords(c.name).required.some((w) => quality.nouns.some((noun) => wordQuality(noun, w) >= 0.7)),
    );
    if (named.length === 0) return;
    const end = quality.direction === "desc" ? HIGH_END : LOW_END;
    const column = named.find((c) => nameWords(c.name).some((w) => end.test(w))) ?? named[0]!;
    found.push({
      start: i,
      end: i + 1,
      kind: "column",
      column: column.name,
      text: token,
      score: 1,
      coverage: 1,
      direction: quality.direction,
    });
  });
  return found;
}

function columnMentions(tokens: string[], column: ColumnProfile): Mention[] {
  const { required, optional } = contentWords(column.name);
  const words = [...required, ...optional];
  const found: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const used = new Set<number>();
    let score = 0;
    let end = i;
    for (let j = i; j < tokens.length; j++) {
      let best = -1;
      let quality = 0;
      words.forEach((word, k) => {
        if (used.has(k)) return;
        const q = wordQuality(tokens[j]!, word);
        if (q > quality) [best, quality] = [k, q];
      });
      if (best >= 0) {
        used.add(best);
        score += best < required.length ? quality : quality * 0.3;
        end = j + 1;
      } else if (!(FILLERS.has(tokens[j]!) && j > i)) break;
    }
    if (end > i) {
      const said = [...used].filter((k) => k < required.length).length;
      const text = tokens.slice(i, end).join(" ");
      // "max" alone is an aggregation, not the column temp_max; it names the column only with another word.
      const onlyOperators = tokens.slice(i, end).every((t) => FILLERS.has(t) || OPERATOR_WORDS.has(t));
      if (onlyOperators && said < required.length) continue;
      found.push({ start: i, end, kind: "column", column: column.name, text, score, coverage: said / required.length });
    }
  }
  return found;
}

/** The values a question can name: every value when the profile kept them all, else the most frequent ones. */
export function knownValues(column: ColumnProfile): Cell[] {
  return column.values ?? (column.top ?? []).map((t) => t.value);
}

/** Short all-capital values ("R", "PG") only count when written that way in the question. */
function valueMentions(tokens: string[], column: ColumnProfile, question: string): Mention[] {
  const found: Mention[] = [];
  for (const value of knownValues(column)) {
    if (typeof value !== "string") continue;
    const raw = value.trim();
    const words = tokenize(raw);
    if (words.length === 0 || words.every((w) => STOP_WORDS.has(w) || /^[0-9.]+$/.test(w))) continue;
    // Codes that spell a word the planner reads ("DAY", "FOR", "AVG") count only when written in capitals.
    const code = raw.length <= 4 && raw === raw.toUpperCase() && /[A-Z]/.test(raw) && isPlannerWord(raw.toLowerCase());
    if (
      (raw.length <= 2 || code) &&
      !new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(raw)}($|[^A-Za-z0-9])`).test(question)
    ) {
      continue;
    }
    for (let i = 0; i + words.length <= tokens.length; i++) {
      let exact = true;
      const ok = words.every((w, k) => {
        const t = tokens[i + k]!;
        if (t === w) return true;
        exact = false;
        return words.length === 1 ? w.length >= 3 && valueForms(w).includes(t) : stem(t) === stem(w);
      });
      if (!ok) continue;
      const score = words.length * (exact ? 1.1 : 1.0);
      const text = tokens.slice(i, i + words.length).join(" ");
      found.push({
        start: i,
        end: i + words.length,
        kind: "value",
        column: column.name,
        value: raw,
        text,
        score,
        coverage: 1,
      });
    }
  }
  return found;
}

function grainMentions(tokens: string[]): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of GRAIN_PHRASES) {
      if (phrase.words.every((w, k) => tokens[i + k] === w)) {
        const end = i + phrase.words.length;
        const text = phrase.words.join(" ");
        found.push({
          start: i,
          end,
          kind: "grain",
          column: null,
          grain: phrase.grain,
          text,
          score: phrase.words.length,
          coverage: 1,
        });
      }
    }
    const grain = GRAIN_WORDS[tokens[i]!];
    if (grain)
      found.push({
        start: i,
        end: i + 1,
        kind: "grain",
        column: null,
        grain,
        text: tokens[i]!,
        score: 0.9,
        coverage: 1,
      });
  }
  return found;
}

/** The best non-overlapping mentions of `dna` in the question, in question order. */
export function findMentions(tokens: string[], dna: DataDna, question: string): Mention[] {
  const all: Mention[] = [...grainMentions(tokens), ...superlativeMentions(tokens, dna)];
  for (const column of dna.columns) {
    all.push(...columnMentions(tokens, column), ...initialismMentions(tokens, column));
    if ((column.values || column.top) && column.role !== "measure" && column.role !== "time")
      all.push(...valueMentions(tokens, column, question));
  }
  const order = dna.columns.map((c) => c.name);
  all.sort(
    (a, b) =>
      b.score - a.score ||
      b.coverage - a.coverage ||
      order.indexOf(a.column ?? "") - order.indexOf(b.column ?? "") ||
      a.start - b.start,
  );
  const taken = new Set<number>();
  const chosen: Mention[] = [];
  for (const m of all) {
    if (m.score < 0.7) continue;
    let free = true;
    for (let k = m.start; k < m.end; k++) if (taken.has(k)) free = false;
    if (!free) continue;
    for (let k = m.start; k < m.end; k++) taken.add(k);
    const others = all.filter(
      (o) =>
        o.kind === "value" && m.kind === "value" && o.column !== m.column && o.start === m.start && o.end === m.end,
    );
    chosen.push(others.length > 0 ? { ...m, alsoIn: [...new Set(others.map((o) => o.column!))] } : m);
  }
  return resolveShared(
    tokens,
    chosen.sort((a, b) => a.start - b.start),
  );
}

/** Words before a value that say which of two columns holds it: "from SEA" (origin), "to SEA" (destination). */
const FROM_WORDS = /^(from|leaving|departing|out)$/;
const TO_WORDS = /^(to|into|arriving|towards|bound)$/;
const FROM_COLUMN = /^(origin|source|from|departure|departures|depart|start|sender|src)$/;
const TO_COLUMN = /^(destination|dest|to|arrival|arrivals|arrive|target|end|receiver|recipient|dst)$/;

/**
 * A value more than one column holds is read as one column's only when the question says which: a column named
 * right before it ("destination SEA"), or a preposition that matches a column's name ("to SEA"). Otherwise it is
 * left unread, so the question is asked back rather than filtered on a guess.
 */
function resolveShared(tokens: string[], mentions: Mention[]): Mention[] {
  return mentions.flatMap((m) => {
    if (!m.alsoIn) return [m];
    const candidates = [m.column!, ...m.alsoIn];
    const named = mentions.find((o) => o.kind === "column" && o.end === m.start && candidates.includes(o.column!));
    const before = tokens[m.start - 1] ?? "";
    const words = FROM_WORDS.test(before) ? FROM_COLUMN : TO_WORDS.test(before) ? TO_COLUMN : null;
    const byWord = words ? candidates.filter((c) => nameWords(c).some((w) => words.test(w))) : [];
    const column = named?.column ?? (byWord.length === 1 ? byWord[0] : undefined);
    if (!column) return [{ ...m, ambiguous: candidates }];
    const { alsoIn: _others, ...rest } = m;
    return [{ ...rest, column }];
  });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
