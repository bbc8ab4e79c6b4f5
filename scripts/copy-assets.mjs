// Copies what tsc does not: the Python worker and analytics helpers, next to the compiled sandbox.
import { cpSync, rmSync } from "node:fs";

rmSync("dist/sandbox/python", { recursive: true, force: true });
cpSync("src/sandbox/python", "dist/sandbox/python", {
  recursive: true,
  filter: (source) => !source.includes("__pycache__") && !source.endsWith(".snippet"),
});
