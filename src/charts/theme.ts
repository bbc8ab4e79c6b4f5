// The one look every chart shares: fonts available through fontconfig, sizes, axes that do not overlap.
import type { Config } from "vega-lite";

/** A font fontconfig resolves on Debian (fonts-dejavu-core); nothing is downloaded. */
export const CHART_FONT = "DejaVu Sans";

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 360;
/** Height per bar of a horizontal bar chart. */
export const BAR_STEP = 14;
/** Room for title, subtitle and the x axis around a horizontal bar chart's bars. */
export const BAR_CHROME = 110;
/** Longest label, in pixels, before an axis or legend truncates it with an ellipsis. */
export const LABEL_LIMIT = 160;

export const CHART_CONFIG: Config = {
  background: "#ffffff",
  padding: 12,
  font: CHART_FONT,
  view: { stroke: null },
  title: {
    font: CHART_FONT,
    fontSize: 16,
    fontWeight: "bold",
    color: "#1f2937",
    subtitleFont: CHART_FONT,
    subtitleFontSize: 12,
    subtitleColor: "#6b7280",
    anchor: "start",
    offset: 12,
    limit: 600,
  },
  axis: {
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    titleColor: "#374151",
    labelColor: "#4b5563",
    labelOverlap: true,
    labelSeparation: 8,
    labelLimit: LABEL_LIMIT,
    labelPadding: 4,
    titlePadding: 10,
    domainColor: "#9ca3af",
    tickColor: "#9ca3af",
    gridColor: "#e5e7eb",
  },
  // One label per bar: bars turn horizontal when labels would not fit side by side, and a horizontal bar
  // is 14 px for 11 px text, so category labels never need thinning (which hid every other bar's label).
  axisBand: { grid: false, ticks: false, labelSeparation: 2 },
  axisQuantitative: { tickCount: 6, labelFlush: true },
  axisTemporal: { tickCount: 8, labelFlush: true },
  legend: {
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize: 11,
    titleFontSize: 12,
    labelLimit: LABEL_LIMIT,
    orient: "right",
  },
  range: { category: { scheme: "tableau10" } },
  // Square bar ends: rounded corners are drawn as arc paths and cost ~40 ms CPU per 50-bar render.
  bar: { color: "#4c78a8" },
  line: { color: "#4c78a8", strokeWidth: 2 },
  area: { color: "#4c78a8", opacity: 0.8 },
  point: { color: "#4c78a8", filled: true, size: 40, opacity: 0.7 },
  arc: { stroke: "#ffffff", strokeWidth: 1 },
  rect: { stroke: "#ffffff", strokeWidth: 0.5 },
};
