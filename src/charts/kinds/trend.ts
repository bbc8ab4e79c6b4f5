// Trend: a measure over time as a line on a time axis at the data's grain, with first, last, peak and trough
// labelled; the value axis hugs the data (zero only when near) and never dips below zero for non-negative values.

import type { ColumnInfo } from "../columns.js";
import { plotSize, timeX, valueChannel, valueLabelChars } from "../compose/axes.js";
import { valueDomain } from "../compose/domain.js";
import { decimalsFor, formatTime, formatValue, isFractionPercent } from "../compose/format.js";
import { frameLayers, type Layer } from "../compose/frame.js";
import {
  around,
  type LabelCandidate,
  labelLayers,
  linear,
  pathBoxes,
  placeLabels,
  pointBox,
} from "../compose/labels.js";
import { timeTicks } from "../compose/time-axis.js";
import { sampleEvenly } from "../data-shaping.js";
import { type Channel, discreteChannel } from "../encodings.js";
import type { TrendRequest } from "../request/chart-request.js";
import { COLORS } from "../theme.js";
import { utcTimeUnit } from "../values.js";
import { type ChartKind, contextLine, type Drawing, labelOf, readEvidence, unitOf } from "./kind.js";

/** Most points drawn; a longer answer is sampled evenly (peak and trough are labelled from every row). */
export const MAX_TREND_POINTS = 2000;
/** Up to this many points each gets a dot. */
const DOTTED = 40;

interface Point {
  t: number;
  v: number;
}

export const trendKind: ChartKind<TrendRequest> = {
  kind: "trend",
  shows: "a measure changing over time",
  drawnAs: "a line over time",
  source: "answer",
  types: () => ["line", "area", "bar"],
  draw(request, type): Drawing {
    const read = readEvidence("The answer rows", request.answer, { time: request.time, value: request.value });
    if (typeof read === "string") return { unusable: read };
    const { time, value } = read.columns;
    if (time.kind !== "temporal" && time.kind !== "ordinal" && time.kind !== "quantitative") {
      return { unusable: `${time.name} is not a time or an ordered value` };
    }
    const all: Point[] = [];
    for (const record of read.records) {
      const t = record[time.field];
      const v = record[value.field];
      if (typeof t === "number" && typeof v === "number") all.push({ t, v });
    }
    all.sort((a, b) => a.t - b.t);
    if (all.length < 2) return { unusable: "a trend needs at least two periods" };
    const points = sampleEvenly(all, MAX_TREND_POINTS);
    const presentation = request.presentation;
    const unit = unitOf(presentation, value);
    const values = all.map((point) => point.v);
    const fraction = isFractionPercent(unit, values);
    const lengths = type !== "line";
    const domain = valueDomain(values, { zero: lengths, headroom: 0.16, footroom: 0.16 });
    const plot = plotSize(valueLabelChars(domain, unit));
    const temporal = time.kind === "temporal";
    const times = points.map((point) => point.t);

    const xField = time.field;
    const yField = value.field;
    const x =
      temporal && type === "bar"
        ? periodBands(time, times, plot.width)
        : temporal
          ? timeX(time, times, plot.width)
          : { ...discreteChannel(time), axis: { labelAngle: 0 }, title: labelOf(presentation, time) };
    const y = valueChannel(yField, labelOf(presentation, value), unit, domain, values, value.name);
    const rows = points.map((point) => ({ [xField]: point.t, [yField]: point.v }));
    const layers: Layer[] = [];
    if (type === "bar") layers.push({ data: rows, mark: { type: "bar", color: COLORS.main }, encoding: { x, y } });
    else {
      if (type === "area") {
        layers.push({ data: rows, mark: { type: "area", color: COLORS.main, opacity: 0.25 }, encoding: { x, y } });
      }
      layers.push({ data: rows, mark: { type: "line", color: COLORS.main, strokeWidth: 2 }, encoding: { x, y } });
      if (points.length <= DOTTED) {
        layers.push({ data: rows, mark: { type: "point", filled: true, size: 30, opacity: 1 }, encoding: { x, y } });
      }
    }

    const marks = landmarks(all);
    const xPixel = temporal
      ? linear([times[0]!, times.at(-1)!], [0, plot.width])
      : (t: number) => ((all.findIndex((p) => p.t === t) + 0.5) / all.length) * plot.width;
    const yPixel = linear(domain, [plot.height, 0]);
    const grain = time.grain ?? "day";
    const decimals = decimalsFor(domain[1] - domain[0]);
    const candidates: LabelCandidate<Record<string, unknown>>[] = marks.map((mark, index) => {
      const px = xPixel(mark.point.t);
      const when = temporal ? formatTime(mark.point.t, grain) : String(mark.point.t);
      const text = `${mark.names.join(", ")} ${formatValue(mark.point.v, unit, fraction, decimals)}${mark.dated ? ` (${when})` : ""}`;
      return {
        x: px,
        y: yPixel(mark.point.v),
        text: capitalize(text),
        priority: index,
        placements: placementsFor(px / plot.width, mark.low),
        datum: { [xField]: mark.point.t, [yField]: mark.point.v, label: capitalize(text) },
      };
    });
    const pixels = points.map((p) => [xPixel(p.t), yPixel(p.v)] as const);
    const hard = marks.map((mark) => pointBox(xPixel(mark.point.t), yPixel(mark.point.v), 5));
    const bars = (p: readonly [number, number]) => ({ x1: p[0] - 3, y1: p[1], x2: p[0] + 3, y2: plot.height });
    const placed = placeLabels(candidates, plot.width, plot.height, {
      hard: type === "bar" ? [...hard, ...pixels.map(bars)] : hard,
      soft: type === "bar" ? [] : pathBoxes(pixels),
    });
    const marked = marks.map((mark) => ({ [xField]: mark.point.t, [yField]: mark.point.v }));
    if (type !== "bar") {
      layers.push({
        data: marked,
        mark: { type: "point", filled: true, size: 60, opacity: 1, color: COLORS.accent },
        encoding: { x, y },
      });
    }
    layers.push(...(labelLayers(placed, { x, y, text: { field: "label", type: "nominal" } }) as Layer[]));
    const notes = points.length < all.length ? [`${points.length} of ${all.length} points drawn, evenly spaced.`] : [];
    return {
      spec: frameLayers({
        title: presentation.title,
        subtitle: [contextLine(presentation, temporal ? times : undefined, time.grain), ...notes],
        layers,
      }),
    };
  },
};

