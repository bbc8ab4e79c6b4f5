// A measure by two keys: one coloured line per series over a time or ordered key, grouped bars over categories;
// many series become the top few plus "All others" (sums and counts) or small multiples (averages, rates).

import type { ChartRecord, ColumnInfo } from "../columns.js";
import { prepareTable } from "../columns.js";
import { plotSize, timeX, valueChannel, valueLabelChars } from "../compose/axes.js";
import { valueDomain } from "../compose/domain.js";
import { formatNumber, formatPercent, titleWithUnit } from "../compose/format.js";
import { frameLayers, type Layer, subtitleLines, titleLines, titleSpec } from "../compose/frame.js";
import { displayLabels } from "../compose/text.js";
import { defaultOp } from "../data-shaping.js";
import { type Channel, discreteChannel } from "../encodings.js";
import type { RequestedChart, TwoKeysRequest } from "../request/chart-request.js";
import { findColumn } from "../roles.js";
import { CHART_CONFIG, CHART_WIDTH, COLORS, PALETTE } from "../theme.js";
import type { VegaLiteSpec } from "../types.js";
import { type ChartKind, contextLine, type Drawing, keyText, labelOf, readEvidence, unitOf } from "./kind.js";

/** Label of the folded rest; not "Other", which real data uses (an industry named Other). */
const OTHER = "All others";
/** Most series drawn in their own colour. */
export const MAX_COLORED_SERIES = 6;
/** Most panels of small multiples. */
export const MAX_PANELS = 9;
const PANEL_COLUMNS = 3;

interface Row {
  key: number | string;
  series: string;
  value: number;
}

export const twoKeysKind: ChartKind<TwoKeysRequest> = {
  kind: "two_keys",
  shows: "a measure by two keys",
  drawnAs: "one line per series",
  source: "answer",
  types(request): readonly RequestedChart[] {
    const key = findColumn(prepareTable(request.answer).columns, request.key);
    return key && key.kind !== "nominal" ? ["line", "bar", "heatmap"] : ["bar", "heatmap"];
  },
  draw(request, type): Drawing {
    const read = readEvidence("The answer rows", request.answer, {
      key: request.key,
      series: request.series,
      value: request.value,
    });
    if (typeof read === "string") return { unusable: read };
    const { key, series, value } = read.columns;
    let rows: Row[] = [];
    for (const record of read.records) {
      const k = record[key.field];
      const v = record[value.field];
      if ((typeof k === "number" || typeof k === "string") && typeof v === "number") {
        rows.push({ key: k, series: keyText(record[series.field], series), value: v });
      }
    }
    if (rows.length < 2) return { unusable: "two keys need at least two rows" };
    const presentation = request.presentation;
    const notes: string[] = [];
    const ranked = rankSeries(rows);
    const additive = request.aggregate
      ? request.aggregate === "sum" || request.aggregate === "count"
      : defaultOp(value) === "sum";
    if (ranked.length > MAX_COLORED_SERIES && type !== "heatmap") {
      if (!additive && type === "line") return { spec: smallMultiples(request, rows, ranked, key, value) };
      const folded = foldOther(rows, ranked, MAX_COLORED_SERIES - 1, additive);
      const kept = `Top ${MAX_COLORED_SERIES - 1} of ${formatNumber(ranked.length)} ${labelOf(presentation, series).toLowerCase()} values`;
      // An "All others" larger than every named series would flatten them against the axis: it is left out and said.
      if (folded.otherShare !== null && folded.otherTotal > folded.largestTotal) {
        rows = folded.rows.filter((row) => row.series !== OTHER);
        notes.push(
          `${kept}; the other ${formatNumber(ranked.length - MAX_COLORED_SERIES + 1)} (${formatPercent(folded.otherShare)} of the total) not drawn.`,
        );
      } else {
        rows = folded.rows;
        notes.push(`${kept}; the rest as Other.`);
      }
    }
    const seriesNames = [...new Set(rows.map((row) => row.series))];
    // Years and other ordered series keep their own order; categories go largest first.
    const ordered = (series.kind === "nominal" ? ranked : [...ranked].sort(naturally)).filter(
      (name) => seriesNames.includes(name) && name !== OTHER,
    );
    if (seriesNames.includes(OTHER)) ordered.push(OTHER);
    const labels = new Map(ordered.map((name, i) => [name, displayLabels(ordered, 20)[i]!]));
    const data = rows.map((row) => ({ key: row.key, series: labels.get(row.series)!, value: row.value }));
    const unit = unitOf(presentation, value);
    const values = data.map((row) => row.value);
    const bars = type === "bar" || type === "heatmap";
    const domain = valueDomain(values, { zero: bars });
    const plot = plotSize(valueLabelChars(domain, unit));
    const color = colorOf([...labels.values()], presentation.highlight, labels);
    const y = valueChannel("value", labelOf(presentation, value), unit, domain, values, value.name);
    const keyColumn = { ...key, field: "key" };
    const times = data.map((row) => row.key).filter((k): k is number => typeof k === "number");
    const layers: Layer[] = [];
    if (type === "heatmap") {
      layers.push({
        data,
        mark: { type: "rect" },
        encoding: {
          x: { ...discreteChannel(keyColumn), title: null, axis: { labelAngle: 0 } },
          y: { field: "series", type: "nominal", title: null, sort: [...labels.values()] },
          color: { field: "value", type: "quantitative", title: null, scale: { scheme: "blues" } },
        },
      });
    } else if (type === "bar") {
      const x: Channel = { ...discreteChannel(keyColumn), title: null, axis: { labelAngle: 0 } };
      if (key.kind === "nominal") x.sort = null;
      layers.push({
        data,
        mark: { type: "bar" },
        encoding: { x, xOffset: { field: "series", type: "nominal", sort: [...labels.values()] }, y, color },
      });
    } else {
      const x =
        key.kind === "temporal" ? timeX(keyColumn, times, plot.width) : { ...discreteChannel(keyColumn), title: null };
      layers.push({ data, mark: { type: "line", strokeWidth: 2 }, encoding: { x, y, color } });
      if (data.length / ordered.length <= 24) {
        layers.push({ data, mark: { type: "point", filled: true, size: 24, opacity: 1 }, encoding: { x, y, color } });
      }
    }
    const context = contextLine(presentation, key.kind === "temporal" ? times : undefined, key.grain);
    return { spec: frameLayers({ title: presentation.title, subtitle: [context, ...notes], layers }) };
  },
};

