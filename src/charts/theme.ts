// The one look every chart shares: sized for Slack (legible when shown 360 px wide), fonts fontconfig resolves,
// a colour-blind-safe palette, axes that do not overlap.
import type { Config } from "vega-lite";

/** A font fontconfig resolves on Debian (fonts-dejavu-core); nothing is downloaded. */
export const CHART_FONT = "DejaVu Sans";

/**
 * Whole image width in CSS pixels (rendered at 2x). Slack shows a chart about 360 px wide, so 480 keeps 13 px
 * labels at ~10 px on screen; wider charts shrink their text below legibility.
 */
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 300;
/** Height per bar of a horizontal bar chart (13 px labels need 18 px to stay apart). */
export const BAR_STEP = 18;
/** Room for title, subtitle and the x axis around a horizontal bar chart's bars. */
export const BAR_CHROME = 120;
/** Longest label, in pixels, before an axis or legend truncates it with an ellipsis. */
export const LABEL_LIMIT = 150;
/** Sizes of text, in CSS pixels. */
export const FONT = { title: 17, subtitle: 13, label: 13, axisTitle: 13, annotation: 13, headline: 30 } as const;
/** Average glyph width of DejaVu Sans as a share of its size, for estimating text extents before rendering. */
export const GLYPH_WIDTH = 0.6;

/**
 * Okabe & Ito's palette, safe for the common colour-vision deficiencies (Wong, Nature Methods 2011), ordered so
 * neighbours differ in lightness too; yellow (hard to see on white) comes last.
 */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];
/** Roles every chart uses the same way. */
export const COLORS = {
  /** The data itself: bars, the history line, points. */
  main: "#0072B2",
  /** What the question asked about: the highlighted group, the forecast, anomalies, the fitted line. */
  accent: "#D55E00",
  /** Background series and the rest of a whole. */
  muted: "#A7B6C6",
  /** Reference lines (mean, median, thresholds, where actuals end). */
  reference: "#374151",
  text: "#1f2937",
  subtleText: "#4b5563",
} as const;

export const CHART_CONFIG: Config = {
  background: "#ffffff",
  padding: 10,
  font: CHART_FONT,
  view: { stroke: null },
  title: {
    font: CHART_FONT,
    fontSize: FONT.title,
    fontWeight: "bold",
    color: COLORS.text,
    subtitleFont: CHART_FONT,
    subtitleFontSize: FONT.subtitle,
    subtitleColor: "#4b5563",
    subtitlePadding: 4,
    anchor: "start",
    offset: 10,
    limit: CHART_WIDTH - 20,
  },
  axis: {
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize: FONT.label,
    titleFontSize: FONT.axisTitle,
    titleFontWeight: "normal",
    titleColor: "#374151",
    labelColor: "#4b5563",
    labelOverlap: true,
    labelSeparation: 8,
    labelLimit: LABEL_LIMIT,
    labelPadding: 4,
    titlePadding: 8,
    domainColor: "#9ca3af",
    tickColor: "#9ca3af",
    gridColor: "#e5e7eb",
  },
  // One label per bar: bars turn horizontal when labels would not fit side by side, and a horizontal bar
  // is 18 px for 12 px text, so category labels never need thinning (which hid every other bar's label).
  axisBand: { grid: false, ticks: false, labelSeparation: 2 },
  axisQuantitative: { tickCount: 5, labelFlush: true },
  axisTemporal: { tickCount: 6, labelFlush: true, grid: false },
  legend: {
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize: FONT.label,
    titleFontSize: FONT.axisTitle,
    titleFontWeight: "normal",
    labelLimit: LABEL_LIMIT,
    orient: "top",
    direction: "horizontal",
    // Wrap a top legend into rows rather than run it off the right edge.
    columns: 4,
    columnPadding: 12,
    symbolSize: 80,
  },
  header: { labelFont: CHART_FONT, labelFontSize: FONT.label, labelColor: COLORS.text, title: null },
  range: { category: PALETTE },
  // Square bar ends: rounded corners are drawn as arc paths and cost ~40 ms CPU per 50-bar render.
  bar: { color: COLORS.main },
  line: { color: COLORS.main, strokeWidth: 2 },
  area: { color: COLORS.main, opacity: 0.8 },
  point: { color: COLORS.main, filled: true, size: 40, opacity: 0.7 },
  circle: { color: COLORS.main, size: 28, opacity: 0.6 },
  text: { font: CHART_FONT, fontSize: FONT.annotation, color: COLORS.text },
  rule: { color: COLORS.reference },
  arc: { stroke: "#ffffff", strokeWidth: 1 },
  rect: { stroke: "#ffffff", strokeWidth: 0.5 },
};