interface Landmark {
  point: Point;
  names: string[];
  /** Peak and trough say when; first and last sit at the axis ends. */
  dated: boolean;
  /** Labelled below the point (a trough). */
  low: boolean;
}

/** Peak, trough, last and first (in that order of importance), one landmark per point. */
function landmarks(points: Point[]): Landmark[] {
  let peak = points[0]!;
  let trough = points[0]!;
  for (const point of points) {
    if (point.v > peak.v) peak = point;
    if (point.v < trough.v) trough = point;
  }
  const named: Array<[string, Point]> = [
    ["peak", peak],
    ["trough", trough],
    ["last", points.at(-1)!],
    ["first", points[0]!],
  ];
  const byPoint = new Map<Point, Landmark>();
  for (const [name, point] of named) {
    const mark = byPoint.get(point);
    if (mark) {
      mark.names.push(name);
      continue;
    }
    byPoint.set(point, { point, names: [name], dated: false, low: false });
  }
  for (const mark of byPoint.values()) {
    const ends = mark.point === points[0] || mark.point === points.at(-1);
    mark.dated = !ends;
    mark.low = mark.names[0] === "trough";
    // "Last, peak" reads better as "Peak, last": the extreme first.
    mark.names.sort((a, b) => order(a) - order(b));
  }
  return [...byPoint.values()];
}

function order(name: string): number {
  return ["peak", "trough", "first", "last"].indexOf(name);
}

/** Labels near an edge are aligned inwards; a trough's label goes below it first. */
function placementsFor(position: number, low: boolean) {
  const align = position < 0.2 ? "left" : position > 0.8 ? "right" : "center";
  return around(9, low ? "below" : "above", align);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One band per period, labelled at the same ticks a line would have (every period when they fit). */
function periodBands(time: ColumnInfo, times: number[], width: number): Channel {
  const grain = time.grain ?? "day";
  const ticks = timeTicks(times, grain, width);
  return {
    field: time.field,
    type: "ordinal",
    timeUnit: utcTimeUnit(grain),
    title: null,
    axis: { values: ticks.values, format: ticks.format, labelAngle: 0 },
  };
}
