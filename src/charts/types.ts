// Shared chart types: the result table a chart is drawn from, chart kinds and build options.
import type { TopLevelSpec } from "vega-lite";

/** A Vega-Lite top-level spec, as vega-lite's compiler accepts it. */
export type VegaLiteSpec = TopLevelSpec;

/** Rows as the SQL or Python step returned them; `types` holds DuckDB type names when known. */
export interface ResultTable {
  columns: string[];
  /** DuckDB type names such as VARCHAR, DOUBLE, BIGINT, DATE, TIMESTAMP, parallel to `columns`. */
  types?: string[];
  rows: unknown[][];
}

export const CHART_TYPES = ["bar", "line", "area", "scatter", "histogram", "pie", "heatmap"] as const;

export type ChartType = (typeof CHART_TYPES)[number];

export interface ChartOptions {
  /**
   * Chart kind to draw; when the table cannot make it the default for its shape is drawn instead.
   * @defaultValue chosen from the table's shape
   */
  type?: ChartType;
  /**
   * Chart title.
   * @defaultValue generated from the column names, e.g. "Avg horsepower by origin"
   */
  title?: string;
  /**
   * Column for the x axis (or the category of a pie).
   * @defaultValue chosen from the table's shape
   */
  x?: string;
  /**
   * Column for the y axis (or the measure of a pie or heatmap).
   * @defaultValue chosen from the table's shape
   */
  y?: string;
  /**
   * Column that splits the data into coloured series.
   * @defaultValue none, or the remaining category for a category + time + measure table
   */
  color?: string;
}

export interface RenderOptions {
  /**
   * Pixel ratio of the PNG: the image is `scale` times the spec's width and height.
   * @defaultValue 2
   */
  scale?: number;
}
