import { describe, expect, it } from "vitest";
import { type ChartRequest, chartForRequest, renderChartPng, type VegaLiteSpec } from "../../src/charts/index.js";
import { CHART_WIDTH, COLORS } from "../../src/charts/theme.js";
import {
  carsCorrelation,
  flightsByOrigin,
  flightsCorrelation,
  flightsForecast,
  horsepower,
  mpgByMaker,
  precipitationAnomalies,
  precipitationTrend,
  pricesBySymbol,
  sunnyShare,
  temperatureTrend,
  unemploymentByIndustry,
  weatherByYear,
} from "./kind-fixtures.js";
import { overlappingTexts, repeatedTicks, type Scene, sceneOf, smallestTextOnScreen } from "./scene.js";

interface LayerView {
  mark: { type: string; strokeDash?: number[]; color?: string };
  encoding: Record<
    string,
    | {
        field?: string;
        type?: string;
        scale?: { domain?: unknown[]; range?: string[] };
        axis?: { values?: number[]; format?: string };
      }
    | undefined
  >;
  data: { values: Record<string, unknown>[] };
}
interface LayeredView {
  layer: LayerView[];
  title: { text: string | string[]; subtitle?: string | string[] };
  width: number;
  description?: string;
}

function draw(request: ChartRequest) {
  const outcome = chartForRequest(request);
  if (!outcome.spec) throw new Error(`no chart: ${outcome.note}`);
  return { ...outcome, spec: outcome.spec as unknown as LayeredView, raw: outcome.spec };
}

const marks = (spec: LayeredView) => spec.layer.map((layer) => layer.mark.type);
const layerOf = (spec: LayeredView, type: string, index = 0) => spec.layer.filter((l) => l.mark.type === type)[index]!;
const subtitle = (spec: LayeredView) => [spec.title.subtitle ?? []].flat().join(" ");
const texts = (scene: Scene, role = "mark") =>
  scene.texts.filter((text) => text.role === role).map((text) => text.text);

/** What every chart owes a person: no repeated tick labels, no overlapping text, legible at 360 px wide. */
async function expectReadable(spec: VegaLiteSpec): Promise<Scene> {
  const scene = await sceneOf(spec);
  expect(repeatedTicks(scene)).toEqual([]);
  expect(overlappingTexts(scene)).toEqual([]);
  expect(smallestTextOnScreen(scene, CHART_WIDTH)).toBeGreaterThanOrEqual(8);
  return scene;
}

describe("correlation", () => {
  it("draws every pair as a point with the least-squares line, r and n in the subtitle", async () => {
    const { spec, raw } = draw(carsCorrelation());
    expect(marks(spec)).toEqual(["circle", "line"]);
    const points = layerOf(spec, "circle");
    expect(points.encoding.x).toMatchObject({ field: "Weight_in_lbs", type: "quantitative" });
    expect(points.encoding.y).toMatchObject({ field: "Miles_per_Gallon", type: "quantitative" });
    expect(points.data.values).toHaveLength(398);
    expect(layerOf(spec, "line").data.values).toHaveLength(2);
    expect(layerOf(spec, "line").mark.color).toBe(COLORS.accent);
    expect(subtitle(spec)).toContain("r = −0.83 (very strong, negative) · n = 398");
    await expectReadable(raw);
  });

  it("fits the line so it falls with weight and passes near the mean of the pairs", () => {
    const { spec } = draw(carsCorrelation());
    const [start, end] = layerOf(spec, "line").data.values as Array<Record<string, number>>;
    expect(end!.Miles_per_Gallon!).toBeLessThan(start!.Miles_per_Gallon!);
    const slope = (end!.Miles_per_Gallon! - start!.Miles_per_Gallon!) / (end!.Weight_in_lbs! - start!.Weight_in_lbs!);
    expect(slope).toBeCloseTo(-0.0077, 3);
  });

  it("colours the points by the grouping that was asked", async () => {
    const { spec, raw } = draw(carsCorrelation(true));
    expect(layerOf(spec, "circle").encoding.color).toMatchObject({ field: "Origin", type: "nominal" });
    const scene = await expectReadable(raw);
    expect(scene.texts.map((t) => t.text)).toEqual(expect.arrayContaining(["Europe", "Japan", "USA"]));
  });

  it("draws at most 2,000 of 20,000 pairs and says so, with n counting them all", async () => {
    const { spec, raw } = draw(flightsCorrelation());
    expect(layerOf(spec, "circle").data.values).toHaveLength(2000);
    expect(subtitle(spec)).toContain("n = 20,000");
    expect(subtitle(spec)).toContain("2,000 of 20,000 pairs drawn");
    await expectReadable(raw);
  });
});

