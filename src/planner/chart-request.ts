// A chart type a person asks for in words ("as a pie chart", "show it as bars"), for both planners and the chart step.
import type { ChartType } from "../charts/index.js";

const REQUESTED: Array<[RegExp, ChartType]> = [
  [/\bpie\b|\bdonut\b/i, "pie"],
  [/\bscatter\b/i, "scatter"],
  [/\bhistogram\b|\bdistribution\b/i, "histogram"],
  [/\barea (chart|graph)\b/i, "area"],
  [/\bline (chart|graph)\b|\bover time\b/i, "line"],
  [/\bbar (chart|graph)\b|\bbars\b/i, "bar"],
  [/\bheat ?map\b/i, "heatmap"],
];

/** The chart type asked for in words, if any. */
export function requestedChartType(question: string): ChartType | undefined {
  return REQUESTED.find(([pattern]) => pattern.test(question))?.[1];
}

/** Words that only say how to draw the answer ("as a bar chart"): they change no number. */
export const CHART_WORDS =
  /^(chart|charts|graph|graphs|plot|plots|diagram|visual|pie|donut|scatter|area|line|bar|bars|heatmap|heat|map|histogram)$/;
export const CHART_NOUNS = /^(chart|charts|graph|graphs|plot|plots|diagram|visual|heatmap)$/;
