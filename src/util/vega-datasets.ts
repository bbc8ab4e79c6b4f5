// Where the vega-datasets npm package keeps its sample files (the demo's data and the tests' fixtures).
import { createRequire } from "node:module";
import path from "node:path";

export function vegaDatasetsDir(): string {
  // The package exports only its JS entry: resolve that and step to the sibling data folder.
  const entry = createRequire(import.meta.url).resolve("vega-datasets");
  return path.join(path.dirname(entry), "..", "data");
}