describe("forecast", () => {
  it("continues the history with a dashed forecast, its interval as a band and a rule where actuals end", async () => {
    const request = flightsForecast();
    const { spec, raw } = draw(request);
    expect(marks(spec)).toEqual(["area", "line", "line", "point", "rule", "text", "text"]);
    const [history, forecast] = spec.layer.filter((l) => l.mark.type === "line");
    expect(history!.mark.strokeDash).toBeUndefined();
    expect(forecast!.mark.strokeDash).toEqual([6, 4]);
    expect(forecast!.data.values).toHaveLength(8);
    const lastActual = history!.data.values.at(-1)!;
    expect(forecast!.data.values[0]).toMatchObject({ t: lastActual.t, v: lastActual.v });
    const band = layerOf(spec, "area");
    expect(band.encoding.y?.field).toBe("lower");
    expect(band.encoding.y2?.field).toBe("upper");
    expect(layerOf(spec, "rule").data.values).toEqual([{ t: lastActual.t }]);
    expect(history!.data.values.length).toBeGreaterThanOrEqual(56);
    const scene = await expectReadable(raw);
    expect(texts(scene)).toEqual(expect.arrayContaining(["Actual", "Forecast"]));
  });
});

describe("anomalies", () => {
  it("draws the whole series, marks every flagged day, labels the most extreme and draws the threshold", async () => {
    const request = precipitationAnomalies();
    const { spec, raw } = draw(request);
    expect(marks(spec).slice(0, 3)).toEqual(["line", "rule", "point"]);
    expect(layerOf(spec, "line").data.values).toHaveLength(1461);
    const flagged = request.evidence.flagged.table.rows.length;
    expect(layerOf(spec, "point").data.values).toHaveLength(flagged);
    expect(spec.layer.filter((l) => l.mark.type === "rule")).toHaveLength(1);
    expect(layerOf(spec, "rule").data.values[0]!.v).toBeCloseTo(request.threshold.upper!, 6);
    const scene = await expectReadable(raw);
    const labels = texts(scene);
    expect(labels.some((text) => text.startsWith("Threshold"))).toBe(true);
    expect(labels.filter((text) => /mm, \w{3} \d+, \d{4}/.test(text)).length).toBeGreaterThanOrEqual(3);
    expect(subtitle(spec)).toContain(`${flagged} anomalies (|z| > 3)`);
  });
});

describe("share", () => {
  it("draws one bar of the whole, 0–100%, the asked part first in the accent colour, with its share in large type", async () => {
    const { spec, raw } = draw(sunnyShare());
    const bar = layerOf(spec, "bar");
    const rows = bar.data.values as Array<{ start: number; end: number; segment: string }>;
    expect(rows[0]!.segment).toBe("sun 43.8%");
    expect(rows.at(-1)!.end).toBeCloseTo(1, 9);
    expect(bar.encoding.x?.scale?.domain).toEqual([0, 1]);
    expect(bar.encoding.x?.axis?.format).toBe(".0%");
    expect(bar.encoding.color?.scale?.range?.[0]).toBe(COLORS.accent);
    const scene = await expectReadable(raw);
    expect(texts(scene)).toEqual(expect.arrayContaining(["43.8%", "sun: 640 of 1,461 days"]));
    // Counts never share an axis with percentages: the only value axis runs 0–100%.
    expect(scene.axes.flat()).toEqual(["0%", "25%", "50%", "75%", "100%"]);
  });

  it("draws a donut with the share in its middle when a pie is asked for", async () => {
    const { spec, raw, note } = draw({
      ...sunnyShare(),
      presentation: { ...sunnyShare().presentation, requested: "pie" },
    });
    expect(note).toBeNull();
    expect(marks(spec)).toEqual(["arc", "text"]);
    expect(texts(await expectReadable(raw))).toContain("43.8%");
  });
});

