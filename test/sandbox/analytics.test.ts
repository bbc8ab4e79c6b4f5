// Runs the Python known-answer tests of insightx_analytics, and one helper through the jail.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../src/sandbox/index.js";
import { startSandbox } from "./start-sandbox.js";

const root = process.cwd();

describe("insightx_analytics", () => {
  it("passes its Python known-answer tests", () => {
    const run = spawnSync(
      "/usr/bin/python3",
      ["-B", "-m", "unittest", "discover", "-s", path.join(root, "test/sandbox/python"), "-p", "test_*.py"],
      {
        encoding: "utf8",
        env: { PYTHONPATH: path.join(root, "src/sandbox/python"), OPENBLAS_NUM_THREADS: "1", PATH: "/usr/bin:/bin" },
        timeout: 120_000,
      },
    );
    expect(run.stderr).toMatch(/Ran \d+ tests/);
    expect(run.status, run.stderr).toBe(0);
  }, 130_000);

  describe("inside the sandbox", () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox("bwrap");
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    it("is importable by generated code and its result crosses as JSON", async () => {
      const values = Array.from({ length: 200 }, (_, i) => (i === 50 ? 1000 : (i % 10) + 1));
      const { result, error } = await sandbox.run({
        code: "from insightx_analytics import anomalies\nanomalies(df, 'v', method='iqr')",
        frames: { df: { columns: [{ name: "v", type: "number", values }] } },
      });
      expect(error).toBeNull();
      const out = result as { count: number; rows: { columns: string[]; rows: unknown[][] }; interpretation: string };
      expect(out.count).toBe(1);
      expect(out.rows).toEqual({ columns: ["index", "v"], rows: [[50, 1000]], row_count: 1 });
      expect(out.interpretation).toContain("1 of 200 values of v");
    });
  });
});
