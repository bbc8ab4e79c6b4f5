// Distribution / summary: a histogram of the values with the mean and median drawn and labelled, or box plots
// (one per group when a grouping was asked) with the mean marked.
import { valueChannel } from "../compose/axes.js";
import { valueDomain } from "../compose/domain.js";
import { decimalsFor, formatNumber, formatValue } from "../compose/format.js";
import { frameLayers, type Layer } from "../compose/frame.js";
import { type Spread, spreadOf } from "../compose/quartiles.js";
import { displayLabels } from "../compose/text.js";
import { binValues } from "../data-shaping.js";
import type { DistributionRequest } from "../request/chart-request.js";
import { BAR_STEP, COLORS } from "../theme.js";
import { type ChartKind, contextLine, type Drawing, labelOf, readEvidence, unitOf } from "./kind.js";

/** Most histogram bins: wider bins read better at Slack's size. */
export const MAX_HISTOGRAM_BINS = 24;
/** Most groups drawn as box plots; the largest are kept. */
const MAX_BOXES = 12;
/** Height of a box, px. */
const BOX_HEIGHT = 22;

export const distributionKind: ChartKind<DistributionRequest> = {
  kind: "distribution",
  shows: "how values are spread",
  drawnAs: "a histogram",
  source: "evidence",
  // A histogram is bars, so "as a bar chart" draws one.
  types: (request) => (request.evidence.values.group ? ["box", "histogram", "bar"] : ["histogram", "box", "bar"]),
  draw(request, type): Drawing {
    const { values: evidence } = request.evidence;
    const read = readEvidence("The values", evidence.table, { value: evidence.value, group: evidence.group });
    if (typeof read === "string") return { unusable: read };
    const { value, group } = read.columns;
    if (value.kind !== "quantitative") return { unusable: `${value.name} is not a measure` };
    const all: Array<{ v: number; g: string }> = [];
    for (const record of read.records) {
      const v = record[value.field];
      if (typeof v === "number") all.push({ v, g: group ? String(record[group.field] ?? "(none)") : "" });
    }
    if (all.length < 2) return { unusable: "a distribution needs at least two values" };
    const presentation = request.presentation;
    const unit = unitOf(presentation, value);
    const title = labelOf(presentation, value);
    const overall = spreadOf(all.map((item) => item.v))!;
    const mean = request.stats?.mean ?? overall.mean;
    const median = request.stats?.median ?? overall.median;
    const n = request.stats?.n ?? all.length;
    const decimals = decimalsFor(overall.high - overall.low || Math.abs(overall.mean) || 1);
    const show = (v: number) => formatValue(v, unit, false, decimals);
    const sampled = n > all.length ? [`Drawn from ${formatNumber(all.length)} of ${formatNumber(n)} values.`] : [];
    const context = contextLine(presentation);
    if (type === "box") {
      const boxes = boxLayers(all, Boolean(group), title, unit, value.name);
      const key = "Box: middle half of the values · line: median · ◆ mean";
      const summary = group
        ? `n = ${formatNumber(n)}`
        : `n = ${formatNumber(n)} · mean ${show(mean)} · median ${show(median)}`;
      return {
        spec: frameLayers({
          title: presentation.title,
          subtitle: [summary, key, context, ...boxes.notes, ...sampled],
          layers: boxes.layers,
          height: Math.max(140, boxes.count * BAR_STEP * 2 + 60),
        }),
      };
    }
    const bins = binValues(
      all.map((item) => item.v),
      MAX_HISTOGRAM_BINS,
    );
    const rows = bins.map((bin) => ({ start: bin.start, end: bin.end, count: bin.count }));
    const edges = bins.flatMap((bin) => [bin.start, bin.end]);
    const xDomain: [number, number] = [bins[0]!.start, bins.at(-1)!.end];
    const at = valueChannel("start", title, unit, xDomain, edges, value.name);
    const x = { ...at, bin: { binned: true, step: bins[0]!.end - bins[0]!.start } };
    const counts = rows.map((row) => row.count);
    const y = valueChannel(
      "count",
      "Count",
      undefined,
      valueDomain(counts, { zero: true, headroom: 0.14 }),
      counts,
      "count",
      {
        axis: { format: ",d", tickCount: 5, tickMinStep: 1 },
      },
    );
    const lower = Math.min(mean, median);
    const rules = [
      { at: mean, label: `Mean ${show(mean)}`, dash: [], color: COLORS.accent },
      { at: median, label: `Median ${show(median)}`, dash: [5, 3], color: COLORS.reference },
    ];
    const layers: Layer[] = [
      {
        data: rows,
        mark: { type: "bar", color: COLORS.muted, binSpacing: 1 },
        encoding: { x, x2: { field: "end" }, y },
      },
    ];
    for (const rule of rules) {
      const left = rule.at === lower && rule.at !== Math.max(mean, median);
      const tie = mean === median && rule.label.startsWith("Median");
      layers.push({
        data: [{ start: rule.at }],
        mark: { type: "rule", color: rule.color, strokeWidth: 2, strokeDash: rule.dash },
        encoding: { x: at },
      });
      layers.push({
        data: [{ start: rule.at, label: rule.label }],
        mark: {
          type: "text",
          align: left || tie ? "right" : "left",
          dx: left || tie ? -5 : 5,
          baseline: "top",
          y: tie ? 18 : 2,
          color: rule.color,
          fontWeight: "bold",
        },
        encoding: { x: at, text: { field: "label", type: "nominal" } },
      });
    }
    return {
      spec: frameLayers({
        title: presentation.title,
        subtitle: [`n = ${formatNumber(n)} · ${bins.length} bins`, context, ...sampled],
        layers,
      }),
    };
  },
};