describe("ranking", () => {
  it("draws horizontal bars largest first, each with its value, the asked-for group highlighted", async () => {
    const { spec, raw } = draw(mpgByMaker());
    expect(marks(spec)).toEqual(["bar", "text"]);
    const bar = layerOf(spec, "bar");
    expect(bar.encoding.y).toMatchObject({ field: "label", type: "nominal" });
    expect(bar.encoding.x).toMatchObject({ field: "value", type: "quantitative" });
    const rows = bar.data.values as Array<{ label: string; value: number; tone: string; text: string }>;
    expect(rows).toHaveLength(30);
    expect(rows.map((row) => row.value)).toEqual([...rows.map((row) => row.value)].sort((a, b) => b - a));
    expect(rows.filter((row) => row.tone === "asked").map((row) => row.label)).toEqual(["toyota"]);
    expect(bar.encoding.color?.scale?.range).toEqual([COLORS.muted, COLORS.accent]);
    expect(layerOf(spec, "text").data.values.map((row) => row.text)).toEqual(rows.map((row) => row.text));
    expect(subtitle(spec)).toContain("Top 30 of 37 shown.");
    await expectReadable(raw);
  });

  it("keeps the asked-for group even when it is outside the top 30", () => {
    const request = mpgByMaker();
    const { spec } = draw({ ...request, order: "asc", presentation: { ...request.presentation, highlight: ["vw"] } });
    const rows = layerOf(spec, "bar").data.values as Array<{ label: string; tone: string }>;
    expect(rows).toHaveLength(31);
    expect(rows.at(-1)).toMatchObject({ label: "vw", tone: "asked" });
  });
});

describe("trend", () => {
  it("labels a yearly axis once per year, not 2012, 2012, 2013", async () => {
    const { spec, raw } = draw(temperatureTrend("year"));
    const line = layerOf(spec, "line");
    expect(line.encoding.x).toMatchObject({ type: "temporal", axis: { format: "%Y" } });
    expect(line.data.values).toHaveLength(4);
    const scene = await expectReadable(raw);
    expect(scene.axes[0]).toEqual(["2012", "2013", "2014", "2015"]);
    expect(line.encoding.y).toMatchObject({ title: "Temp max (°C)" });
  });

  it("annotates first, last, peak and trough", async () => {
    const scene = await expectReadable(draw(temperatureTrend("month")).raw);
    const labels = texts(scene);
    for (const name of ["First", "Last", "Peak", "Trough"]) {
      expect(labels.some((label) => label.startsWith(name))).toBe(true);
    }
    expect(labels).toContain("Peak 28.1°C (Jul 2015)");
  });

  it("ticks a monthly series by year and a daily one without repeats, all readable", async () => {
    for (const grain of ["month", "day"] as const) {
      const scene = await expectReadable(draw(temperatureTrend(grain)).raw);
      expect(scene.axes[0]).toEqual(["2012", "2013", "2014", "2015"]);
    }
  });

  it("keeps a non-negative daily series' axis at or above zero", async () => {
    const { spec, raw } = draw(precipitationTrend());
    const domain = layerOf(spec, "line").encoding.y?.scale?.domain as number[];
    expect(domain[0]).toBe(0);
    const scene = await expectReadable(raw);
    expect(scene.axes[1]!.every((label) => !label.startsWith("−") && !label.startsWith("-"))).toBe(true);
  });

  it("does not force zero when the values sit far from it", () => {
    const domain = layerOf(draw(temperatureTrend("year")).spec, "line").encoding.y?.scale?.domain as number[];
    expect(domain[0]).toBeGreaterThan(14);
  });
});