/** Series names by their total, largest first. */
function rankSeries(rows: Row[]): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.series, (totals.get(row.series) ?? 0) + row.value);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
}

function naturally(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

interface Folded {
  rows: Row[];
  otherTotal: number;
  largestTotal: number;
  /** Other's share of the grand total, for sums and counts; null for averages. */
  otherShare: number | null;
}

/** The top `keep` series as they are; the rest summed (or averaged) per key as "All others". */
function foldOther(rows: Row[], ranked: string[], keep: number, additive: boolean): Folded {
  const top = new Set(ranked.slice(0, keep));
  const other = new Map<number | string, { sum: number; n: number }>();
  const kept: Row[] = [];
  const totals = new Map<string, number>();
  let grand = 0;
  for (const row of rows) {
    grand += row.value;
    if (top.has(row.series)) {
      kept.push(row);
      totals.set(row.series, (totals.get(row.series) ?? 0) + row.value);
    } else {
      const entry = other.get(row.key) ?? { sum: 0, n: 0 };
      entry.sum += row.value;
      entry.n += 1;
      other.set(row.key, entry);
    }
  }
  let otherTotal = 0;
  for (const [key, { sum, n }] of other) {
    const value = additive ? sum : sum / n;
    otherTotal += value;
    kept.push({ key, series: OTHER, value });
  }
  return {
    rows: kept,
    otherTotal,
    largestTotal: Math.max(0, ...totals.values()),
    otherShare: additive && grand > 0 ? otherTotal / grand : null,
  };
}

/** One colour per series; with a highlight, the asked-for series in the accent colour and the rest muted. */
function colorOf(
  names: string[],
  highlight: TwoKeysRequest["presentation"]["highlight"],
  labels: Map<string, string>,
): Channel {
  const asked = new Set((highlight ?? []).map((item) => labels.get(String(item)) ?? String(item)));
  const range = names.some((name) => asked.has(name))
    ? names.map((name) => (asked.has(name) ? COLORS.accent : COLORS.muted))
    : names.map((name, i) => (name === OTHER ? COLORS.muted : PALETTE[i % PALETTE.length]!));
  return { field: "series", type: "nominal", title: null, scale: { domain: names, range }, sort: names };
}

/** Small multiples: one panel per series (the largest `MAX_PANELS`), sharing both axes. */
function smallMultiples(
  request: TwoKeysRequest,
  rows: Row[],
  ranked: string[],
  key: ColumnInfo,
  value: ColumnInfo,
): VegaLiteSpec {
  const presentation = request.presentation;
  const shown = ranked.slice(0, MAX_PANELS);
  const labels = new Map(shown.map((name, i) => [name, displayLabels(shown, 18)[i]!]));
  const data: ChartRecord[] = rows
    .filter((row) => labels.has(row.series))
    .map((row) => ({ key: row.key, series: labels.get(row.series)!, value: row.value }));
  const unit = unitOf(presentation, value);
  const values = data.map((row) => Number(row.value));
  const domain = valueDomain(values);
  const columns = Math.min(PANEL_COLUMNS, shown.length);
  const axisRoom = valueLabelChars(domain, unit) * 8 + 30;
  const panelWidth = Math.floor((CHART_WIDTH - 20 - axisRoom - (columns - 1) * 12) / columns);
  const times = data.map((row) => row.key).filter((k): k is number => typeof k === "number");
  const keyColumn = { ...key, field: "key" };
  const x =
    key.kind === "temporal"
      ? timeX(keyColumn, times, panelWidth)
      : { ...discreteChannel(keyColumn), title: null, axis: { labelAngle: 0 } };
  // One y title per row of panels would repeat and collide: the measure is named in the subtitle instead.
  const channel = valueChannel("value", "", unit, domain, values, value.name);
  const y = { ...channel, title: null, axis: { ...(channel.axis as object), tickCount: 3 } };
  const measure = titleWithUnit(labelOf(presentation, value), unit === "$" ? undefined : unit);
  const notes = [
    [measure, contextLine(presentation, key.kind === "temporal" ? times : undefined, key.grain)]
      .filter(Boolean)
      .join(" · "),
  ];
  if (ranked.length > shown.length)
    notes.push(`The ${shown.length} largest of ${formatNumber(ranked.length)} series shown.`);
  const title = titleLines(presentation.title);
  const subtitle = subtitleLines(notes);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: titleSpec(title, subtitle),
    data: { values: data },
    facet: { field: "series", type: "nominal", sort: [...labels.values()], title: null },
    columns,
    spacing: { row: 14, column: 12 },
    spec: {
      width: panelWidth,
      height: 80,
      layer: [{ mark: { type: "line", color: COLORS.main, strokeWidth: 1.8 }, encoding: { x, y } }],
    },
    config: { ...CHART_CONFIG, axisQuantitative: { tickCount: 3, labelFlush: true } },
  } as unknown as VegaLiteSpec;
}
