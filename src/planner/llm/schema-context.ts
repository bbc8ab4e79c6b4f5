// The tables as the model sees them: columns ranked by relevance to the question, the whole channel within one
// character budget (a small model's context holds 20 wide tables this way), known values of filter-like columns
// in full, date ranges, joins. The plan and its repairs see exactly the same text.
import type { ColumnProfile, DataDna, TableRelationship } from "../../data/index.js";
import { formatNumber } from "../../util/index.js";
import type { PriorTurn } from "../planner.js";
import { quoteName } from "./fence.js";

/** Characters of schema text across all tables (about 3,500 tokens). */
export const SCHEMA_BUDGET_CHARS = 14_000;
/** Each table shows at least this many of its most relevant columns in full, when the budget allows. */
const MIN_COLUMNS_PER_TABLE = 4;
/** A relevant column's list of known values is cut past this many characters (200 short values fit). */
const VALUES_CHARS = 4_000;
/** Characters kept per table for naming the columns that did not fit. */
const NAMES_PER_TABLE = 200;

export interface SchemaContext {
  text: string;
  /** Columns shown only by name, and tables shown only by name, for the budget note. */
  omittedColumns: number;
  omittedTables: number;
  budget: number;
}

interface Ranked {
  dna: DataDna;
  score: number;
  columns: Array<{ column: ColumnProfile; score: number; line: string }>;
}

export function schemaContext(
  question: string,
  tables: readonly DataDna[],
  history: readonly PriorTurn[] = [],
  budget = SCHEMA_BUDGET_CHARS,
): SchemaContext {
  const asked = new Set(words(question));
  const askedText = question.toLowerCase();
  const earlierSql = history.map((turn) => turn.sql ?? "").join("\n");
  const ranked = tables
    .map((dna) => rankTable(dna, asked, askedText, earlierSql))
    .sort((a, b) => b.score - a.score || a.dna.table.localeCompare(b.dna.table));

  const headers = ranked.map((table) => header(table.dna));
  const joins = relationships(tables);
  // Budget: headers always; then a share kept for naming the columns left out (so every column is at least
  // named) and for the joins; the rest for column lines, the most relevant first across tables.
  const reserve = Math.min(ranked.length * NAMES_PER_TABLE, Math.floor(budget * 0.25)) + Math.min(joins.length, 1_200);
  let used = headers.reduce((sum, line) => sum + line.length + 1, 0);
  const columnBudget = budget - reserve;
  const shown = ranked.map(() => [] as string[]);
  const taken = ranked.map(() => new Set<number>());
  const take = (t: number, c: number) => {
    const line = ranked[t].columns[c].line;
    if (used + line.length + 1 > columnBudget) return;
    shown[t].push(line);
    taken[t].add(c);
    used += line.length + 1;
  };
  // Every table first shows its few most relevant columns; then the best of what is left, across tables.
  for (let t = 0; t < ranked.length; t++) {
    for (let c = 0; c < Math.min(MIN_COLUMNS_PER_TABLE, ranked[t].columns.length); c++) take(t, c);
  }
  const rest = ranked
    .flatMap((table, t) => table.columns.map((column, c) => ({ t, c, score: column.score })))
    .filter(({ t, c }) => !taken[t].has(c))
    .sort((a, b) => b.score - a.score || a.t - b.t || a.c - b.c);
  for (const { t, c } of rest) take(t, c);

  let omittedColumns = 0;
  let omittedTables = 0;
  const namesShare = Math.max(
    60,
    Math.floor((budget - used - Math.min(joins.length, 1_200)) / Math.max(1, ranked.length)),
  );
  const blocks = ranked.map((table, t) => {
    const lines = [headers[t], ...shown[t]];
    const names = table.columns.filter((_, c) => !taken[t].has(c)).map((entry) => quoteName(entry.column.name));
    omittedColumns += names.length;
    if (shown[t].length === 0 && names.length > 0) omittedTables += 1;
    if (names.length > 0) {
      const line = `- other columns (by name only): ${listWithin(names, Math.min(NAMES_PER_TABLE * 2, namesShare - 40))}`;
      lines.push(line);
      used += line.length + 1;
    }
    return lines;
  });
  // A sample row per table when room is left, most relevant table first.
  for (const [t, table] of ranked.entries()) {
    const sample = table.dna.sample[0];
    if (!sample) continue;
    const line = `- sample row: ${clipText(JSON.stringify(sample), 300)}`;
    if (used + line.length + 1 > budget - Math.min(joins.length, 1_200)) break;
    blocks[t].push(line);
    used += line.length + 1;
  }
  const text = blocks.map((lines) => lines.join("\n"));
  if (joins.length > 0)
    text.push(`JOINS (columns whose values are found in another table's key):\n${clipText(joins, 1_200)}`);
  return { text: text.join("\n\n"), omittedColumns, omittedTables, budget };
}

function rankTable(dna: DataDna, asked: Set<string>, askedText: string, earlierSql: string): Ranked {
  const keys = new Set(
    (dna.relationships ?? []).flatMap((r) => [
      r.from.table === dna.table ? r.from.column : null,
      r.to.table === dna.table ? r.to.column : null,
    ]),
  );
  const columns = dna.columns
    .map((column) => ({ column, score: columnScore(column, asked, askedText, earlierSql, keys.has(column.name)) }))
    .map((entry) => ({ ...entry, line: `- ${describeColumn(entry.column, entry.score > 1)}` }))
    .sort((a, b) => b.score - a.score);
  const tableWords = words(dna.table);
  const named = tableWords.length > 0 && tableWords.every((word) => asked.has(word)) ? 3 : 0;
  const top = columns.slice(0, 3).reduce((sum, entry) => sum + entry.score, 0);
  return { dna, score: named + top, columns };
}