describe("distribution", () => {
  it("bins every value into a histogram with the mean and the median drawn and labelled", async () => {
    const request = horsepower();
    const { spec, raw } = draw(request);
    expect(marks(spec)).toEqual(["bar", "rule", "text", "rule", "text"]);
    const bins = layerOf(spec, "bar").data.values as Array<{ count: number }>;
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(request.evidence.values.table.rows.length);
    expect(bins.length).toBeLessThanOrEqual(24);
    const [mean, median] = spec.layer.filter((l) => l.mark.type === "rule");
    const values = request.evidence.values.table.rows.map((row) => row[0] as number);
    expect(mean!.data.values[0]!.start).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
    const sorted = [...values].sort((a, b) => a - b);
    expect(median!.data.values[0]!.start).toBe((sorted[199]! + sorted[200]!) / 2);
    const labels = texts(await expectReadable(raw));
    expect(labels).toEqual(expect.arrayContaining(["Mean 105 hp", "Median 95 hp"]));
  });

  it("draws one box per group, sorted by median, with the mean marked", async () => {
    const { spec, raw } = draw(horsepower(true));
    expect(marks(spec)).toEqual(["rule", "bar", "tick", "point", "circle"]);
    const boxes = layerOf(spec, "bar").data.values as Array<{ label: string; q1: number; median: number; q3: number }>;
    expect(boxes.map((box) => box.label)).toEqual(["USA", "Europe", "Japan"]);
    for (const box of boxes) expect(box.q1).toBeLessThanOrEqual(box.median);
    await expectReadable(raw);
  });
});

describe("two keys and many series", () => {
  it("draws one coloured line per series with a legend", async () => {
    const { spec, raw } = draw(pricesBySymbol());
    expect(marks(spec)).toEqual(["line", "point"]);
    expect(layerOf(spec, "line").encoding.color).toMatchObject({ field: "series", type: "nominal" });
    const scene = await expectReadable(raw);
    expect(scene.texts.map((t) => t.text)).toEqual(expect.arrayContaining(["AAPL", "AMZN", "GOOG", "IBM", "MSFT"]));
  });

  it("keeps the top 5 of 220 count series and leaves out a rest that would flatten them, saying how much", async () => {
    const { spec, raw } = draw(flightsByOrigin());
    const series = new Set(layerOf(spec, "line").data.values.map((row) => row.series));
    expect(series.size).toBe(5);
    expect(subtitle(spec)).toMatch(/Top 5 of 220 .* the other 215 \(\d+\.\d% of the total\) not drawn/);
    await expectReadable(raw);
  });

  it("draws 14 rate series as small multiples of the 9 largest", async () => {
    const outcome = chartForRequest(unemploymentByIndustry());
    const spec = outcome.spec as unknown as {
      facet: { field: string };
      columns: number;
      data: { values: Array<{ series: string }> };
    };
    expect(spec.facet.field).toBe("series");
    expect(spec.columns).toBe(3);
    expect(new Set(spec.data.values.map((row) => row.series)).size).toBe(9);
    const scene = await sceneOf(outcome.spec);
    expect(repeatedTicks(scene)).toEqual([]);
    expect(overlappingTexts(scene)).toEqual([]);
  });

  it("draws a category key with a year series as grouped bars in year order", async () => {
    const { spec, raw } = draw(weatherByYear());
    const bar = layerOf(spec, "bar");
    expect(bar.encoding.xOffset).toMatchObject({ field: "series" });
    expect(bar.encoding.color?.scale?.domain).toEqual(["2012", "2013", "2014", "2015"]);
    await expectReadable(raw);
  });
});

describe("every kind renders", () => {
  it.each([
    ["correlation", carsCorrelation()],
    ["forecast", flightsForecast()],
    ["anomalies", precipitationAnomalies()],
    ["share", sunnyShare()],
    ["ranking", mpgByMaker()],
    ["trend", temperatureTrend("day")],
    ["distribution", horsepower()],
    ["two keys", pricesBySymbol()],
    ["small multiples", unemploymentByIndustry()],
  ] as const)("renders %s to a PNG", async (_, request) => {
    const png = await renderChartPng(chartForRequest(request).spec!, { scale: 1 });
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBeLessThanOrEqual(CHART_WIDTH + 40);
  });
});
