// Anomalies: the whole series they stand out from, the flagged points marked and the most extreme labelled,
// the threshold drawn as a line with its value.
import { plotSize, timeX, valueChannel, valueLabelChars } from "../compose/axes.js";
import { valueDomain } from "../compose/domain.js";
import { decimalsFor, formatNumber, formatTime, formatValue } from "../compose/format.js";
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
import { grainOf, pointsOf } from "../compose/series.js";
import type { AnomaliesRequest } from "../request/chart-request.js";
import { COLORS } from "../theme.js";
import { type ChartKind, contextLine, type Drawing, labelOf, readEvidence, unitOf } from "./kind.js";

/** Most flagged points that get a label; all are marked. */
export const MAX_ANOMALY_LABELS = 5;

export const anomaliesKind: ChartKind<AnomaliesRequest> = {
  kind: "anomalies",
  shows: "unusual values against the series they stand out from",
  drawnAs: "the series with its anomalies marked",
  source: "evidence",
  types: () => ["line", "scatter"],
  draw(request, type): Drawing {
    const { series, flagged } = request.evidence;
    const readSeries = readEvidence("The series", series.table, { time: series.time, value: series.value });
    if (typeof readSeries === "string") return { unusable: readSeries };
    const readFlagged = readEvidence("The flagged points", flagged.table, { time: flagged.time, value: flagged.value });
    if (typeof readFlagged === "string") return { unusable: readFlagged };
    if (readSeries.columns.time.kind !== "temporal") return { unusable: "the series needs a time column" };
    const points = pointsOf(readSeries);
    const anomalies = pointsOf(readFlagged);
    if (points.length < 2) return { unusable: "the series needs at least two points" };
    const presentation = request.presentation;
    const value = readSeries.columns.value;
    const unit = unitOf(presentation, value);
    const { lower, upper, rule } = request.threshold;
    const values = [...points.map((p) => p.v), ...anomalies.map((p) => p.v)];
    const span = Math.max(...values) - Math.min(...values);
    // A threshold far outside the data (a lower bound below zero for rainfall) is not drawn.
    const thresholds = [upper, lower].filter(
      (at): at is number => at !== undefined && Number.isFinite(at) && within(at, values, span * 0.15),
    );
    const domain = valueDomain([...values, ...thresholds], { headroom: 0.12 });
    const plot = plotSize(valueLabelChars(domain, unit));
    const grain = grainOf(readSeries.columns.time);
    const times = points.map((p) => p.t);
    const x = timeX(
      { ...readSeries.columns.time, field: "t", grain },
      [...times, ...anomalies.map((p) => p.t)],
      plot.width,
    );
    const y = valueChannel("v", labelOf(presentation, value), unit, domain, values, value.name);
    const layers: Layer[] = [
      type === "scatter"
        ? { data: points, mark: { type: "circle", size: 12, color: COLORS.main, opacity: 0.5 }, encoding: { x, y } }
        : {
            data: points,
            mark: { type: "line", color: COLORS.main, strokeWidth: 1.2, opacity: 0.85 },
            encoding: { x, y },
          },
    ];
    const decimals = decimalsFor(domain[1] - domain[0]);
    for (const at of thresholds) {
      layers.push({
        data: [{ v: at }],
        mark: { type: "rule", color: COLORS.reference, strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { y },
      });
    }
    layers.push({
      data: anomalies,
      mark: {
        type: "point",
        filled: true,
        size: 55,
        color: COLORS.accent,
        opacity: 1,
        stroke: "#ffffff",
        strokeWidth: 1,
      },
      encoding: { x, y },
    });
    const xPixel = linear([Math.min(...times), Math.max(...times)], [0, plot.width]);
    const yPixel = linear(domain, [plot.height, 0]);
    const centre = median(points.map((p) => p.v));
    const extreme = [...anomalies].sort((a, b) => Math.abs(b.v - centre) - Math.abs(a.v - centre));
    // Threshold labels first, anywhere along their line where they cover nothing; then the most extreme points.
    const along = Array.from({ length: 9 }, (_, i) => (i * plot.width) / 9);
    const thresholdLabels: LabelCandidate<Record<string, unknown>>[] = thresholds.map((at, i) => {
      const text = `Threshold ${formatValue(at, unit, false, decimals)}`;
      return {
        x: 0,
        y: yPixel(at),
        text,
        priority: -10 + i,
        placements: along.flatMap((dx) => [
          { dx: dx + 2, dy: -3, align: "left" as const, baseline: "bottom" as const },
          { dx: dx + 2, dy: 3, align: "left" as const, baseline: "top" as const },
        ]),
        datum: { t: Math.min(...times), v: at, label: text },
      };
    });
    const candidates: LabelCandidate<Record<string, unknown>>[] = extreme.slice(0, MAX_ANOMALY_LABELS).map((p, i) => {
      const text = `${formatValue(p.v, unit, false, decimals)}, ${formatTime(p.t, grain)}`;
      const position = xPixel(p.t) / plot.width;
      const align = position < 0.2 ? "left" : position > 0.8 ? "right" : "center";
      return {
        x: xPixel(p.t),
        y: yPixel(p.v),
        text,
        priority: i,
        placements: around(8, p.v >= centre ? "above" : "below", align),
        datum: { ...p, label: text },
      };
    });
    const placed = placeLabels([...thresholdLabels, ...candidates], plot.width, plot.height, {
      hard: anomalies.map((p) => pointBox(xPixel(p.t), yPixel(p.v), 5)),
      soft: pathBoxes(points.map((p) => [xPixel(p.t), yPixel(p.v)] as const)),
    });
    layers.push(...(labelLayers(placed, { x, y, text: { field: "label", type: "nominal" } }) as Layer[]));
    const count = anomalies.length;
    const found = `${formatNumber(count)} ${count === 1 ? "anomaly" : "anomalies"} (${rule})`;
    const pointLabels =
      placed.length - thresholdLabels.filter((label) => placed.some((p) => p.text === label.text)).length;
    const labelled = pointLabels < count ? ` · ${pointLabels} most extreme labelled` : "";
    const subtitle = [`${found}${labelled}`, contextLine(presentation, times, grain)];
    return { spec: frameLayers({ title: presentation.title, subtitle, layers }) };
  },
};

function within(at: number, values: number[], margin: number): boolean {
  return at >= Math.min(...values) - margin && at <= Math.max(...values) + margin;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
