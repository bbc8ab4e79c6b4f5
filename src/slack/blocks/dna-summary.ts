// A table's Data DNA as Slack mrkdwn: size, time range, key measures, baselines, columns; every name is data.
import { clipText, code, esc, joinMd, type Mrkdwn, md } from "../../blockkit/index.js";
import type { DataDna, TableRelationship, TimeGrain } from "../../data/index.js";
import { formatNumber } from "../../util/index.js";

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

/** Column and table names are shown as inline code, cut at 60 characters: they can only ever read as names. */
const name = (text: string) => code(clipText(text, 60));

export function dnaSummary(dna: DataDna): Mrkdwn {
  const lines: Mrkdwn[] = [
    md`*${name(dna.table)}*: ${dna.rowCount.toLocaleString("en-US")} rows × ${dna.columnCount} columns`,
  ];
  const time = dna.columns.find((c) => c.name === dna.timeColumn)?.time;
  if (time && dna.timeColumn)
    lines.push(md`Time: ${name(dna.timeColumn)} from ${time.min} to ${time.max} (${GRAIN_WORDS[time.grain]})`);
  const measures = dna.columns.filter((c) => c.role === "measure" && c.numeric).slice(0, 4);
  if (measures.length > 0) {
    const list = measures.map((m) => md`${name(m.name)} (avg ${formatNumber(m.numeric!.mean)})`);
    lines.push(md`Key measures: ${joinMd(list, ", ")}`);
  }
  const rates = dna.baselines.rates.slice(0, 4);
  if (rates.length > 0) {
    const list = rates.map((r) => md`${name(r.column)} = ${code(clipText(String(r.value), 40))} ${pct(r.share)}`);
    lines.push(md`Baselines: ${joinMd(list, ", ")}`);
  }
  const related = dna.relationships ?? [];
  if (related.length > 0) {
    const list = related.slice(0, 4).map((r) => md`${ref(r.from)} → ${ref(r.to)} (${match(r)})`);
    const more = related.length > 4 ? md`; … (${related.length - 4} more)` : md``;
    lines.push(md`Related: ${joinMd(list, "; ")}${more}`);
  }
  const names = dna.columns.map((c) => name(c.name));
  const more = names.length > 25 ? md`, … (${names.length - 25} more)` : md``;
  lines.push(md`Columns: ${joinMd(names.slice(0, 25), ", ")}${more}`);
  return joinMd(lines, "\n");
}

/** `table.column`, escaped (plain text reads better than code in an arrow list), cut at 80 characters. */
const ref = (c: { table: string; column: string }) => esc(clipText(`${c.table}.${c.column}`, 80));

/** "100% of values found, many-to-one" */
function match(r: TableRelationship): string {
  const share = r.matchRate === 1 ? "100%" : `${Math.min(99.9, Math.floor(r.matchRate * 1000) / 10)}%`;
  return `${share} of values found, ${r.cardinality}`;
}

const pct = (share: number) => esc(`${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`);