/** Box plots drawn from computed quartiles (no Vega transforms): whiskers, box, median line, mean diamond, outliers. */
function boxLayers(
  all: Array<{ v: number; g: string }>,
  grouped: boolean,
  title: string,
  unit: string | undefined,
  name: string,
): { layers: Layer[]; count: number; notes: string[] } {
  const byGroup = new Map<string, number[]>();
  for (const item of all) byGroup.set(item.g, [...(byGroup.get(item.g) ?? []), item.v]);
  let groups = [...byGroup.entries()].map(([g, values]) => ({ g, spread: spreadOf(values)! }));
  const notes: string[] = [];
  if (groups.length > MAX_BOXES) {
    notes.push(`The ${MAX_BOXES} largest of ${groups.length} groups shown.`);
    groups = groups.sort((a, b) => b.spread.n - a.spread.n).slice(0, MAX_BOXES);
  }
  groups.sort((a, b) => b.spread.median - a.spread.median);
  const labels = displayLabels(
    groups.map(({ g }) => (grouped ? g : title)),
    22,
  );
  const rows = groups.map(({ spread }, index) => ({ label: labels[index]!, ...summaryRow(spread) }));
  const outliers = groups.flatMap(({ spread }, index) => spread.outliers.map((v) => ({ label: labels[index]!, v })));
  const everything = all.map((item) => item.v);
  const domain = valueDomain(everything, { hug: true });
  const x = (field: string) => valueChannel(field, title, unit, domain, everything, name);
  const y = { field: "label", type: "nominal", sort: labels, title: null, axis: { ticks: false, domain: false } };
  const layers: Layer[] = [
    {
      data: rows,
      mark: { type: "rule", color: COLORS.reference },
      encoding: { x: x("low"), x2: { field: "high" }, y },
    },
    {
      data: rows,
      mark: { type: "bar", height: BOX_HEIGHT, color: "#cfe0ef", stroke: COLORS.main, strokeWidth: 1.2 },
      encoding: { x: x("q1"), x2: { field: "q3" }, y },
    },
    {
      data: rows,
      mark: { type: "tick", color: COLORS.main, thickness: 2.5, size: BOX_HEIGHT },
      encoding: { x: x("median"), y },
    },
    {
      data: rows,
      mark: { type: "point", shape: "diamond", filled: true, size: 70, color: COLORS.accent, opacity: 1 },
      encoding: { x: x("mean"), y },
    },
  ];
  if (outliers.length > 0) {
    layers.push({
      data: outliers,
      mark: { type: "circle", size: 18, color: COLORS.subtleText, opacity: 0.6 },
      encoding: { x: x("v"), y },
    });
  }
  return { layers, count: rows.length, notes };
}

function summaryRow(spread: Spread) {
  return {
    low: spread.low,
    q1: spread.q1,
    median: spread.median,
    q3: spread.q3,
    high: spread.high,
    mean: spread.mean,
  };
}
