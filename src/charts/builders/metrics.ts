// A single result row of several measures (avg, min, max...) drawn as one bar per measure.
import type { ColumnInfo } from "../columns.js";
import { foldMeasures } from "../data-shaping.js";
import type { ChartDraft } from "../spec-frame.js";
import { barChart } from "./bar.js";
import { type BuildInput, freeField } from "./input.js";

/** Most measures joined into a generated title. */
const TITLE_MEASURES = 3;

export function metricsChart(input: BuildInput, measures: ColumnInfo[]): ChartDraft | null {
  if (measures.length < 2) return null;
  const key = freeField(input.columns, "metric");
  const value = freeField(input.columns, "value");
  const records = foldMeasures(input.records.slice(0, 1), [], measures, key, value);
  const metric: ColumnInfo = { name: key, field: key, title: "Metric", kind: "nominal", distinct: measures.length };
  const amount: ColumnInfo = {
    name: value,
    field: value,
    title: "Value",
    kind: "quantitative",
    distinct: measures.length,
  };
  const titles = measures.slice(0, TITLE_MEASURES).map((measure) => measure.title);
  const more = measures.length > TITLE_MEASURES ? ` and ${measures.length - TITLE_MEASURES} more` : "";
  const title = input.title ?? `${titles.join(", ")}${more}`;
  return barChart({ columns: [...input.columns, metric, amount], records, title }, metric, amount);
}
