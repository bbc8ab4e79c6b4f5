// The CLARIFY answer: what the offline planner can answer, with rephrasings built from the table's real columns.
import type { DataDna } from "../../data/index.js";
import { humanize } from "./text.js";
import type { ClarifyPlan } from "./types.js";
import { closeValues, valueColumns } from "./unknown-values.js";
import { ADDITIVE_MEASURE } from "./vocabulary.js";

const CAPABILITIES =
  "averages, totals, counts and shares, top or bottom N, trends by year/month/day/hour, correlations, anomalies and forecasts";

/** Three questions this table can answer, named with its own columns. */
export function suggestionsFor(dna: DataDna | undefined): string[] {
  if (!dna) return [];
  const name = (column: string) => humanize(column);
  const measures = dna.columns.filter(
    (c) => c.role === "measure" && c.numeric && !(c.numeric.integer && c.distinct <= 12),
  );
  const groups = dna.columns.filter((c) => (c.role === "dimension" || c.role === "status") && c.distinct <= 50);
  const time = dna.timeColumn;
  const out: string[] = [];
  const m0 = measures[0];
  const m1 = measures[1];
  const g0 = groups[0];
  if (m0 && g0) out.push(`Average ${name(m0.name)} by ${name(g0.name)}`);
  if (m0 && time) out.push(`${ADDITIVE_MEASURE.test(m0.name) ? "Total" : "Average"} ${name(m0.name)} per year`);
  if (m0 && m1) out.push(`What is the correlation between ${name(m0.name)} and ${name(m1.name)}?`);
  if (g0) out.push(`How many rows per ${name(g0.name)}?`);
  if (m0 && g0) out.push(`Top 5 ${name(g0.name)} by total ${name(m0.name)}`);
  if (m0) out.push(`What is the average ${name(m0.name)}?`);
  out.push("How many rows are there?");
  return [...new Set(out)].slice(0, 3);
}

export function clarifyPlan(dna: DataDna | undefined, reason: string): ClarifyPlan {
  if (!dna) {
    return {
      classification: "CLARIFY",
      reasoning: "There is no table to answer from.",
      columnsNeeded: [],
      message: "There is no data in this channel yet. Upload a CSV, TSV, JSON, Parquet or Excel file and ask again.",
      suggestions: [],
    };
  }
  const columns = dna.columns
    .slice(0, 8)
    .map((c) => humanize(c.name))
    .join(", ");
  return {
    classification: "CLARIFY",
    reasoning: `Offline planner: ${reason}.`,
    columnsNeeded: [],
    message: `I couldn't map that question onto ${dna.table} without the language model. Offline I can answer ${CAPABILITIES} over its columns (${columns}). Try one of these:`,
    suggestions: suggestionsFor(dna),
  };
}

/** CLARIFY for a value the question names that the table does not hold: which one, and the closest known values. */
export function unknownValuePlan(dna: DataDna, names: string[]): ClarifyPlan {
  const name = names[0]!;
  const close = closeValues(name, dna);
  const columns = valueColumns(dna);
  const hint =
    close.length > 0
      ? `Did you mean ${close.map((c) => `"${c.value}" (${humanize(c.column)})`).join(", ")}?`
      : columns.length > 0
        ? `Its text columns are ${columns.slice(0, 5).join(", ")}.`
        : "It has no text column to look such a value up in.";
  return {
    classification: "CLARIFY",
    reasoning: `Offline planner: "${name}" matches no column or known value of ${dna.table}, so a filter on it would be dropped.`,
    columnsNeeded: [],
    message: `I couldn't find "${name}" in ${dna.table}. ${hint}`,
    suggestions: close.length > 0 ? [] : suggestionsFor(dna),
  };
}
