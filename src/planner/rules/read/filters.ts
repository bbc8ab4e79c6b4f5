// Filters said in a question: numeric comparisons ("more than 100 horsepower", "8 cylinders"), years, months,
// known values. Each claims the words it reads in the ledger.
import type { ColumnProfile, DataDna } from "../../../data/index.js";
import type { Filter, Op } from "../intent.js";
import type { Ledger, Placement } from "./ledger.js";
import type { Mention } from "./mentions.js";
import { contentWords, UNIT_WORDS } from "./text.js";
import { isNumber } from "./tokens.js";
import { MONTHS } from "./vocabulary.js";

const COMPARATORS: Array<{ words: string[]; op: Op }> = [
  { words: ["no", "more", "than"], op: "<=" },
  { words: ["no", "less", "than"], op: ">=" },
  { words: ["more", "than"], op: ">" },
  { words: ["greater", "than"], op: ">" },
  { words: ["larger", "than"], op: ">" },
  { words: ["higher", "than"], op: ">" },
  { words: ["bigger", "than"], op: ">" },
  { words: ["at", "least"], op: ">=" },
  { words: ["less", "than"], op: "<" },
  { words: ["fewer", "than"], op: "<" },
  { words: ["lower", "than"], op: "<" },
  { words: ["smaller", "than"], op: "<" },
  { words: ["at", "most"], op: "<=" },
  { words: ["equal", "to"], op: "=" },
  { words: ["over"], op: ">" },
  { words: ["above"], op: ">" },
  { words: ["exceeding"], op: ">" },
  { words: ["under"], op: "<" },
  { words: ["below"], op: "<" },
  { words: ["exactly"], op: "=" },
];

const LINK = new Set(["is", "was", "are", "were", "of", "with", "a", "an", "the", "has", "had", "have", "be", "by"]);

export interface FilterScan {
  filters: Filter[];
  /** Filters said as a setting ("in Seattle", "from Japan") rather than as the thing counted. */
  context: Set<Filter>;
  /** Words read by a filter, a horizon or a "top N" (not by a mention). */
  usedTokens: Set<number>;
  usedMentions: Set<Mention>;
  ledger: Ledger;
}

/** Marks a word as read, with what read it. */
export function useToken(scan: FilterScan, index: number, placement: Placement): void {
  scan.usedTokens.add(index);
  scan.ledger.claim(index, placement);
}

/** Units a question may say after a number; hours, days and years are grains, never taken as a column's unit. */
const SAID_UNITS = new Set([
  ...UNIT_WORDS,
  ..."minute minutes dollars dollar pounds pound miles mile meters metres meter grams gram kilograms kilos degrees inches feet".split(
    " ",
  ),
]);

/** Spellings of one unit: a column's "lbs" is said "pounds". */
const SAME_UNIT: string[][] = [
  ["lbs", "lb", "pound", "pounds"],
  ["kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"],
  ["g", "gram", "grams"],
  ["mm", "millimeter", "millimeters", "millimetre", "millimetres"],
  ["cm", "centimeter", "centimeters", "centimetre", "centimetres"],
  ["km", "kilometer", "kilometers", "kilometre", "kilometres"],
  ["m", "meter", "meters", "metre", "metres"],
  ["min", "mins", "minute", "minutes"],
  ["sec", "secs", "second", "seconds"],
  ["ms", "millisecond", "milliseconds"],
  ["hr", "hrs", "hour", "hours"],
  ["usd", "dollar", "dollars"],
];
const sameUnit = (a: string, b: string) => a === b || SAME_UNIT.some((group) => group.includes(a) && group.includes(b));

/**
 * A unit said with a number for `column`: the column's own unit (from its name, "Body Mass (g)", "Weight_in_lbs"),
 * or, when the name states none, a general unit (the data is taken to be in it). A different unit than the
 * column's own is not read, so the condition is not applied on the wrong scale.
 */
