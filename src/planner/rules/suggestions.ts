// Questions to offer, built from the table's real columns: follow-ups after an answer, rephrasings after a
// CLARIFY. The planner keeps only those it fully understands.
import type { DataDna } from "../../data/index.js";
import { humanize } from "./read/text.js";
import { ADDITIVE_MEASURE } from "./read/vocabulary.js";

/** What an answer looked at, so suggestions look from another side. */
export interface Focus {
  measure?: string | null;
  pair?: readonly string[];
  groupColumn?: string | null;
  /** The answer was over a time grain (or was this grain). */
  grain?: string | null;
  agg?: string;
  /** The kind answered, so it is not offered again. */
  kind?: string;
}

const measuresOf = (dna: DataDna) =>
  dna.columns.filter((c) => c.role === "measure" && c.numeric && !(c.numeric.integer && c.distinct <= 12));
const groupsOf = (dna: DataDna) =>
  dna.columns.filter((c) => (c.role === "dimension" || c.role === "status") && c.distinct <= 50);

const AHEAD: Record<string, string> = {
  hour: "24 hours",
  day: "7 days",
  week: "8 weeks",
  month: "12 months",
  quarter: "4 quarters",
  year: "3 years",
};

/** "7 days" for a daily table, "12 months" for a monthly one; nothing for event logs (minute stamps). */
function forecastHorizon(dna: DataDna): string | null {
  const grain = dna.columns.find((c) => c.name === dna.timeColumn)?.time?.grain;
  return grain ? (AHEAD[grain] ?? null) : null;
}

/** Candidate follow-ups, most relevant first: another grouping, time, a relation, anomalies, a forecast. */
export function followUpCandidates(dna: DataDna, focus: Focus): string[] {
  const measures = measuresOf(dna);
  const groups = groupsOf(dna);
  const measure =
    measures.find((c) => c.name === focus.measure) ?? measures.find((c) => focus.pair?.includes(c.name)) ?? measures[0];
  const other = measures.find((c) => c.name !== measure?.name && !focus.pair?.includes(c.name));
  const group = groups.find((c) => c.name !== focus.groupColumn);
  const agg = focus.agg === "sum" ? "Total" : "Average";
  const m = measure ? humanize(measure.name) : null;
  const out: string[] = [];
  if (m && group) out.push(`${agg} ${m} by ${humanize(group.name)}`);
  if (m && dna.timeColumn && !focus.grain) out.push(`${agg} ${m} by year`);
  if (m && other) out.push(`What is the correlation between ${m} and ${humanize(other.name)}?`);
  if (m && dna.timeColumn && focus.kind !== "anomalies") out.push(`Find anomalies in ${m}`);
  if (group && !m) out.push(`How many rows per ${humanize(group.name)}?`);
  if (m && group) out.push(`Top 5 ${humanize(group.name)} by ${agg.toLowerCase()} ${m}`);
  const ahead = forecastHorizon(dna);
  if (m && ahead && focus.kind !== "forecast") out.push(`Forecast ${m} for the next ${ahead}`);
  if (m && dna.timeColumn && focus.grain !== "month") out.push(`${agg} ${m} by month`);
  return out;
}

/**
 * Rephrasings for a question that could not be placed, keeping what was understood: the column said, by the
 * table's groups or with its measures; then general questions the table answers.
 */
export function rephrasingCandidates(dna: DataDna, understoodColumns: readonly string[]): string[] {
  const measures = measuresOf(dna);
  const groups = groupsOf(dna);
  const said = understoodColumns.map((name) => dna.columns.find((c) => c.name === name)).filter((c) => c !== undefined);
  const out: string[] = [];
  const total = (name: string) => (ADDITIVE_MEASURE.test(name) ? "Total" : "Average");
  for (const column of said) {
    const words = humanize(column.name);
    if (column.role === "measure") {
      const group = groups[0];
      if (group) out.push(`${total(column.name)} ${words} by ${humanize(group.name)}`);
      out.push(`What is the average ${words}?`);
      if (dna.timeColumn) out.push(`${total(column.name)} ${words} per year`);
    } else if (column.role !== "time") {
      for (const m of measures.slice(0, 2)) out.push(`${total(m.name)} ${humanize(m.name)} by ${words}`);
      out.push(`How many rows per ${words}?`);
    }
  }
  const m0 = measures[0];
  const m1 = measures[1];
  const g0 = groups[0];
  if (m0 && g0) out.push(`Average ${humanize(m0.name)} by ${humanize(g0.name)}`);
  if (m0 && dna.timeColumn) out.push(`${total(m0.name)} ${humanize(m0.name)} per year`);
  if (m0 && m1) out.push(`What is the correlation between ${humanize(m0.name)} and ${humanize(m1.name)}?`);
  if (g0) out.push(`How many rows per ${humanize(g0.name)}?`);
  if (m0 && g0) out.push(`Top 5 ${humanize(g0.name)} by total ${humanize(m0.name)}`);
  if (m0) out.push(`What is the average ${humanize(m0.name)}?`);
  out.push("How many rows are there?");
  return [...new Set(out)];
}