function columnScore(
  column: ColumnProfile,
  asked: Set<string>,
  askedText: string,
  earlierSql: string,
  isKey: boolean,
): number {
  let score = 0;
  const parts = words(column.name);
  const hits = parts.filter((part) => asked.has(part) || [...asked].some((word) => related(word, part))).length;
  if (parts.length > 0) score += (3 * hits) / parts.length;
  const compact = column.name.toLowerCase().replace(/[^a-z0-9]+/g, "");
  if (compact.length >= 3 && askedText.replace(/[^a-z0-9]+/g, "").includes(compact)) score += 2;
  const values = (column.values ?? column.top?.map((t) => t.value) ?? []).filter((v) => typeof v === "string");
  if (values.some((value) => mentions(askedText, String(value)))) score += 3;
  if (earlierSql.includes(column.name)) score += 1.5;
  score += { time: 0.6, measure: 0.3, status: 0.2, dimension: 0.1, identifier: -0.2, text: -0.4 }[column.role];
  if (isKey) score += 0.4;
  return score;
}

function header(dna: DataDna): string {
  const times = dna.columns
    .filter((c) => c.time)
    .slice(0, 2)
    .map((c) => `${quoteName(c.name)} ${c.time!.min} → ${c.time!.max}`);
  const dates = times.length > 0 ? `; dates: ${times.join(", ")}` : "";
  return `TABLE ${quoteName(dna.table)} (${dna.rowCount} rows, ${dna.columnCount} columns; from file ${quoteName(dna.sourceFile)}${dates})`;
}

function describeColumn(column: ColumnProfile, relevant: boolean): string {
  const parts = [`${quoteName(column.name)} ${column.type} ${column.role}${column.unit ? ` (${column.unit})` : ""}`];
  if (column.nullShare > 0) parts.push(`${pct(column.nullShare)} null`);
  if (column.time) parts.push(`${column.time.min} → ${column.time.max}, ${column.time.grain}`);
  else if (column.numeric) {
    const n = column.numeric;
    parts.push(`min ${num(n.min)}, median ${num(n.p50)}, mean ${num(n.mean)}, max ${num(n.max)}`);
  }
  const text = column.role !== "measure" && !column.time;
  if (column.values && column.values.length > 0 && (text || column.values.length <= 12)) {
    const shown = relevant || column.values.length <= 40 ? column.values : column.values.slice(0, 12);
    const all = shown.length === column.values.length;
    const label = all
      ? `values (all ${column.values.length}, exact spelling)`
      : `values (${shown.length} of ${column.distinct})`;
    parts.push(`${label}: ${listWithin(shown.map(show), relevant ? VALUES_CHARS : 300)}`);
  } else if (column.top && column.top.length > 0 && text) {
    const shown = column.top.slice(0, relevant ? 12 : 5).map((t) => `${show(t.value)} ${pct(t.share)}`);
    parts.push(`most common: ${shown.join(", ")} (${column.distinct}${column.distinctApprox ? "~" : ""} distinct)`);
  } else if (text) {
    parts.push(`${column.distinct} distinct`);
  }
  return parts.join("; ");
}

function relationships(tables: readonly DataDna[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const r of tables.flatMap((dna) => dna.relationships ?? [])) {
    const key = `${r.from.table}.${r.from.column}>${r.to.table}.${r.to.column}`;
    if (seen.has(key) || lines.length >= 20) continue;
    seen.add(key);
    lines.push(`- ${ref(r.from)} → ${ref(r.to)} (${r.cardinality}, ${matchShare(r)} of values found)`);
  }
  return lines.join("\n");
}

const ref = (column: { table: string; column: string }) => `${quoteName(column.table)}.${quoteName(column.column)}`;
const matchShare = (r: TableRelationship) =>
  r.matchRate === 1 ? "100%" : `${Math.min(99.9, Math.floor(r.matchRate * 1000) / 10)}%`;

const STOP = new Set(
  "a an and are as at be by do does for from had has have how i in is it its me my of on or per show tell than that the their them then there these this to us was we were what when where which who whom why with you your give list find get many much".split(
    " ",
  ),
);

/** Lower-case word stems of text and of snake_case / camelCase names. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !STOP.has(word))
    .map(stem);
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ses|xes|zes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** "horse" and "horsepower", "temp" and "temperature": one word starts the other (4 letters at least). */
const related = (a: string, b: string) => Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a));

function mentions(text: string, value: string): boolean {
  const needle = value.trim().toLowerCase();
  if (needle.length < 2) return false;
  const at = text.indexOf(needle);
  if (at < 0) return false;
  const before = text[at - 1] ?? " ";
  const after = text[at + needle.length] ?? " ";
  // A longer value may start a word ("Japan" in "Japanese"); a short one must be the whole word.
  return !/[\p{L}\p{N}]/u.test(before) && (needle.length >= 4 || !/[\p{L}\p{N}]/u.test(after));
}

function listWithin(items: string[], chars: number): string {
  let out = "";
  for (const [i, item] of items.entries()) {
    const next = out === "" ? item : `${out}, ${item}`;
    if (next.length > chars) return `${out}, … (${items.length - i} more)`;
    out = next;
  }
  return out;
}

const clipText = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
const pct = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
const num = (value: number) => formatNumber(value, { compact: true });
const show = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : String(value);
