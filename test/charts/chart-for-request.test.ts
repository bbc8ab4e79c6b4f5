import { describe, expect, it } from "vitest";
import { chartForRequest, renderChartPng, type VegaLiteSpec } from "../../src/charts/index.js";
import { carsCorrelation, horsepower, mpgByMaker, sunnyShare, temperatureTrend } from "./kind-fixtures.js";

const layerMarks = (spec: VegaLiteSpec | null) =>
  (spec as unknown as { layer: Array<{ mark: { type: string } }> }).layer.map((layer) => layer.mark.type);

describe("chartForRequest", () => {
  it("draws a requested type that fits the kind, with no note", () => {
    const request = mpgByMaker();
    const pie = chartForRequest({
      ...request,
      aggregate: "sum",
      presentation: { ...request.presentation, requested: "pie" },
    });
    expect(pie.note).toBeNull();
    expect(layerMarks(pie.spec)).toContain("arc");
    const box = chartForRequest({ ...horsepower(), presentation: { ...horsepower().presentation, requested: "box" } });
    expect(layerMarks(box.spec)).toEqual(["rule", "bar", "tick", "point", "circle"]);
  });

  it("explains in one line a requested type that does not fit, and draws the kind's own chart", () => {
    const request = temperatureTrend("year");
    const outcome = chartForRequest({ ...request, presentation: { ...request.presentation, requested: "pie" } });
    expect(outcome.note).toBe("A pie chart cannot show a measure changing over time, so this is a line over time.");
    expect(layerMarks(outcome.spec)).toContain("line");
    expect((outcome.spec as { description?: string }).description).toBe(outcome.note);
    const scatter = chartForRequest({
      ...sunnyShare(),
      presentation: { ...sunnyShare().presentation, requested: "scatter" },
    });
    expect(scatter.note).toBe("A scatter plot cannot show a part of a whole, so this is one stacked bar of the whole.");
  });

  it("offers no pie for averages: slices of a mean make no whole", () => {
    const request = mpgByMaker();
    const outcome = chartForRequest({ ...request, presentation: { ...request.presentation, requested: "pie" } });
    expect(outcome.note).toMatch(/^A pie chart cannot show a value per group/);
    expect(layerMarks(outcome.spec)).toEqual(["bar", "text"]);
  });

  it("draws no image for a single number, and says why only when a chart was asked for", () => {
    const scalar = {
      kind: "scalar" as const,
      answer: { columns: ["cars"], rows: [[406]] },
      presentation: { title: "Cars" },
    };
    expect(chartForRequest(scalar)).toEqual({ spec: null, drawn: "scalar", note: null });
    const asked = chartForRequest({ ...scalar, presentation: { title: "Cars", requested: "bar" } });
    expect(asked.spec).toBeNull();
    expect(asked.note).toBe("The answer is a single number, so there is no chart.");
  });

  it("draws no picture from a summary when the evidence misses a column, and says which", () => {
    const request = carsCorrelation();
    const broken = { ...request, evidence: { pairs: { ...request.evidence.pairs, y: "mpg" } } };
    expect(chartForRequest(broken)).toEqual({
      spec: null,
      drawn: "correlation",
      note: "No chart: The pairs have no column mpg.",
    });
  });

  it("falls back to the shape's chart of the answer rows when a ranking names a missing column", () => {
    const request = { ...mpgByMaker(), value: "mpg" };
    const outcome = chartForRequest(request);
    expect(outcome.drawn).toBe("table");
    expect(outcome.note).toBe("Bars sorted by value could not be drawn: The answer rows have no column mpg.");
    expect((outcome.spec as unknown as { mark: { type: string } }).mark.type).toBe("bar");
  });

  it("still draws the shape-based chart for a table request", async () => {
    const outcome = chartForRequest({ kind: "table", answer: mpgByMaker().answer, presentation: { title: "MPG" } });
    expect(outcome.drawn).toBe("table");
    expect(await renderChartPng(outcome.spec!)).toBeInstanceOf(Buffer);
  });
});
