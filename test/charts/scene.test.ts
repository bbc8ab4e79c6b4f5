import { describe, expect, it } from "vitest";
import { overlappingTexts, repeatedTicks, sceneOf } from "./scene.js";

describe("scene checks", () => {
  it("catch the half-year ticks formatted as years that a default time axis draws", async () => {
    const values = [2012, 2013, 2014, 2015].map((year, i) => ({ t: Date.UTC(year, 0, 1), v: 15 + i }));
    const spec = {
      width: 480,
      height: 300,
      data: { values },
      mark: "line",
      encoding: {
        x: { field: "t", type: "temporal", scale: { type: "utc" }, axis: { format: "%Y", tickCount: 8 } },
        y: { field: "v", type: "quantitative" },
      },
    };
    expect(repeatedTicks(await sceneOf(spec))).not.toEqual([]);
  });

  it("catch two labels drawn over each other, and let a halo under its own text pass", async () => {
    const text = (label: string, dx: number) => ({
      data: { values: [{ x: 1, y: 1 }] },
      mark: { type: "text", text: label, dx },
      encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
    });
    const overlapping = await sceneOf({ width: 200, height: 100, layer: [text("Peak 35.6", 0), text("Last 5.6", 4)] });
    expect(overlappingTexts(overlapping)).toEqual([["Peak 35.6", "Last 5.6"]]);
    const halo = await sceneOf({ width: 200, height: 100, layer: [text("Peak 35.6", 0), text("Peak 35.6", 0)] });
    expect(overlappingTexts(halo)).toEqual([]);
  });
});
