import { describe, expect, it } from "vitest";
import { buildChartSpec, renderChartPng, type VegaLiteSpec } from "../../src/charts/index.js";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/charts/theme.js";
import { avgHorsepowerByOrigin, avgMpgByYearAndOrigin, weightByName } from "./cars-fixtures.js";
import { view } from "./spec-access.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("renderChartPng", () => {
  it("renders a PNG at twice the spec's width and height by default", async () => {
    const spec = buildChartSpec(avgHorsepowerByOrigin())!;
    const { width, height } = view(spec);
    const png = await renderChartPng(spec);
    expect(pngSize(png)).toEqual({ width: width * 2, height: height * 2 });
    expect(png.length).toBeGreaterThan(5_000);
  });

  it("honours another scale and a tall horizontal bar chart's height", async () => {
    const spec = buildChartSpec(weightByName(50))!;
    const png = await renderChartPng(spec, { scale: 1 });
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: view(spec).height });
  });

  it("renders a multi-series line with a legend", async () => {
    const spec = buildChartSpec(avgMpgByYearAndOrigin())!;
    expect(pngSize(await renderChartPng(spec))).toEqual({ width: CHART_WIDTH * 2, height: CHART_HEIGHT * 2 });
  });

  it("refuses a spec that points at url data instead of fetching it", async () => {
    const spec = {
      data: { url: "http://127.0.0.1:9/secret.csv" },
      mark: "bar",
      encoding: { x: { field: "a", type: "nominal" } },
    } as unknown as VegaLiteSpec;
    await expect(renderChartPng(spec)).rejects.toMatchObject({ code: "chart_spec_unsafe" });
  });

  it("refuses specs that carry their own expressions or image marks", async () => {
    const base = view(buildChartSpec(avgHorsepowerByOrigin()));
    const withExpr = { ...base, transform: [{ calculate: "1+1", as: "two" }] };
    const withImage = { ...base, mark: { type: "image" } };
    const withLabelExpr = {
      ...base,
      encoding: { ...base.encoding, x: { ...base.encoding.x, axis: { labelExpr: "1" } } },
    };
    for (const spec of [withExpr, withImage, withLabelExpr]) {
      await expect(renderChartPng(spec as unknown as VegaLiteSpec)).rejects.toMatchObject({
        code: "chart_spec_unsafe",
      });
    }
  });

  it("renders layers of inline rows, and refuses a layer that loads a URL, transforms or sums past the row cap", async () => {
    const layer = (values: unknown[], extra: Record<string, unknown> = {}) => ({
      data: { values },
      mark: "point",
      encoding: { x: { field: "x", type: "quantitative" } },
      ...extra,
    });
    const layered = (...layers: unknown[]) =>
      ({
        width: 200,
        height: 100,
        autosize: { type: "fit", contains: "padding" },
        layer: layers,
      }) as unknown as VegaLiteSpec;
    expect(pngSize(await renderChartPng(layered(layer([{ x: 1 }]), layer([{ x: 2 }])), { scale: 1 }))).toEqual({
      width: 200,
      height: 100,
    });
    const url = { data: { url: "http://127.0.0.1:9/x.csv" }, mark: "point" };
    const transform = layer([{ x: 1 }], { transform: [{ calculate: "1", as: "y" }] });
    const big = Array.from({ length: 10_001 }, (_, x) => ({ x }));
    for (const spec of [layered(layer([]), url), layered(transform), layered(layer(big), layer(big))]) {
      await expect(renderChartPng(spec)).rejects.toMatchObject({ code: "chart_spec_unsafe" });
    }
  });

  it("refuses a scale outside 0 to 4", async () => {
    const spec = buildChartSpec(avgHorsepowerByOrigin())!;
    await expect(renderChartPng(spec, { scale: 40 })).rejects.toMatchObject({ code: "chart_scale_invalid" });
  });
});

describe("refusingLoader", () => {
  it("rejects every load, sanitize, http and file request", async () => {
    const { refusingLoader } = await import("../../src/charts/safety.js");
    const loader = refusingLoader();
    for (const request of [loader.load, loader.sanitize, loader.http, loader.file]) {
      await expect(request("https://example.com/x.png")).rejects.toMatchObject({ code: "chart_load_refused" });
    }
  });
});
