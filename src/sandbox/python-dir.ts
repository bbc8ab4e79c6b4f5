// Finds the worker program on disk: next to this module (src/ or a build that copied python/).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../util/index.js";

/** The directory holding worker.py, insightx_worker/ and insightx_analytics/. */
export function pythonWorkerDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, "python"),
    // A compiled dist/sandbox/ without copied assets: fall back to the source tree.
    path.resolve(here, "../../src/sandbox/python"),
    path.resolve(here, "../../../src/sandbox/python"),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, "worker.py")));
  if (!found) {
    throw new ConfigError(
      "sandbox_worker_missing",
      `The Python worker program (worker.py) was not found in ${candidates.join(" or ")}; copy src/sandbox/python into the build.`,
    );
  }
  return found;
}
