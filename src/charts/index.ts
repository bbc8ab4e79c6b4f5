// Charts: evidence charts from a plan's chart request, Vega-Lite specs built from result rows (or validated from a
// model's proposal), and PNG rendering.
export { buildChartSpec } from "./build-spec.js";
export { chartForRequest } from "./chart-for-request.js";
export { humanizeColumn } from "./humanize.js";
export { renderChartPng } from "./render.js";
export * from "./request/index.js";
export type { ChartOptions, ChartType, RenderOptions, ResultTable, VegaLiteSpec } from "./types.js";
export { CHART_TYPES } from "./types.js";
export { validateChartSpec } from "./validate-spec.js";
