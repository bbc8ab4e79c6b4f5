// buildChartSpec: a Vega-Lite spec from a result table, of the requested type or the one its shape calls for.
import { barChart } from "./builders/bar.js";
import { heatmapChart } from "./builders/heatmap.js";
import { histogramChart } from "./builders/histogram.js";
import type { BuildInput } from "./builders/input.js";
import { lineChart } from "./builders/line.js";
import { metricsChart } from "./builders/metrics.js";
import { pieChart } from "./builders/pie.js";
import { scatterChart } from "./builders/scatter.js";
import { type ColumnInfo, prepareTable } from "./columns.js";
import { chooseDefault, type DefaultChoice, type Roles, resolveRoles } from "./roles.js";
import { type ChartDraft, frameSpec } from "./spec-frame.js";
import type { ChartOptions, ResultTable, VegaLiteSpec } from "./types.js";

/**
 * A Vega-Lite spec drawn from exactly these rows, or null when they make no meaningful chart
 * (one scalar, no rows, or an x/y/color naming no column).
 */
export function buildChartSpec(table: ResultTable, options: ChartOptions = {}): VegaLiteSpec | null {
  if (table.columns.length === 0 || table.rows.length === 0) return null;
  const prepared = prepareTable(table);
  const roles = resolveRoles(prepared.columns, options, prepared.records.length);
  if (!roles) return null;
  const input: BuildInput = { columns: prepared.columns, records: prepared.records };
  if (options.title !== undefined) input.title = options.title;
  const fallback = chooseDefault(roles);
  let draft: ChartDraft | null = null;
  if (options.type) {
    draft = drawChart(options.type, input, roles, fallback?.type === options.type ? fallback : undefined);
    if (!draft && fallback) {
      draft = drawChart(fallback.type, input, roles, fallback);
      if (draft) draft.description = `A ${options.type} chart does not fit this result; drawn as ${fallback.type}.`;
    }
  } else if (fallback) {
    draft = drawChart(fallback.type, input, roles, fallback);
  }
  return draft ? frameSpec(draft) : null;
}

function other(list: ColumnInfo[], ...used: (ColumnInfo | undefined)[]): ColumnInfo | undefined {
  return list.find((column) => !used.includes(column));
}

function drawChart(
  type: DefaultChoice["type"],
  input: BuildInput,
  roles: Roles,
  choice: DefaultChoice | undefined,
): ChartDraft | null {
  const { measures, times, categories } = roles;
  const color = roles.color ?? choice?.color;
  switch (type) {
    case "metrics":
      return metricsChart(input, measures);
    case "bar": {
      const category = roles.x ?? other(categories, color) ?? times[0];
      const measure = roles.y ?? other(measures, category);
      return category ? barChart(input, category, measure, color === category ? undefined : color) : null;
    }
    case "line":
    case "area": {
      const ordinal = categories.find((column) => column.kind === "ordinal");
      const x = roles.x ?? times[0] ?? ordinal ?? categories[0] ?? (measures.length >= 2 ? measures[0] : undefined);
      if (!x) return null;
      const series =
        color ?? (x.kind !== "nominal" ? categories.find((c) => c.kind === "nominal" && c !== x) : undefined);
      const ys = roles.y ? [roles.y] : measures.filter((column) => column !== x);
      return lineChart(input, x, series ? ys.slice(0, 1) : ys, series, type);
    }
    case "scatter": {
      const x = roles.x ?? measures[0];
      const y = roles.y ?? other(measures, x) ?? categories[0];
      const hue = color ?? categories.find((column) => column !== y && column.distinct <= 10);
      return x && y ? scatterChart(input, x, y, hue) : null;
    }
    case "histogram": {
      const measure = [roles.x, roles.y].find((column) => column?.kind === "quantitative") ?? measures[0];
      return measure ? histogramChart(input, measure) : null;
    }
    case "pie": {
      const category = roles.x ?? categories[0];
      return category ? pieChart(input, category, roles.y ?? measures[0]) : null;
    }
    case "heatmap":
      return heatmapAxes(input, roles);
  }
}

function heatmapAxes(input: BuildInput, roles: Roles): ChartDraft | null {
  const discrete = [...roles.times, ...roles.categories];
  const pairOfMeasures = discrete.length < 2 || roles.x?.kind === "quantitative";
  const x = roles.x ?? (pairOfMeasures ? roles.measures[0] : discrete[0]);
  const y = roles.y ?? (pairOfMeasures ? other(roles.measures, x) : other(discrete, x));
  if (!x || !y) return null;
  return heatmapChart(input, x, y, roles.color ?? other(roles.measures, x, y));
}
