// Data DNA as text: a compact, bounded rendering for prompts and a short summary for people.
import { clip, formatNumber } from "../../util/index.js";
import type { Cell } from "../sql/values.js";
import type { ColumnProfile, DataDna, TableRelationship, TimeGrain } from "./types.js";

/** Compact text for LLM prompts; wide tables list the most useful columns fully, the rest by name. */
export function renderDnaCompact(dna: DataDna, maxChars = 6000): string {
  const header = `TABLE ${quoteName(dna.table)} (${dna.rowCount} rows, ${dna.columnCount} columns; from ${dna.sourceFile}, version ${dna.version})`;
  const lines = [header];
  let used = header.length;
  const ordered = [...dna.columns].sort((a, b) => roleRank(a) - roleRank(b));
  const omitted: string[] = [];
  for (const column of ordered) {
    const line = `- ${describeColumn(column)}`;
    if (used + line.length + 1 > maxChars - 200) {
      omitted.push(quoteName(column.name));
      continue;
    }
    lines.push(line);
    used += line.length + 1;
  }
  if (omitted.length > 0) {
    const names = omitted.join(", ");
    lines.push(`- also: ${names.length > 180 ? `${names.slice(0, 180)}… (${omitted.length} more columns)` : names}`);
  }
  for (const r of (dna.relationships ?? []).filter((r) => r.from.table === dna.table)) {
    const line = `- joins: ${quoteName(r.from.column)} → ${quoteName(r.to.table)}.${quoteName(r.to.column)} (${describeMatch(r)})`;
    if (used + line.length + 1 > maxChars - 200) break;
    lines.push(line);
    used += line.length + 1;
  }
  if (dna.sample.length > 0 && used < maxChars - 400) {
    const sample = JSON.stringify(dna.sample[0]);
    lines.push(`sample row: ${sample.length > 380 ? `${sample.slice(0, 380)}…` : sample}`);
  }
  return lines.join("\n");
}

function describeColumn(column: ColumnProfile): string {
  const parts = [`${quoteName(column.name)} ${column.type} ${column.role}${column.unit ? ` (${column.unit})` : ""}`];
  if (column.nullShare > 0) parts.push(`${pct(column.nullShare)} null`);
  if (column.time) parts.push(`${column.time.min} → ${column.time.max}, ${GRAIN_WORDS[column.time.grain]}`);
  else if (column.numeric) {
    const n = column.numeric;
    parts.push(`min ${num(n.min)}, median ${num(n.p50)}, mean ${num(n.mean)}, max ${num(n.max)}`);
  }
  if (column.top && column.top.length > 0 && column.role !== "measure") {
    const shown = column.top.slice(0, 6).map((t) => (t.share > 0 ? `${show(t.value)} ${pct(t.share)}` : show(t.value)));
    const more = column.distinct > shown.length ? ` … ${column.distinct} distinct` : "";
    parts.push(`values: ${shown.join(", ")}${more}`);
  } else if (column.role !== "measure" && !column.time) {
    parts.push(`${column.distinct} distinct`);
  } else if (column.top && column.topComplete) {
    parts.push(`values: ${column.top.map((t) => show(t.value)).join(", ")}`);
  }
  return parts.join("; ");
}

/** A few lines for a Slack reply or the terminal: size, time range, key measures, columns. */
export function renderDnaSummary(dna: DataDna): string {
  const lines = [`*${dna.table}*: ${dna.rowCount.toLocaleString("en-US")} rows × ${dna.columnCount} columns`];
  const time = dna.columns.find((c) => c.name === dna.timeColumn)?.time;
  if (time) lines.push(`Time: ${dna.timeColumn} from ${time.min} to ${time.max} (${GRAIN_WORDS[time.grain]})`);
  const measures = dna.columns.filter((c) => c.role === "measure" && c.numeric).slice(0, 4);
  if (measures.length > 0) {
    lines.push(`Key measures: ${measures.map((m) => `${m.name} (avg ${num(m.numeric!.mean)})`).join(", ")}`);
  }
  const rates = dna.baselines.rates.slice(0, 4);
  if (rates.length > 0)
    lines.push(`Baselines: ${rates.map((r) => `${r.column}=${show(r.value)} ${pct(r.share)}`).join(", ")}`);
  const related = dna.relationships ?? [];
  if (related.length > 0) {
    const shown = related
      .slice(0, 4)
      .map((r) => `${r.from.table}.${r.from.column} → ${r.to.table}.${r.to.column} (${describeMatch(r)})`);
    lines.push(`Related: ${shown.join("; ")}${related.length > 4 ? `; … (${related.length - 4} more)` : ""}`);
  }
  const names = dna.columns.map((c) => c.name);
  const list = names.slice(0, 25).join(", ");
  lines.push(`Columns: ${list}${names.length > 25 ? `, … (${names.length - 25} more)` : ""}`);
  return lines.join("\n");
}

/** "100% of values found, many-to-one" */
function describeMatch(r: TableRelationship): string {
  const share = r.matchRate === 1 ? "100%" : `${Math.min(99.9, Math.floor(r.matchRate * 1000) / 10)}%`;
  return `${share} of values found, ${r.cardinality}`;
}

const GRAIN_WORDS: Record<TimeGrain, string> = {
  year: "yearly",
  quarter: "quarterly",
  month: "monthly",
  week: "weekly",
  day: "daily",
  hour: "hourly",
  minute: "by the minute",
  second: "by the second",
};

function roleRank(column: ColumnProfile): number {
  return { time: 0, measure: 1, status: 2, dimension: 3, identifier: 4, text: 5 }[column.role];
}

const quoteName = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);
const pct = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
const show = (value: Cell) => (typeof value === "string" ? JSON.stringify(clip(value, 41)) : String(value));

const num = (value: number) => formatNumber(value, { compact: true });