function isUnitOf(token: string, column: ColumnProfile | undefined): boolean {
  const own = column
    ? [
        ...contentWords(column.name).optional,
        ...(/\(([^)]*)\)/.exec(column.name)?.[1] ?? "").toLowerCase().split(/\W+/),
      ]
    : [];
  const named = own.filter((w) => w !== "");
  if (named.some((unit) => sameUnit(unit, token))) return true;
  return named.length === 0 && SAID_UNITS.has(token);
}

const FILLER = new Set(["of", "in", "the"]);

const columnOf = (dna: DataDna, name: string | null): ColumnProfile | undefined =>
  dna.columns.find((c) => c.name === name);
const numericMention = (dna: DataDna, m: Mention | undefined): m is Mention =>
  m !== undefined && m.kind === "column" && columnOf(dna, m.column)?.numeric !== undefined;

/** Comparisons and equalities on numeric columns; consumes their words so they are not read twice. */
export function numericFilters(tokens: string[], mentions: Mention[], dna: DataDna, scan: FilterScan): void {
  const startingAt = (i: number) => mentions.find((m) => m.start === i);
  const endingAt = (i: number) => mentions.find((m) => m.end === i);
  // "more than 10 mm of precipitation": units and fillers between the number and the column are read with it.
  const after = (at: number): Mention | undefined => {
    for (let j = at + 1; j <= at + 3; j++) {
      const m = startingAt(j);
      if (!m) continue;
      if (!numericMention(dna, m)) return undefined;
      const profile = dna.columns.find((c) => c.name === m.column);
      const between = tokens.slice(at + 1, j);
      return between.every((t) => FILLER.has(t) || isUnitOf(t, profile)) ? m : undefined;
    }
    return undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (scan.usedTokens.has(i)) continue;
    const cmp = COMPARATORS.find((c) => c.words.every((w, k) => tokens[i + k] === w));
    if (!cmp) continue;
    const at = i + cmp.words.length;
    const raw = tokens[at]?.replace(/^\$/, "");
    if (!isNumber(raw)) continue;
    let column = after(at);
    let end = column ? column.start : at + 1;
    if (!column) {
      let back = i;
      while (back > 0 && LINK.has(tokens[back - 1]!)) back--;
      column = [endingAt(back), endingAt(i)].find((m) => numericMention(dna, m));
      // A unit said after the number ("over 100 mm") belongs to it.
      const profile = dna.columns.find((c) => c.name === column?.column);
      while (column && end < tokens.length && isUnitOf(tokens[end]!, profile) && !startingAt(end)) end++;
    }
    if (!column || scan.usedMentions.has(column)) continue;
    scan.filters.push({ kind: "compare", column: column.column!, op: cmp.op, value: Number(raw) });
    scan.usedMentions.add(column);
    for (let k = i; k < end; k++) useToken(scan, k, { as: "filter", column: column.column! });
  }
  for (let i = 0; i < tokens.length; i++) {
    if (scan.usedTokens.has(i) || !isNumber(tokens[i])) continue;
    const column = startingAt(i + 1);
    if (!numericMention(dna, column) || scan.usedMentions.has(column)) continue;
    scan.filters.push({ kind: "compare", column: column.column!, op: "=", value: Number(tokens[i]) });
    scan.usedMentions.add(column);
    useToken(scan, i, { as: "filter", column: column.column! });
  }
}

