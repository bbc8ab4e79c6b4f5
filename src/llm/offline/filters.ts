// Filters said in a question: numeric comparisons ("more than 100 horsepower", "8 cylinders"), years, known values.
import type { ColumnProfile, DataDna } from "../../data/index.js";
import { isNumber } from "./cues.js";
import type { Mention } from "./mentions.js";
import type { Filter } from "./types.js";

type Op = ">" | ">=" | "<" | "<=" | "=";

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

const LINK = new Set(["is", "was", "are", "were", "of", "with", "a", "an", "the", "has", "had", "have", "be"]);

export interface FilterScan {
  filters: Filter[];
  /** Filters said as a setting ("in Seattle", "from Japan") rather than as the thing counted. */
  context: Set<Filter>;
  usedTokens: Set<number>;
  usedMentions: Set<Mention>;
}

const columnOf = (dna: DataDna, name: string | null): ColumnProfile | undefined =>
  dna.columns.find((c) => c.name === name);
const numericMention = (dna: DataDna, m: Mention | undefined): m is Mention =>
  m !== undefined && m.kind === "column" && columnOf(dna, m.column)?.numeric !== undefined;

/** Comparisons and equalities on numeric columns; consumes their words so they are not read twice. */
export function numericFilters(tokens: string[], mentions: Mention[], dna: DataDna, scan: FilterScan): void {
  const startingAt = (i: number) => mentions.find((m) => m.start === i);
  const endingAt = (i: number) => mentions.find((m) => m.end === i);
  for (let i = 0; i < tokens.length; i++) {
    const cmp = COMPARATORS.find((c) => c.words.every((w, k) => tokens[i + k] === w));
    if (!cmp) continue;
    const at = i + cmp.words.length;
    const raw = tokens[at]?.replace(/^\$/, "");
    if (!isNumber(raw)) continue;
    // "more than 10 mm of precipitation": a unit and a filler may sit between the number and the column.
    let column = [startingAt(at + 1), startingAt(at + 2), startingAt(at + 3)].find(
      (m) => numericMention(dna, m) && !mentions.some((o) => o !== m && o.start > at && o.start < m.start),
    );
    if (!column) {
      let back = i;
      while (back > 0 && LINK.has(tokens[back - 1]!)) back--;
      column = [endingAt(back), endingAt(i)].find((m) => numericMention(dna, m));
    }
    if (!column || scan.usedMentions.has(column)) continue;
    scan.filters.push({ kind: "compare", column: column.column!, op: cmp.op, value: Number(raw) });
    scan.usedMentions.add(column);
    for (let k = i; k <= at; k++) scan.usedTokens.add(k);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (scan.usedTokens.has(i) || !isNumber(tokens[i])) continue;
    const column = startingAt(i + 1);
    if (!numericMention(dna, column) || scan.usedMentions.has(column)) continue;
    scan.filters.push({ kind: "compare", column: column.column!, op: "=", value: Number(tokens[i]) });
    scan.usedMentions.add(column);
    scan.usedTokens.add(i);
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
    scan.filters.push({ kind: "year", column: column.name, op, year });
    scan.usedTokens.add(i);
  }
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
