// Histograms: a measure counted into round-edged bins in JS, so every row counts and the spec stays small.
import type { ColumnInfo } from "../columns.js";
import { binValues } from "../data-shaping.js";
import { midSentence } from "../humanize.js";
import { formatCount, numberFormat } from "../number-format.js";
import type { ChartDraft } from "../spec-frame.js";
import { type BuildInput, freeField } from "./input.js";

/** Most bins a histogram uses. */
export const MAX_BINS = 30;

export function histogramChart(input: BuildInput, measure: ColumnInfo): ChartDraft | null {
  if (measure.kind !== "quantitative") return null;
  const values: number[] = [];
  for (const record of input.records) {
    const value = record[measure.field];
    if (typeof value === "number") values.push(value);
  }
  if (values.length < 2) return null;
  const bins = binValues(values, MAX_BINS);
  const start = freeField(input.columns, "bin_start");
  const end = freeField(input.columns, "bin_end");
  const count = freeField(input.columns, "count");
  const data = bins.map((bin) => ({ [start]: bin.start, [end]: bin.end, [count]: bin.count }));
  const step = bins.length > 0 ? bins[0]!.end - bins[0]!.start : 1;
  const edges = bins.flatMap((bin) => [bin.start, bin.end]);
  return {
    mark: { type: "bar", binSpacing: 1 },
    encoding: {
      x: {
        field: start,
        bin: { binned: true, step },
        type: "quantitative",
        title: measure.title,
        axis: { format: numberFormat(edges, measure.name) },
      },
      x2: { field: end },
      y: { field: count, type: "quantitative", title: "Count", axis: { format: ",d", tickMinStep: 1 } },
    },
    data,
    title: input.title ?? `Distribution of ${midSentence(measure.title)}`,
    notes: [`${formatCount(values.length)} values in ${bins.length} bins.`],
  };
}
