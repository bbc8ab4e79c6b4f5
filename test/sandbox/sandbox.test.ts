// One conformance suite for the Sandbox, run against the bubblewrap jail and the bare process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { createSandbox, type Frame, type Sandbox, type SandboxMode } from "../../src/sandbox/index.js";
import { ConfigError, createLogger, SandboxError } from "../../src/util/index.js";
import { startSandbox } from "./start-sandbox.js";

const sample: Frame = {
  columns: [
    { name: "price", type: "number", values: [1.5, null, 3] },
    { name: "qty", type: "integer", values: [1, 2, 3] },
    { name: "big", type: "integer", values: [9007199254740993n, null, 1n] },
    { name: "ok", type: "boolean", values: [true, null, false] },
    { name: "city", type: "string", values: ["Zürich", null, "a\0b"] },
    { name: "at", type: "timestamp", values: [new Date("2024-03-01T12:30:00Z"), "2024-03-02T00:00:00Z", null] },
    { name: "day", type: "date", values: ["2024-03-01", null, 1_709_337_600_000] },
  ],
};

describe.each<SandboxMode>(["bwrap", "unsafe-process"])("Sandbox (%s)", (mode) => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox(mode, 2);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("reports the isolation it runs with", () => {
    expect(sandbox.mode).toBe(mode);
  });

  it("returns the value of a trailing expression, or of a variable named result", async () => {
    expect((await sandbox.run({ code: "x = 20\nx + 1" })).result).toBe(21);
    expect((await sandbox.run({ code: "result = 'set'\n'ignored'" })).result).toBe("set");
  });

  it("turns NaN and infinities into null and numpy, Decimal and timestamp values into JSON", async () => {
    const { result, error } = await sandbox.run({
      code: [
        "import decimal, datetime",
        "result = {'nan': float('nan'), 'inf': np.inf, 'i': np.int64(7), 'f': np.float32(0.5), 'b': np.bool_(True),",
        "  'd': decimal.Decimal('2.25'), 'ts': pd.Timestamp('2024-01-02 03:04:05'), 'nat': pd.NaT,",
        "  'date': datetime.date(2024, 1, 2), 'arr': np.array([1, np.nan]), 7: 'int key'}",
      ].join("\n"),
    });
    expect(error).toBeNull();
    expect(result).toEqual({
      nan: null,
      inf: null,
      i: 7,
      f: 0.5,
      b: true,
      d: 2.25,
      ts: "2024-01-02T03:04:05",
      nat: null,
      date: "2024-01-02",
      arr: [1, null],
      "7": "int key",
    });
  });

  it("returns a DataFrame as columns and rows, keeping a meaningful index and capping rows", async () => {
    const grouped = await sandbox.run({
      code: "pd.DataFrame({'g': ['a', 'b', 'a'], 'v': [1, 2, 3]}).groupby('g')['v'].sum().to_frame()",
    });
    expect(grouped.result).toEqual({
      columns: ["g", "v"],
      rows: [
        ["a", 4],
        ["b", 2],
      ],
      row_count: 2,
    });
    const big = await sandbox.run({ code: "pd.DataFrame({'n': range(5000)})" });
    const frame = big.result as { rows: unknown[][]; row_count: number };
    expect(frame.rows).toHaveLength(1000);
    expect(frame.row_count).toBe(5000);
    expect(big.truncated).toBe(true);
  });

  it("returns a Series as index and values", async () => {
    const { result } = await sandbox.run({ code: "pd.Series([1.5, None], index=['x', 'y'], name='s')" });
    expect(result).toEqual({ name: "s", index: ["x", "y"], values: [1.5, null] });
  });

  it("hands frames over with pandas dtypes and nulls intact", async () => {
    const { result, error } = await sandbox.run({
      code: "result = {'dtypes': df.dtypes.astype(str).to_dict(), 'rows': df.astype(object).where(df.notna(), None).values.tolist()}",
      frames: { df: sample },
    });
    expect(error).toBeNull();
    expect(result).toEqual({
      dtypes: {
        price: "float64",
        qty: "int64",
        big: "float64",
        ok: "boolean",
        city: "object",
        at: "datetime64[ns]",
        day: "datetime64[ns]",
      },
      rows: [
        [1.5, 1, 9007199254740992, true, "Zürich", "2024-03-01T12:30:00", "2024-03-01T00:00:00"],
        [null, 2, null, null, null, "2024-03-02T00:00:00", null],
        [3, 3, 1, false, "a\0b", null, "2024-03-02T00:00:00"],
      ],
    });
  });

  it("hands over repetitive and unique text alike, nulls included", async () => {
    const repeated = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? null : `city-${i % 3}`));
    const unique = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? null : `id-${i}`));
    const { result } = await sandbox.run({
      code: "[df['r'].isna().sum(), df['r'].nunique(), df['r'][1], df['u'].isna().sum(), df['u'].nunique(), df['u'][398]]",
      frames: {
        df: {
          columns: [
            { name: "r", type: "string", values: repeated },
            { name: "u", type: "string", values: unique },
          ],
        },
      },
    });
    expect(result).toEqual([58, 3, "city-1", 58, 342, "id-398"]);
  });

  it("exposes every named frame as a variable of that name", async () => {
    const { result } = await sandbox.run({
      code: "len(df) + len(other)",
      frames: { df: sample, other: { columns: [{ name: "x", type: "number", values: new Float64Array(4) }] } },
    });
    expect(result).toBe(7);
  });

  it("reports a user error as the exception type, message and offending line without throwing", async () => {
    const { error, result } = await sandbox.run({ code: "a = 1\nb = a / 0\nb" });
    expect(result).toBeNull();
    expect(error).toBe("ZeroDivisionError: division by zero (line 2: `b = a / 0`)");
  });

  it("names the available columns when the code asks for a missing one", async () => {
    const { error } = await sandbox.run({ code: "df['revenue'].sum()", frames: { df: sample } });
    expect(error).toContain("KeyError: 'revenue' (line 1: `df['revenue'].sum()`)");
    expect(error).toContain("Columns of df: price, qty, big, ok, city, at, day");
  });

  it("reports a syntax error with its line", async () => {
    const { error } = await sandbox.run({ code: "x = 1\nif x\n  y = 2" });
    expect(error).toMatch(/^SyntaxError: .* \(line 2: `if x`\)$/);
  });

  it("captures printed output and bounds it", async () => {
    const small = await sandbox.run({ code: "print('hello')\nprint('again')" });
    expect(small.stdout).toBe("hello\nagain\n");
    const large = await sandbox.run({ code: "print('x' * 5000)", limits: { maxOutputBytes: 1024 } });
    expect(large.stdout).toHaveLength(1024);
    expect(large.truncated).toBe(true);
  });

  it("refuses a result larger than the output limit with advice", async () => {
    const { error, result } = await sandbox.run({ code: "'y' * 5000", limits: { maxOutputBytes: 1024 } });
    expect(result).toBeNull();
    expect(error).toMatch(/result is too large .* return a smaller summary/);
  });

  it("stops a job at its wall-clock timeout and keeps serving", async () => {
    const stuck = await sandbox.run({ code: "import time\ntime.sleep(30)", limits: { timeoutMs: 500 } });
    expect(stuck.error).toMatch(/^TimeoutError: the job ran longer than 500 ms/);
    expect(stuck.elapsed_ms).toBeLessThan(5000);
    expect((await sandbox.run({ code: "'alive'" })).result).toBe("alive");
  });

  it("never lets a job see state left by an earlier one", async () => {
    await sandbox.run({ code: "import pandas\npandas.leak = 'x'\nglobal_leak = 1" });
    const { result } = await sandbox.run({
      code: "import pandas\n[hasattr(pandas, 'leak'), 'global_leak' in globals()]",
    });
    expect(result).toEqual([false, false]);
  });

  it("queues jobs when every worker is busy and runs them all", async () => {
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => sandbox.run({ code: `import time\ntime.sleep(0.4)\n${i}` })),
    );
    expect(results.map((r) => r.result)).toEqual([0, 1, 2, 3]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(800);
  });

  it("throws SandboxError for a frame whose columns differ in length", async () => {
    const ragged: Frame = {
      columns: [
        { name: "a", type: "number", values: [1, 2] },
        { name: "b", type: "number", values: [1] },
      ],
    };
    await expect(sandbox.run({ code: "1", frames: { df: ragged } })).rejects.toBeInstanceOf(SandboxError);
  });
});

describe("createSandbox", () => {
  it("refuses to start in bwrap mode when bubblewrap is missing", async () => {
    const config = loadConfig({ SANDBOX: "bwrap" });
    await expect(
      createSandbox({ config, logger: createLogger("silent"), bwrapPath: "/nonexistent/bwrap" }),
    ).rejects.toBeInstanceOf(ConfigError);
  });

  it("refuses jobs after close", async () => {
    const sandbox = await startSandbox("unsafe-process");
    await sandbox.close();
    await expect(sandbox.run({ code: "1" })).rejects.toBeInstanceOf(SandboxError);
  });
});
