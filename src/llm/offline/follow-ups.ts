// Follow-up questions built from the table's real columns, each one checked to be answerable offline.
import type { DataDna } from "../../data/index.js";
import { parseQuestion } from "./parse.js";
import { humanize } from "./text.js";
import type { Intent } from "./types.js";

/** Two or three questions that look at the same data from another side: another grouping, time, a relation. */
export function followUpsFor(dna: DataDna, intent: Intent): string[] {
  const measures = dna.columns.filter((c) => c.role === "measure" && !(c.numeric?.integer && c.distinct <= 12));
  const groups = dna.columns.filter((c) => (c.role === "dimension" || c.role === "status") && c.distinct <= 50);
  const measure =
    measures.find((c) => c.name === intent.measure) ??
    measures.find((c) => intent.pair?.includes(c.name)) ??
    measures[0];
  const other = measures.find((c) => c.name !== measure?.name && !intent.pair?.includes(c.name));
  const group = groups.find((c) => c.name !== intent.groupBy?.column);
  const agg = intent.agg === "sum" ? "Total" : "Average";
  const m = measure ? humanize(measure.name) : null;
  const candidates: string[] = [];
  if (m && group) candidates.push(`${agg} ${m} by ${humanize(group.name)}`);
  if (m && dna.timeColumn && !intent.groupBy?.grain) candidates.push(`${agg} ${m} by year`);
  if (m && other) candidates.push(`What is the correlation between ${m} and ${humanize(other.name)}?`);
  if (m && dna.timeColumn && intent.kind !== "anomalies") candidates.push(`Find anomalies in ${m}`);
  if (group && !m) candidates.push(`How many rows per ${humanize(group.name)}?`);
  if (m && group) candidates.push(`Top 5 ${humanize(group.name)} by ${agg.toLowerCase()} ${m}`);
  const ahead = forecastHorizon(dna);
  if (m && ahead && intent.kind !== "forecast") candidates.push(`Forecast ${m} for the next ${ahead}`);
  if (m && dna.timeColumn && intent.groupBy?.grain !== "month") candidates.push(`${agg} ${m} by month`);
  return candidates.filter((q) => parseQuestion(q, dna).intent !== null).slice(0, 3);
}

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
