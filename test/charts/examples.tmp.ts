import { writeFileSync } from "node:fs";
import { buildChartSpec, renderChartPng } from "../../src/charts/index.js";
import * as f from "./cars-fixtures.js";

const cases = [
  ["bar-origin", f.avgHorsepowerByOrigin(), {}],
  ["line-mpg", f.avgMpgByYearAndOrigin(), {}],
  ["line-count", f.carsPerYear(), {}],
  ["scatter", f.horsepowerVsMpg(), {}],
  ["histogram", f.displacements(), {}],
  ["pie", f.countByOriginAndCylinders(), { type: "pie", x: "cylinder_class", y: "cars" }],
  ["heatmap", f.countByOriginAndCylinders(), { type: "heatmap" }],
  ["stacked", f.countByOriginAndCylinders(), {}],
  ["bar-time", f.carsPerYear(), { type: "bar" }],
  ["area", f.avgMpgByYearAndOrigin(), { type: "area" }],
  ["heat2", f.horsepowerVsMpg(), { type: "heatmap" }],
] as const;
for (const [name, t, o] of cases) {
  const spec = buildChartSpec(t, o as never);
  if (!spec) {
    console.log(name, "null");
    continue;
  }
  writeFileSync(`out/${name}.png`, await renderChartPng(spec));
  console.log(name, JSON.stringify((spec as any).title), (spec as any).description ?? "");
}
