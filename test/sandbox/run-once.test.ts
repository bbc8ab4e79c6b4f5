import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { formatSandboxResult, runPythonOnce } from "../../src/sandbox/index.js";
import { createLogger } from "../../src/util/index.js";

describe("runPythonOnce", () => {
  it("runs code over the given table as df in the configured jail and formats the outcome", async () => {
    const result = await runPythonOnce({
      config: loadConfig({ SANDBOX: "bwrap" }),
      logger: createLogger("silent"),
      code: "print(len(df))\ndf['x'].sum()",
      df: { columns: [{ name: "x", type: "integer", values: [1, 2, 3] }] },
    });
    expect(result.result).toBe(6);
    expect(formatSandboxResult(result)).toMatch(/^3\n6\n\(\d+ ms\)$/);
  });

  it("formats an error as text a person can act on", () => {
    const text = formatSandboxResult({
      result: null,
      stdout: "",
      elapsed_ms: 12,
      error: "NameError: name 'q' is not defined",
    });
    expect(text).toBe("error: NameError: name 'q' is not defined\n(12 ms)");
  });
});
