// Line and area charts over time (or an ordered axis), one series per colour value or per measure.
import type { ChartRecord, ColumnInfo } from "../columns.js";
import {
  defaultOp,
  foldMeasures,
  groupAggregate,
  hasDuplicateKeys,
  keepTopKeys,
  opTitle,
  sampleEvenly,
} from "../data-shaping.js";
import { type Channel, colorChannel, discreteChannel, measureChannel, timeChannel } from "../encodings.js";
import { titleBy } from "../humanize.js";
import { formatCount } from "../number-format.js";
import type { ChartDraft } from "../spec-frame.js";
import { type BuildInput, freeField, withoutNulls } from "./input.js";

/** Most points one chart draws; beyond it each series is sampled evenly and the subtitle says so. */
export const MAX_LINE_POINTS = 1000;
/** Most series; beyond it the largest by total are kept. */
export const MAX_SERIES = 10;

export function lineChart(
  input: BuildInput,
  x: ColumnInfo,
  measures: ColumnInfo[],
  colorColumn: ColumnInfo | undefined,
  markType: "line" | "area",
): ChartDraft | null {
  if (measures.length === 0) return null;
  const notes: string[] = [];
  let data = input.records;
  let measure = measures[0]!;
  let color = colorColumn;
  if (measures.length > 1 && !color) {
    const key = freeField(input.columns, "measure");
    const value = freeField(input.columns, "value");
    data = foldMeasures(data, [x.field], measures, key, value);
    color = { name: key, field: key, title: "Measure", kind: "nominal", distinct: measures.length };
    measure = { name: value, field: value, title: "Value", kind: "quantitative", distinct: 0 };
  }
  const keys = color ? [x.field, color.field] : [x.field];
  if (hasDuplicateKeys(data, keys)) {
    const op = defaultOp(measure);
    data = groupAggregate(data, keys, measure.field, op);
    measure = { ...measure, title: opTitle(op, measure.title) };
    notes.push(`${measure.title} over ${formatCount(input.records.length)} rows.`);
  }
  data = withoutNulls(data, [x.field, measure.field, ...(color ? [color.field] : [])]);
  if (data.length < 2) return null;

  let seriesCount = 1;
  if (color) {
    const series = keepTopKeys(data, color.field, measure.field, MAX_SERIES);
    if (series.kept < series.total) notes.push(`Top ${series.kept} of ${series.total} ${color.title} series shown.`);
    data = series.records;
    seriesCount = series.kept;
  }
  const ordered = x.kind === "nominal" ? data : [...data].sort((a, b) => compare(a[x.field], b[x.field]));
  data = capPoints(ordered, color?.field, seriesCount);
  if (data.length < ordered.length) {
    notes.push(`${formatCount(data.length)} of ${formatCount(ordered.length)} points shown, evenly sampled.`);
  }

  const xChannel: Channel =
    x.kind === "temporal"
      ? timeChannel(x)
      : x.kind === "quantitative"
        ? measureChannel(x, data, { scale: { zero: false } })
        : discreteChannel(
            x,
            x.kind === "nominal" ? { sort: null, axis: { labelAngle: 0 } } : { axis: { labelAngle: 0 } },
          );
  const encoding: ChartDraft["encoding"] = {
    x: xChannel,
    y: measureChannel(measure, data, { scale: { zero: markType === "area" } }),
  };
  if (color) encoding.color = colorChannel(color);
  const mark: Record<string, unknown> = { type: markType };
  if (markType === "line" && data.length / seriesCount <= 40) mark.point = { size: 30 };
  const title = input.title ?? titleBy(measure.title, x.title, ...(colorColumn ? [colorColumn.title] : []));
  return { mark, encoding, data, title, notes };
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

function capPoints(records: ChartRecord[], seriesField: string | undefined, seriesCount: number): ChartRecord[] {
  if (records.length <= MAX_LINE_POINTS) return records;
  if (!seriesField) return sampleEvenly(records, MAX_LINE_POINTS);
  const perSeries = Math.max(2, Math.floor(MAX_LINE_POINTS / seriesCount));
  const groups = new Map<unknown, ChartRecord[]>();
  for (const record of records) {
    const key = record[seriesField];
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(record);
  }
  return [...groups.values()].flatMap((group) => sampleEvenly(group, perSeries));
}
