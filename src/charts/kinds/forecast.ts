// Forecast: the history as a line, the forecast as a dashed line continuing it, its prediction interval as a
// band, a rule where the actuals end; recent history only when it would squeeze the forecast to a sliver.
import { plotSize, timeX, valueChannel, valueLabelChars } from "../compose/axes.js";
import { valueDomain } from "../compose/domain.js";
import { formatNumber } from "../compose/format.js";
import { frameLayers, type Layer } from "../compose/frame.js";
import { grainOf, type Point, pointsOf } from "../compose/series.js";
import { textWidth } from "../compose/text.js";
import type { Channel } from "../encodings.js";
import type { ForecastRequest } from "../request/chart-request.js";
import { COLORS, FONT } from "../theme.js";
import type { TimeGrain } from "../values.js";
import { type ChartKind, contextLine, type Drawing, labelOf, readEvidence, unitOf } from "./kind.js";

/** History periods shown per forecast period, at least `MIN_HISTORY`: enough to see the level and season. */
const HISTORY_PER_STEP = 8;
const MIN_HISTORY = 60;

type Predicted = Point & { lower: number; upper: number };

const GRAIN_NOUNS: Record<TimeGrain, string> = {
  year: "years",
  month: "months",
  day: "days",
  hour: "hours",
  minute: "minutes",
  second: "seconds",
};

export const forecastKind: ChartKind<ForecastRequest> = {
  kind: "forecast",
  shows: "a forecast continuing its history",
  drawnAs: "a line with the forecast dashed after it",
  source: "evidence",
  types: () => ["line"],
  draw(request): Drawing {
    const { history, forecast } = request.evidence;
    const past = readEvidence("The history", history.table, { time: history.time, value: history.value });
    if (typeof past === "string") return { unusable: past };
    const future = readEvidence("The forecast", forecast.table, {
      time: forecast.time,
      value: forecast.value,
      lower: forecast.lower,
      upper: forecast.upper,
    });
    if (typeof future === "string") return { unusable: future };
    if (past.columns.time.kind !== "temporal" || future.columns.time.kind !== "temporal") {
      return { unusable: "the history and forecast need a time column" };
    }
    const actuals = pointsOf(past);
    const predicted: Predicted[] = [];
    for (const record of future.records) {
      const { time, value, lower, upper } = future.columns;
      const [t, v, lo, hi] = [record[time.field], record[value.field], record[lower.field], record[upper.field]];
      if (typeof t === "number" && typeof v === "number") {
        predicted.push({ t, v, lower: typeof lo === "number" ? lo : v, upper: typeof hi === "number" ? hi : v });
      }
    }
    predicted.sort((a, b) => a.t - b.t);
    if (actuals.length < 2 || predicted.length === 0) return { unusable: "a forecast needs its history and periods" };
    const window = Math.max(MIN_HISTORY, HISTORY_PER_STEP * predicted.length);
    const shown = actuals.slice(-window);
    const last = shown.at(-1)!;
    const presentation = request.presentation;
    const value = past.columns.value;
    const unit = unitOf(presentation, value);
    const all = [...shown.map((p) => p.v), ...predicted.flatMap((p) => [p.lower, p.upper, p.v])];
    // Headroom keeps the "Actual" and "Forecast" labels at the top clear of the lines.
    const domain = valueDomain(all, { headroom: 0.22, footroom: 0.08 });
    const plot = plotSize(valueLabelChars(domain, unit));
    const times = [...shown.map((p) => p.t), ...predicted.map((p) => p.t)];
    const grain = grainOf(past.columns.time, future.columns.time);
    const timeColumn = { ...past.columns.time, field: "t", grain };
    const x = timeX(timeColumn, times, plot.width);
    const y = valueChannel("v", labelOf(presentation, value), unit, domain, all, value.name);
    // The forecast line and band start at the last actual, so the forecast visibly continues the history.
    const joined = [{ t: last.t, v: last.v, lower: last.v, upper: last.v }, ...predicted];
    const interval = forecast.interval ?? 0.95;
    const layers: Layer[] = [
      {
        data: joined,
        mark: { type: "area", color: COLORS.accent, opacity: 0.18 },
        encoding: { x, y: { ...y, field: "lower" }, y2: { field: "upper" } },
      },
      { data: shown, mark: { type: "line", color: COLORS.main, strokeWidth: 2 }, encoding: { x, y } },
      {
        data: joined,
        mark: { type: "line", color: COLORS.accent, strokeWidth: 2.5, strokeDash: [6, 4] },
        encoding: { x, y },
      },
      ...(predicted.length <= 40
        ? [
            {
              data: predicted,
              mark: { type: "point", filled: true, size: 28, color: COLORS.accent, opacity: 1 },
              encoding: { x, y },
            },
          ]
        : []),
      { data: [{ t: last.t }], mark: { type: "rule", strokeDash: [3, 3], color: COLORS.reference }, encoding: { x } },
      {
        data: [{ t: last.t }],
        mark: {
          type: "text",
          text: "Actual",
          align: "right",
          dx: -6,
          y: 2,
          baseline: "top",
          color: COLORS.main,
          fontWeight: "bold",
        },
        encoding: { x },
      },
      forecastLabel(x, last.t, times, plot.width),
    ];
    const method = request.method ? ` · ${request.method}` : "";
    const windowNote =
      shown.length < actuals.length
        ? `last ${formatNumber(shown.length)} of ${formatNumber(actuals.length)} ${GRAIN_NOUNS[grain]} of history`
        : "";
    const notes = [
      `Forecast dashed, ${Math.round(interval * 100)}% prediction interval shaded${method}`,
      [contextLine(presentation, times, grain), windowNote].filter(Boolean).join(" · "),
    ];
    return { spec: frameLayers({ title: presentation.title, subtitle: notes, layers }) };
  },
};

/** "Forecast" right of the rule when it fits there, else under "Actual", flush with the plot's right edge. */
function forecastLabel(x: Channel, at: number, times: number[], width: number): Layer {
  const room = ((Math.max(...times) - at) / (Math.max(...times) - Math.min(...times) || 1)) * width;
  const fits = room >= textWidth("Forecast", FONT.label, true) + 10;
  const style = { type: "text", text: "Forecast", baseline: "top", color: COLORS.accent, fontWeight: "bold" };
  return fits
    ? { data: [{ t: at }], mark: { ...style, align: "left", dx: 6, y: 2 }, encoding: { x } }
    : { data: [{}], mark: { ...style, align: "right", y: FONT.label + 6 }, encoding: { x: { value: "width" } } };
}
