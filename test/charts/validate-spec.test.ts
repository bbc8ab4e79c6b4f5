import { describe, expect, it } from "vitest";
import { renderChartPng, validateChartSpec } from "../../src/charts/index.js";
import { CHART_WIDTH } from "../../src/charts/theme.js";
import { avgHorsepowerByOrigin, carsPerYear, horsepowerVsMpg } from "./cars-fixtures.js";
import { view } from "./spec-access.js";

describe("validateChartSpec", () => {
  it("keeps a proposal's mark and fields but replaces its data with the table's rows", () => {
    const proposal = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      data: { values: [{ Origin: "Mars", avg_horsepower: 9999 }] },
      mark: { type: "bar", color: "#aa3377" },
      encoding: {
        y: { field: "Origin", type: "nominal", sort: "-x" },
        x: { field: "avg_horsepower", type: "quantitative", title: "Mean horsepower" },
      },
      title: "Horsepower by origin",
    };
    const spec = view(validateChartSpec(proposal, avgHorsepowerByOrigin()));
    expect(spec.mark).toMatchObject({ type: "bar", color: "#aa3377" });
    expect(spec.encoding.y).toMatchObject({ field: "Origin", sort: "-x" });
    expect(spec.encoding.x).toMatchObject({ field: "avg_horsepower", title: "Mean horsepower" });
    expect(spec.data.values.map((row) => row.Origin).sort()).toEqual(["Europe", "Japan", "USA"]);
    expect(spec.title.text).toBe("Horsepower by origin");
  });

  it("neutralizes url data, transforms, params and expressions, and the result renders offline", async () => {
    const proposal = {
      data: { url: "https://evil.example/data.json" },
      transform: [{ calculate: "constructor.constructor('return process')()", as: "x" }],
      params: [{ name: "p", expr: "alert(1)" }],
      mark: "point",
      encoding: {
        x: { field: "Horsepower", type: "quantitative", axis: { labelExpr: "datum.label + '!'" } },
        y: { field: "Miles_per_Gallon", type: "quantitative", condition: { test: "true", value: 1 } },
        href: { field: "Origin" },
      },
      usermeta: { embedOptions: {} },
    };
    const spec = view(validateChartSpec(proposal, horsepowerVsMpg()));
    expect(spec.data.url).toBeUndefined();
    expect(spec.data.values.length).toBe(406);
    expect(spec.transform).toBeUndefined();
    expect(spec.params).toBeUndefined();
    expect(JSON.stringify(spec)).not.toMatch(/evil|labelExpr|constructor|alert|href|condition|usermeta/);
    const png = await renderChartPng(spec as never, { scale: 1 });
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("returns null when a field is not a column of the table", () => {
    const proposal = { mark: "bar", encoding: { x: { field: "Country" }, y: { field: "avg_horsepower" } } };
    expect(validateChartSpec(proposal, avgHorsepowerByOrigin())).toBeNull();
  });

  it("returns null for non-specs, image marks and specs with nothing to place on an axis", () => {
    const table = avgHorsepowerByOrigin();
    expect(validateChartSpec("bar chart please", table)).toBeNull();
    expect(validateChartSpec({ mark: "image", encoding: { x: { field: "Origin" } } }, table)).toBeNull();
    expect(validateChartSpec({ mark: "bar", encoding: { color: { field: "Origin" } } }, table)).toBeNull();
    expect(validateChartSpec({ mark: "arc", encoding: { color: { field: "Origin" } } }, table)).toBeNull();
  });

  it("drops format strings that could break out of Vega's expression quoting", () => {
    const proposal = {
      mark: "bar",
      encoding: {
        x: { field: "Origin", type: "nominal" },
        y: { field: "avg_horsepower", type: "quantitative", axis: { format: '",alert(1),"' } },
      },
    };
    const spec = view(validateChartSpec(proposal, avgHorsepowerByOrigin()));
    expect(spec.encoding.y?.axis?.format).toBe(",.0f");
  });

  it("matches field names ignoring case and maps a temporal field to a UTC scale", () => {
    const proposal = {
      mark: { type: "line", point: true },
      encoding: { x: { field: "MODEL_YEAR", type: "temporal" }, y: { field: "car_count", type: "quantitative" } },
    };
    const spec = view(validateChartSpec(proposal, carsPerYear()));
    expect(spec.encoding.x).toMatchObject({ field: "model_year", type: "temporal", scale: { type: "utc" } });
    expect(spec.title.text).toBe("Car count by model year");
  });

  it("accepts a count aggregate without a field and a layered proposal's first layer", () => {
    const proposal = {
      encoding: { x: { field: "Origin", type: "nominal" } },
      layer: [{ mark: "bar", encoding: { y: { aggregate: "count" } } }, { mark: "text" }],
    };
    const spec = view(validateChartSpec(proposal, horsepowerVsMpg()));
    expect(spec.mark.type).toBe("bar");
    expect(spec.encoding.y).toMatchObject({ aggregate: "count", title: "Count" });
  });

  it("keeps a colour scheme Vega knows and drops one it does not, so rendering cannot fail on it", async () => {
    const propose = (scheme: string) => ({
      mark: "rect",
      encoding: {
        x: { field: "Origin", type: "nominal" },
        color: { field: "avg_horsepower", type: "quantitative", scale: { scheme } },
      },
    });
    const known = view(validateChartSpec(propose("viridis"), avgHorsepowerByOrigin()));
    expect(known.encoding.color?.scale).toMatchObject({ scheme: "viridis" });
    const unknown = view(validateChartSpec(propose("nosuchscheme"), avgHorsepowerByOrigin()));
    expect(unknown.encoding.color?.scale).toEqual({});
    const png = await renderChartPng(unknown as never, { scale: 1 });
    expect(png.readUInt32BE(16)).toBe(CHART_WIDTH);
  });
});
