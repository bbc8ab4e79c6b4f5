// Guards for rendering specs that may come from a model: no network or file access, no custom expressions.
import { UpstreamError } from "../util/index.js";

/**
 * Keys that let a spec fetch data, link out or run expressions of its own. Vega-Lite writes the
 * expressions it needs itself (formats, sorting, binning) from validated parts; a spec that asks
 * for any of these is refused rather than compiled, since Vega compiles expressions with Function.
 * Composition (`layer`, `facet`) is structure, not code: the evidence charts layer a fitted line over
 * points and facet small multiples, every layer with inline values only.
 */
const FORBIDDEN_KEYS = new Set([
  "url",
  "href",
  "signal",
  "signals",
  "expr",
  "labelExpr",
  "params",
  "transform",
  "calculate",
  "filter",
  "test",
  "condition",
  "datasets",
  "loader",
  "usermeta",
  "concat",
  "hconcat",
  "vconcat",
  "repeat",
  "projection",
]);
const FORBIDDEN_MARKS = new Set(["image", "geoshape"]);
/** Largest inline dataset a render accepts, summed over every layer's values. */
export const MAX_RENDER_ROWS = 20_000;

/** Throws when the spec holds anything outside what the chart builders and validateChartSpec produce. */
export function assertRenderableSpec(spec: unknown): void {
  const rows = { count: 0 };
  const problem = findProblem(spec, "spec", 0, rows);
  if (problem) {
    throw new UpstreamError("chart_spec_unsafe", `The chart spec was refused: ${problem}.`, {
      hint: "Pass model-proposed specs through validateChartSpec before rendering.",
    });
  }
}

function findProblem(node: unknown, path: string, depth: number, rows: { count: number }): string | undefined {
  if (depth > 14) return `${path} is nested too deeply`;
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) {
      const problem = findProblem(item, `${path}[${index}]`, depth + 1, rows);
      if (problem) return problem;
    }
    return undefined;
  }
  if (node === null || typeof node !== "object") return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (FORBIDDEN_KEYS.has(key)) return `${path}.${key} is not allowed`;
    if (
      key === "mark" &&
      FORBIDDEN_MARKS.has(typeof value === "string" ? value : String((value as { type?: unknown })?.type))
    ) {
      return `${path}.mark ${JSON.stringify(value)} is not allowed`;
    }
    if (key === "data" && isViewData(path)) {
      if (!isInlineData(value)) return `${path}.data must be inline values`;
      rows.count += (value as { values: unknown[] }).values.length;
      if (rows.count > MAX_RENDER_ROWS) return `more than ${MAX_RENDER_ROWS} rows`;
      continue;
    }
    const problem = findProblem(value, `${path}.${key}`, depth + 1, rows);
    if (problem) return problem;
  }
  return undefined;
}

/** The top level, a layer or a facet's inner spec: places where Vega-Lite reads `data`. */
function isViewData(path: string): boolean {
  return path === "spec" || /\.(layer\[\d+\]|spec)$/.test(path);
}

function isInlineData(data: unknown): boolean {
  if (data === null || typeof data !== "object") return false;
  const keys = Object.keys(data);
  return keys.length === 1 && keys[0] === "values" && Array.isArray((data as { values: unknown }).values);
}

/** A Vega loader that refuses every URL and file: charts only ever draw inline data. */
export function refusingLoader() {
  const refuse = (target: unknown): Promise<never> =>
    Promise.reject(
      new UpstreamError("chart_load_refused", `Charts may not load external resources (${String(target)}).`),
    );
  return { options: {}, load: refuse, sanitize: refuse, http: refuse, file: refuse };
}
