// Bar charts: categories sorted by value (horizontal when labels are long or many), times and ordinals in order.
import type { ColumnInfo } from "../columns.js";
import { defaultOp, groupAggregate, hasDuplicateKeys, keepTopKeys, opTitle, sampleEvenly } from "../data-shaping.js";
import { colorChannel, discreteChannel, longestLabel, measureChannel } from "../encodings.js";
import { titleBy } from "../humanize.js";
import { formatCount } from "../number-format.js";
import type { ChartDraft } from "../spec-frame.js";
import { BAR_CHROME, BAR_STEP, CHART_HEIGHT, CHART_WIDTH } from "../theme.js";
import { type BuildInput, countColumn, withoutNulls } from "./input.js";

/** Most bars one chart shows; beyond it the largest are kept and the subtitle says so. */
export const MAX_BARS = 60;
/** Most bars for a time axis, sampled evenly beyond it. */
export const MAX_TIME_BARS = 1000;
const MAX_STACKS = 10;

export function barChart(
  input: BuildInput,
  category: ColumnInfo,
  measureColumn: ColumnInfo | undefined,
  color?: ColumnInfo,
): ChartDraft | null {
  const notes: string[] = [];
  const keys = color ? [category.field, color.field] : [category.field];
  let measure = measureColumn ?? countColumn(input.columns);
  let data = input.records;
  if (!measureColumn || hasDuplicateKeys(data, keys)) {
    const op = measureColumn ? defaultOp(measureColumn) : "count";
    data = groupAggregate(data, keys, measure.field, op);
    measure = { ...measure, title: opTitle(op, measure.title) };
    if (measureColumn) notes.push(`${measure.title} over ${formatCount(input.records.length)} rows.`);
  }
  data = withoutNulls(data, [category.field, measure.field]);
  if (data.length === 0) return null;

  const natural = category.kind !== "nominal";
  if (color) {
    const stacks = keepTopKeys(data, color.field, measure.field, MAX_STACKS);
    if (stacks.kept < stacks.total) notes.push(`Top ${stacks.kept} of ${stacks.total} ${color.title} values shown.`);
    data = stacks.records;
  }
  const limit = natural ? MAX_TIME_BARS : MAX_BARS;
  const bars = keepTopKeys(data, category.field, measure.field, natural ? Number.POSITIVE_INFINITY : limit);
  data = bars.records;
  if (natural && bars.total > limit) {
    const keep = new Set(sampleEvenly([...new Set(data.map((record) => record[category.field]))].sort(), limit));
    data = data.filter((record) => keep.has(record[category.field] ?? null));
    notes.push(`${formatCount(limit)} of ${formatCount(bars.total)} periods shown, evenly sampled.`);
  } else if (bars.kept < bars.total) {
    notes.push(`Top ${bars.kept} of ${formatCount(bars.total)} ${category.title} values shown.`);
  }

  if (!natural && !color) data = [...data].sort((a, b) => Number(b[measure.field]) - Number(a[measure.field]));
  const count = Math.min(bars.kept, limit);
  // ~7 px per character at 11 px: horizontal once the labels would not fit side by side.
  const labelsWidth = count * (longestLabel(data, category.field) * 7 + 8);
  const horizontal = !natural && (count > 12 || labelsWidth > CHART_WIDTH * 0.85);
  const title = input.title ?? titleBy(measure.title, category.title, ...(color ? [color.title] : []));
  const encoding: ChartDraft["encoding"] = {};
  if (horizontal) {
    encoding.y = discreteChannel(category, { sort: "-x" });
    encoding.x = measureChannel(measure, data);
  } else {
    encoding.x = discreteChannel(
      category,
      natural ? { axis: discreteAxis(category, count) } : { sort: "-y", axis: { labelAngle: 0 } },
    );
    encoding.y = measureChannel(measure, data);
  }
  if (color) encoding.color = colorChannel(color);
  const draft: ChartDraft = { mark: { type: "bar" }, encoding, data, title, notes };
  if (horizontal) draft.height = Math.max(CHART_HEIGHT, count * BAR_STEP + BAR_CHROME);
  return draft;
}

function discreteAxis(category: ColumnInfo, count: number): Record<string, unknown> {
  const base = (discreteChannel(category).axis as Record<string, unknown> | undefined) ?? {};
  return { ...base, labelAngle: count > 16 ? -45 : 0 };
}