function yearBounds(column: ColumnProfile): [number, number] | null {
  if (!column.time) return null;
  const lo = Number(column.time.min.slice(0, 4));
  const hi = Number(column.time.max.slice(0, 4));
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/** The column years refer to: a mentioned time column, else the table's main time column, else an integer year. */
export function yearColumn(dna: DataDna, mentions: Mention[]): ColumnProfile | undefined {
  const mentioned = mentions.map((m) => columnOf(dna, m.column)).find((c) => c?.role === "time");
  return mentioned ?? columnOf(dna, dna.timeColumn) ?? dna.columns.find((c) => c.role === "time");
}

/** "in 2008", "since 1990", "before 2000", "between 1990 and 2000" on the year column. */
export function yearFilters(tokens: string[], mentions: Mention[], dna: DataDna, scan: FilterScan): void {
  const column = yearColumn(dna, mentions);
  const bounds = column ? yearBounds(column) : null;
  if (!column || !bounds) return;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (scan.usedTokens.has(i) || !/^\d{4}$/.test(t)) continue;
    const year = Number(t);
    if (year < bounds[0] - 200 || year > bounds[1] + 200) continue;
    if (mentions.some((m) => m.start <= i && i < m.end)) continue;
    const prev = tokens[i - 1] ?? "";
    const op = /^(since|from|after)$/.test(prev)
      ? prev === "after"
        ? ">"
        : ">="
      : /^(before|until|till|prior)$/.test(prev)
        ? "<"
        : prev === "between"
          ? ">="
          : prev === "and" && tokens[i - 3] === "between"
            ? "<="
            : prev === "to" && /^\d{4}$/.test(tokens[i - 2] ?? "")
              ? "<="
              : "=";
    // "1980 or later", "2000 and earlier", "1990 onwards": the bound includes the year.
    const [next = "", then = ""] = tokens.slice(i + 1, i + 3);
    const joined = next === "or" || next === "and";
    const tail = /^onwards?$/.test(next)
      ? 1
      : joined && /^(later|after|newer|earlier|before|older)$/.test(then)
        ? 2
        : 0;
    const bound = tail === 0 ? op : /^(earlier|before|older)$/.test(then) ? "<=" : ">=";
    scan.filters.push({ kind: "year", column: column.name, op: bound, year });
    for (let k = i; k <= i + tail; k++) useToken(scan, k, { as: "filter", column: column.name });
  }
}

const isTemporal = (column: ColumnProfile | undefined) => /^(DATE|TIMESTAMP)/.test(column?.type ?? "");

/**
 * "in March", "January 2014": a month of the year on the date column. Short forms ("mar") and "may" count only
 * next to a year or after "in"/"of"/"during", where they cannot be an ordinary word.
 */
export function monthFilters(tokens: string[], mentions: Mention[], dna: DataDna, scan: FilterScan): void {
  const column = [yearColumn(dna, mentions)].find(isTemporal) ?? dna.columns.find((c) => isTemporal(c));
  if (!column) return;
  tokens.forEach((t, i) => {
    const month = MONTHS[t];
    if (month === undefined || scan.usedTokens.has(i) || mentions.some((m) => m.start <= i && i < m.end)) return;
    const full = t.length > 3 && t !== "may";
    const anchored = /^\d{4}$/.test(tokens[i + 1] ?? "") || /^(in|of|during)$/.test(tokens[i - 1] ?? "");
    if (!full && !anchored) return;
    if (scan.filters.some((f) => f.kind === "month" && f.month === month)) return;
    scan.filters.push({ kind: "month", column: column.name, month });
    useToken(scan, i, { as: "filter", column: column.name });
  });
}

const SETTING = new Set(["in", "at", "for", "from", "of", "during", "within", "on"]);

/** Known values said in the question: one value is an equality, several of one column an IN list. */
export function valueFilters(tokens: string[], mentions: Mention[], scan: FilterScan): void {
  const byColumn = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (m.kind !== "value" || scan.usedMentions.has(m)) continue;
    byColumn.set(m.column!, [...(byColumn.get(m.column!) ?? []), m]);
  }
  for (const [column, found] of byColumn) {
    const values = [...new Set(found.map((m) => m.value!))];
    const filter: Filter =
      values.length === 1 ? { kind: "equals", column, value: values[0]! } : { kind: "in", column, values };
    scan.filters.push(filter);
    if (found.every((m) => SETTING.has(tokens[m.start - 1] ?? ""))) scan.context.add(filter);
    for (const m of found) scan.usedMentions.add(m);
  }
}
