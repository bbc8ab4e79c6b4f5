// Heatmaps: a measure (or a count) per pair of categories, or a 2D-binned count of two measures.
import type { ColumnInfo } from "../columns.js";
import { defaultOp, groupAggregate, keepTopKeys, opTitle, sampleEvenly } from "../data-shaping.js";
import { discreteChannel, measureChannel } from "../encodings.js";
import { midSentence, titleBy } from "../humanize.js";
import { formatCount, numberFormat } from "../number-format.js";
import type { ChartDraft } from "../spec-frame.js";
import { type BuildInput, countColumn, withoutNulls } from "./input.js";

/** Most categories per axis; the largest by total are kept. */
export const MAX_HEATMAP_KEYS = 30;
/** Most rows binned by Vega for a heatmap of two measures. */
export const MAX_BINNED_ROWS = 5000;

export function heatmapChart(
  input: BuildInput,
  x: ColumnInfo,
  y: ColumnInfo,
  measureColumn?: ColumnInfo,
): ChartDraft | null {
  if (x.kind === "quantitative" && y.kind === "quantitative") return binnedHeatmap(input, x, y);
  if (x.kind === "quantitative" || y.kind === "quantitative") return null;
  const notes: string[] = [];
  let measure = measureColumn ?? countColumn(input.columns);
  const op = measureColumn ? defaultOp(measureColumn) : "count";
  let data = groupAggregate(input.records, [x.field, y.field], measure.field, op);
  if (!measureColumn || data.length < input.records.length) measure = { ...measure, title: opTitle(op, measure.title) };
  data = withoutNulls(data, [x.field, y.field, measure.field]);
  if (data.length === 0) return null;
  for (const axis of [x, y]) {
    const kept = axis.kind === "nominal" ? keepTopKeys(data, axis.field, measure.field, MAX_HEATMAP_KEYS) : undefined;
    if (kept && kept.kept < kept.total)
      notes.push(`Top ${kept.kept} of ${kept.total} ${midSentence(axis.title)} values.`);
    if (kept) data = kept.records;
  }
  const yCount = new Set(data.map((record) => record[y.field])).size;
  const xCount = new Set(data.map((record) => record[x.field])).size;
  const values = data.map((record) => record[measure.field] as number);
  return {
    mark: { type: "rect" },
    encoding: {
      x: discreteChannel(x, { axis: { labelAngle: xCount > 12 ? -45 : 0 } }),
      y: discreteChannel(y),
      color: {
        field: measure.field,
        type: "quantitative",
        title: measure.title,
        scale: { scheme: "blues" },
        legend: { format: numberFormat(values, measure.name) },
      },
    },
    data,
    title: input.title ?? titleBy(measure.title, x.title, y.title),
    notes,
    height: Math.max(240, Math.min(720, yCount * 22 + 120)),
  };
}

function binnedHeatmap(input: BuildInput, x: ColumnInfo, y: ColumnInfo): ChartDraft | null {
  const all = withoutNulls(input.records, [x.field, y.field]).map((record) => ({
    [x.field]: record[x.field] ?? null,
    [y.field]: record[y.field] ?? null,
  }));
  if (all.length < 2) return null;
  const data = sampleEvenly(all, MAX_BINNED_ROWS);
  const notes =
    data.length < all.length ? [`${formatCount(data.length)} of ${formatCount(all.length)} rows, evenly sampled.`] : [];
  return {
    mark: { type: "rect" },
    encoding: {
      x: measureChannel(x, data, { bin: { maxbins: 20 } }),
      y: measureChannel(y, data, { bin: { maxbins: 20 } }),
      color: { aggregate: "count", type: "quantitative", title: "Count", scale: { scheme: "blues" } },
    },
    data,
    title: input.title ?? `${y.title} vs ${midSentence(x.title)}`,
    notes,
  };
}
