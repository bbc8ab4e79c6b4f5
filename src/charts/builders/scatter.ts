// Scatter plots of two measures (coloured by a small category), a dot plot of a measure per category, or
// points in time.
import type { ColumnInfo } from "../columns.js";
import { sampleEvenly } from "../data-shaping.js";
import { colorChannel, discreteChannel, measureChannel, timeChannel } from "../encodings.js";
import { midSentence } from "../humanize.js";
import { formatCount } from "../number-format.js";
import type { ChartDraft } from "../spec-frame.js";
import { BAR_CHROME, BAR_STEP, CHART_HEIGHT } from "../theme.js";
import { type BuildInput, withoutNulls } from "./input.js";

/** Most points drawn; beyond it rows are sampled evenly and the subtitle says so. */
export const MAX_SCATTER_POINTS = 2000;
/** Most colours for a category; a busier category is not used for colour. */
const MAX_COLORS = 10;

export function scatterChart(input: BuildInput, x: ColumnInfo, y: ColumnInfo, color?: ColumnInfo): ChartDraft | null {
  if (x.kind !== "quantitative" && y.kind !== "quantitative") return null;
  const notes: string[] = [];
  const useColor = color && color.distinct <= MAX_COLORS ? color : undefined;
  if (color && !useColor) notes.push(`${color.title} has ${color.distinct} values, too many to colour.`);
  const all = withoutNulls(input.records, [x.field, y.field, ...(useColor ? [useColor.field] : [])]);
  if (all.length < 2) return null;
  const data = sampleEvenly(all, MAX_SCATTER_POINTS);
  if (data.length < all.length) {
    notes.push(`${formatCount(data.length)} of ${formatCount(all.length)} points shown, evenly sampled.`);
  }
  const encoding: ChartDraft["encoding"] = {
    x:
      x.kind === "quantitative"
        ? measureChannel(x, data, { scale: { zero: false } })
        : x.kind === "temporal"
          ? timeChannel(x) // points in time (anomalies) keep their true spacing
          : discreteChannel(x),
    y: y.kind === "quantitative" ? measureChannel(y, data, { scale: { zero: false } }) : discreteChannel(y),
  };
  if (useColor) encoding.color = colorChannel(useColor);
  const title = input.title ?? `${y.title} vs ${midSentence(x.title)}`;
  const draft: ChartDraft = { mark: { type: "point" }, encoding, data, title, notes };
  if (y.kind !== "quantitative")
    draft.height = Math.max(CHART_HEIGHT, Math.min(y.distinct, 60) * BAR_STEP + BAR_CHROME);
  return draft;
}
