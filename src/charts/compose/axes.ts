// Channels the evidence charts share: a time axis at the data's grain, a value axis with units and its domain,
// and the plot's size in pixels (for placing labels before Vega lays the chart out).
import type { ColumnInfo } from "../columns.js";
import type { Channel } from "../encodings.js";
import { CHART_HEIGHT, CHART_WIDTH, FONT, GLYPH_WIDTH } from "../theme.js";
import { axisFormat, formatNumber, isFractionPercent, titleWithUnit } from "./format.js";
import { timeTicks } from "./time-axis.js";

/** The plot area left once axes take their room: estimated, close enough to keep labels apart. */
export interface PlotSize {
  width: number;
  height: number;
}

/** The plot's size in a chart of `width` x `height` whose y labels are at most `yLabelChars` long. */
export function plotSize(yLabelChars: number, height = CHART_HEIGHT, width = CHART_WIDTH): PlotSize {
  const yAxis = yLabelChars * FONT.label * GLYPH_WIDTH + 4 + FONT.axisTitle + 12;
  return { width: width - 20 - yAxis, height: height - (FONT.label + 10) - 4 };
}

/** Characters of the longest tick label a value axis over `domain` shows. */
export function valueLabelChars(domain: readonly [number, number], unit?: string): number {
  const extremes = [domain[0], domain[1], (domain[0] + domain[1]) / 2];
  return Math.max(...extremes.map((value) => formatNumber(value).length)) + (unit === "$" ? 1 : 0) + 1;
}

/** A UTC time axis over exactly the data's extent, ticks at the grain, no title (the labels are the dates). */
export function timeX(column: ColumnInfo, times: readonly number[], plotWidth: number, extra: Channel = {}): Channel {
  const ticks = timeTicks(times, column.grain ?? "day", plotWidth);
  return {
    field: column.field,
    type: "temporal",
    title: null,
    scale: { type: "utc", domain: [Math.min(...times), Math.max(...times)], nice: false },
    axis: { values: ticks.values, format: ticks.format, labelAngle: 0, grid: false },
    ...extra,
  };
}

/** A quantitative channel over `domain` with the unit in its title and its number format. */
export function valueChannel(
  field: string,
  title: string,
  unit: string | undefined,
  domain: readonly [number, number],
  values: readonly number[],
  name: string,
  extra: Channel = {},
): Channel {
  // "$" and fractions shown as "%" carry the unit on every tick; the title need not repeat it.
  const onTicks = unit === "$" || isFractionPercent(unit, values);
  return {
    field,
    type: "quantitative",
    title: titleWithUnit(title, onTicks ? undefined : unit),
    scale: { domain: [...domain], nice: false, zero: false },
    axis: { format: axisFormat([...values, ...domain], name, unit), tickCount: 5 },
    ...extra,
  };
}
