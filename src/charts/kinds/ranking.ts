// Ranking / group aggregate: horizontal bars sorted by value, each with its value written at its end, the
// asked-for group in the accent colour; long names abbreviated so every bar keeps a readable label.
import { valueChannel } from "../compose/axes.js";
import { decimalsFor, formatValue, isFractionPercent } from "../compose/format.js";
import { frameLayers, type Layer } from "../compose/frame.js";
import { donutLayers, type Part, segments } from "../compose/part-to-whole.js";
import { displayLabels, textWidth } from "../compose/text.js";
import { defaultOp } from "../data-shaping.js";
import type { Key, RankingRequest } from "../request/index.js";
import { BAR_CHROME, BAR_STEP, CHART_WIDTH, COLORS, FONT } from "../theme.js";
import { type ChartKind, contextLine, type Drawing, keyText, labelOf, readEvidence, unitOf } from "./kind.js";

/** Most bars drawn: more stop being readable at Slack's size; the subtitle says how many were left out. */
export const MAX_RANKED = 30;
/** Longest group label, in characters, before it is abbreviated. */
const MAX_LABEL = 22;
/** Most groups a pie of a ranking shows before folding the rest into "Other". */
const MAX_PIE = 8;

interface Bar {
  key: string;
  value: number;
  asked: boolean;
}

export const rankingKind: ChartKind<RankingRequest> = {
  kind: "ranking",
  shows: "a value per group, in order",
  drawnAs: "bars sorted by value",
  source: "answer",
  types: (request) => (additive(request) ? ["bar", "pie"] : ["bar"]),
  draw(request, type): Drawing {
    const read = readEvidence("The answer rows", request.answer, { key: request.key, value: request.value });
    if (typeof read === "string") return { unusable: read };
    const { key, value } = read.columns;
    const presentation = request.presentation;
    const asked = new Set((presentation.highlight ?? []).map((item: Key) => String(item).toLowerCase()));
    const all: Bar[] = [];
    for (const record of read.records) {
      const amount = record[value.field];
      if (typeof amount !== "number") continue;
      const name = keyText(record[key.field], key);
      all.push({ key: name, value: amount, asked: asked.has(name.toLowerCase()) });
    }
    if (all.length < 2) return { unusable: "a ranking needs at least two groups" };
    const ascending = request.order === "asc";
    all.sort((a, b) => (ascending ? a.value - b.value : b.value - a.value));
    const unit = unitOf(presentation, value);
    const context = contextLine(presentation);
    if (type === "pie") {
      if (all.some((bar) => bar.value < 0)) return { unusable: "a pie cannot show negative values" };
      const parts: Part[] = all
        .slice(0, MAX_PIE)
        .map((bar) => ({ label: bar.key, value: bar.value, asked: bar.asked }));
      const rest = all.slice(MAX_PIE).reduce((sum, bar) => sum + bar.value, 0);
      if (rest > 0) parts.push({ label: "All others", value: rest, asked: false });
      const total = all.reduce((sum, bar) => sum + bar.value, 0);
      return {
        spec: frameLayers({
          title: presentation.title,
          subtitle: [
            [`${formatValue(total, unit === "$" ? unit : undefined)} in all`, context].filter(Boolean).join(" · "),
          ],
          layers: donutLayers(segments(parts), 100),
          height: 250,
        }),
      };
    }
    // The asked-for groups are always drawn, even outside the top N.
    const shown = all.slice(0, MAX_RANKED);
    for (const bar of all.slice(MAX_RANKED)) if (bar.asked) shown.push(bar);
    const labels = displayLabels(
      shown.map((bar) => bar.key),
      MAX_LABEL,
    );
    const values = shown.map((bar) => bar.value);
    const fraction = isFractionPercent(unit, values);
    const min = Math.min(0, ...values);
    const max = Math.max(0, ...values);
    const decimals = decimalsFor(max - min);
    // Word units ("mpg", "days") are named once in the subtitle; "$", "%" and "°C" stay on every value.
    const compact = unit && /^[$%°]/.test(unit) ? unit : undefined;
    const texts = shown.map((bar) => formatValue(bar.value, compact, fraction, decimals));
    const labelPx = Math.max(...labels.map((label) => textWidth(label, FONT.label))) + 12;
    const plotWidth = CHART_WIDTH - 24 - labelPx;
    // Room past each bar's end for its value label, in data units.
    const room = ((Math.max(...texts.map((text) => textWidth(text, FONT.label))) + 8) / plotWidth) * (max - min || 1);
    const domain: [number, number] = [min < 0 ? min - room : 0, max > 0 ? max + room : 0];
    const rows = shown.map((bar, index) => ({
      label: labels[index]!,
      value: bar.value,
      text: texts[index]!,
      tone: bar.asked ? "asked" : "other",
    }));
    const y = {
      field: "label",
      type: "nominal",
      sort: rows.map((row) => row.label),
      title: null,
      axis: { labelLimit: labelPx, ticks: false, domain: false, labelPadding: 6 },
    };
    // Every bar carries its value, so the axis keeps only its grid; the subtitle names the measure and unit.
    const x = valueChannel("value", labelOf(presentation, value), unit, domain, values, value.name, {
      title: null,
      axis: { tickCount: 4, grid: true, labels: false, ticks: false, domain: false },
    });
    const highlight = rows.some((row) => row.tone === "asked");
    const color = highlight
      ? {
          color: {
            field: "tone",
            type: "nominal",
            scale: { domain: ["other", "asked"], range: [COLORS.muted, COLORS.accent] },
            legend: null,
          },
        }
      : {};
    const layers: Layer[] = [
      { data: rows, mark: { type: "bar", color: COLORS.main, height: { band: 0.78 } }, encoding: { x, y, ...color } },
    ];
    const positive = rows.filter((row) => row.value >= 0);
    const negative = rows.filter((row) => row.value < 0);
    const text = { field: "text", type: "nominal" };
    if (positive.length > 0) {
      layers.push({
        data: positive,
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, color: COLORS.text },
        encoding: { x, y, text },
      });
    }
    if (negative.length > 0) {
      layers.push({
        data: negative,
        mark: { type: "text", align: "right", baseline: "middle", dx: -4, color: COLORS.text },
        encoding: { x, y, text },
      });
    }
    const notes: string[] = [];
    if (all.length > shown.length) {
      notes.push(`${ascending ? "Bottom" : "Top"} ${MAX_RANKED} of ${all.length} shown.`);
    }
    const measure = labelOf(presentation, value);
    return {
      spec: frameLayers({
        title: presentation.title,
        subtitle: [context, `${measure}${unit && !fraction && unit !== "$" ? ` (${unit})` : ""}`, ...notes],
        layers,
        height: shown.length * BAR_STEP + BAR_CHROME - 60,
      }),
    };
  },
};

/** Sums and counts make a whole a pie can divide; averages, medians and extremes do not. */
function additive(request: RankingRequest): boolean {
  if (request.aggregate) return request.aggregate === "sum" || request.aggregate === "count";
  return (
    defaultOp({
      name: request.value,
      field: request.value,
      title: request.value,
      kind: "quantitative",
      distinct: 0,
    }) === "sum"
  );
}
