// Correlation: the scatter of the pairs behind r with the least-squares line, r and n (over every pair) in the
// subtitle, points coloured by a grouping when one was asked.
import { valueChannel } from "../compose/axes.js";
import { valueDomain } from "../compose/domain.js";
import { formatNumber } from "../compose/format.js";
import { frameLayers, type Layer } from "../compose/frame.js";
import { sampleEvenly } from "../data-shaping.js";
import type { CorrelationRequest } from "../request/chart-request.js";
import { EVIDENCE_LIMITS } from "../request/evidence.js";
import { COLORS, PALETTE } from "../theme.js";
import { type ChartKind, contextLine, type Drawing, labelOf, readEvidence, unitOf } from "./kind.js";

/** Most groups that each get a colour. */
const MAX_GROUPS = 8;

export const correlationKind: ChartKind<CorrelationRequest> = {
  kind: "correlation",
  shows: "how two measures move together",
  drawnAs: "a scatter with a fitted line",
  source: "evidence",
  types: () => ["scatter"],
  draw(request): Drawing {
    const { pairs } = request.evidence;
    const read = readEvidence("The pairs", pairs.table, { x: pairs.x, y: pairs.y, group: pairs.group });
    if (typeof read === "string") return { unusable: read };
    const { x, y, group } = read.columns;
    if (x.kind !== "quantitative" || y.kind !== "quantitative") return { unusable: "the pairs are not two measures" };
    const all = read.records.filter(
      (record) => typeof record[x.field] === "number" && typeof record[y.field] === "number",
    );
    if (all.length < 3) return { unusable: "a correlation needs at least three pairs" };
    const notes: string[] = [];
    const shown = sampleEvenly(all, EVIDENCE_LIMITS.pairs);
    const total = Math.max(request.stats.n, all.length);
    // The evidence contract: more pairs than drawn means a stratified sample that keeps the extremes.
    if (shown.length < total) {
      notes.push(
        `${formatNumber(shown.length)} of ${formatNumber(total)} pairs drawn, a stratified sample keeping the extremes.`,
      );
    }
    const xs = shown.map((record) => record[x.field] as number);
    const ys = shown.map((record) => record[y.field] as number);
    const fit = lineOf(request.stats, xs, ys);

    const presentation = request.presentation;
    const xUnit = unitOf(presentation, x);
    const yUnit = unitOf(presentation, y);
    const xDomain = valueDomain(xs, { hug: true });
    const yDomain = valueDomain(ys, { hug: true });
    const xChannel = valueChannel(x.field, labelOf(presentation, x), xUnit, xDomain, xs, x.name);
    const yChannel = valueChannel(y.field, labelOf(presentation, y), yUnit, yDomain, ys, y.name);
    const colored = group && group.distinct <= MAX_GROUPS ? group : undefined;
    if (group && !colored)
      notes.push(`${labelOf(presentation, group)} has ${group.distinct} values, too many to colour.`);
    const dense = shown.length > 500;
    const pointMark = { type: "circle", size: dense ? 16 : 30, opacity: dense ? 0.45 : 0.65, color: COLORS.main };
    const encoding: Layer["encoding"] = { x: xChannel, y: yChannel };
    if (colored) {
      encoding.color = {
        field: colored.field,
        type: "nominal",
        title: null,
        // The fitted line is in the accent colour: groups take the palette's other hues.
        scale: { range: PALETTE.filter((color) => color !== COLORS.accent && color !== "#E69F00") },
      };
    }
    const points = shown.map((record) => ({
      [x.field]: record[x.field] ?? null,
      [y.field]: record[y.field] ?? null,
      ...(colored ? { [colored.field]: record[colored.field] ?? null } : {}),
    }));
    const line = [xDomain[0], xDomain[1]].map((at) => ({ [x.field]: at, [y.field]: fit.intercept + fit.slope * at }));
    const layers: Layer[] = [
      { data: points, mark: pointMark, encoding },
      {
        data: line,
        mark: { type: "line", color: COLORS.accent, strokeWidth: 2.5, clip: true },
        encoding: { x: xChannel, y: yChannel },
      },
    ];
    const symbol = request.stats.method === "spearman" ? "ρ" : "r";
    const r = request.stats.r;
    const stats = `${symbol} = ${r < 0 ? "\u2212" : ""}${Math.abs(r).toFixed(2)} (${strength(r)}) · n = ${formatNumber(total)}`;
    const legend = fit.fromSample ? "Line: least-squares fit of the pairs drawn" : "Line: least-squares fit";
    return {
      spec: frameLayers({
        title: presentation.title,
        subtitle: [stats, [contextLine(presentation), legend].filter(Boolean).join(" · "), ...notes],
        layers,
      }),
    };
  },
};

/** The planner's line over every pair, or (when it sent none) the least-squares line of the pairs drawn. */
function lineOf(
  stats: CorrelationRequest["stats"],
  xs: number[],
  ys: number[],
): { slope: number; intercept: number; fromSample: boolean } {
  if (stats.slope !== undefined && stats.intercept !== undefined && Number.isFinite(stats.slope)) {
    return { slope: stats.slope, intercept: stats.intercept, fromSample: false };
  }
  const n = xs.length;
  const mx = xs.reduce((sum, v) => sum + v, 0) / n;
  const my = ys.reduce((sum, v) => sum + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx, fromSample: true };
}

/** The words the analytics helper uses for |r| (insightx_analytics._common.strength), with the sign. */
function strength(r: number): string {
  const size = Math.abs(r);
  const word =
    size < 0.1 ? "negligible" : size < 0.3 ? "weak" : size < 0.5 ? "moderate" : size < 0.7 ? "strong" : "very strong";
  return size < 0.1 ? word : `${word}, ${r < 0 ? "negative" : "positive"}`;
}
