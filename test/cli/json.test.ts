// Every command takes --json and then prints one JSON document on stdout and nothing else (logs, warnings and
// progress stay on stderr); questions asked with `ask` and `eval` are traced and listed by `stats recent --json`.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/index.js";
import { createStore } from "../../src/store/index.js";
import { queryStats } from "../../src/trace/index.js";
import { vegaDatasetsDir } from "../../src/util/vega-datasets.js";
import { cliRunner, parseJson } from "./run-cli.js";

/** Long-running commands: their --json ready line is checked by wiring.test.ts, which starts both. */
const STARTED_ELSEWHERE = ["start", "worker"];

interface Trace {
  id: string;
  question: string | null;
  teamId: string | null;
  channelId: string | null;
  status: string;
}

describe("--json on every command", () => {
  let dataDir: string;
  const tested = new Set<string>();
  const base = () => ({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    LLM_API_KEYS: "",
    DATABASE_URL: "",
    REDIS_URL: "",
    SANDBOX: "unsafe-process",
    SANDBOX_POOL_SIZE: "1",
  });
  const cli = cliRunner(base);
  const json = async <T = unknown>(...args: string[]): Promise<T> => {
    tested.add(args[0]!);
    return parseJson<T>(await cli(...args, "--json"));
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "insightx-json-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is an option of every command", () => {
    for (const command of buildProgram().commands) {
      expect(
        command.options.map((o) => o.long),
        command.name(),
      ).toContain("--json");
    }
  });

  it("loads, lists, profiles and queries a channel's data", async () => {
    const cars = path.join(vegaDatasetsDir(), "cars.json");
    const ingested = await json<Array<{ tableName: string; rowCount: number }>>("ingest", cars, "--channel", "C1");
    expect(ingested[0]).toMatchObject({ tableName: "cars", rowCount: 406 });
    const tables = await json<Array<{ tableName: string; status: string }>>("tables", "--channel", "C1");
    expect(tables).toEqual([expect.objectContaining({ tableName: "cars", status: "active" })]);
    const all = await json<Array<{ table: string }>>("dna", "--channel", "C1");
    expect(all.map((d) => d.table)).toEqual(["cars"]);
    const one = await json<{ table: string; rowCount: number }>("dna", "cars", "--channel", "C1");
    expect(one).toMatchObject({ table: "cars", rowCount: 406 });
    const sql = await json<{ columns: string[]; rows: unknown[][] }>(
      "sql",
      "SELECT count(*) AS n FROM cars WHERE \"Origin\" = 'USA'",
      "--channel",
      "C1",
    );
    expect(sql.rows).toEqual([[254]]);
    const py = await json<{ result: unknown; error: string | null }>(
      "py",
      "result = int(df['Horsepower'].count())",
      "--table",
      "cars",
      "--channel",
      "C1",
    );
    expect(py).toMatchObject({ result: 400, error: null });
  }, 240_000);

  it("traces questions asked with ask and eval, listed by stats recent --json", async () => {
    const asked = await json<{ answer: { final: { text: string } | null }; trace_id: string }>(
      "ask",
      "How many cars are there by origin?",
      "--channel",
      "C1",
      "--out",
      path.join(dataDir, "out"),
    );
    expect(asked.answer.final?.text).toMatch(/254/);

    const questions = path.join(dataDir, "questions.jsonl");
    await writeFile(
      questions,
      `${JSON.stringify({ id: "q1", dataset: "cars.json", question: "What is the largest weight?", kind: "value", value: 5140, tol: 0 })}\n`,
    );
    const evaluated = await json<{ total: number; judged: number; right: number; wrong: number }>(
      "eval",
      "--questions",
      questions,
      "--data-dir",
      vegaDatasetsDir(),
      "--out",
      path.join(dataDir, "out", "eval.jsonl"),
    );
    expect(evaluated).toMatchObject({ total: 1, judged: 1, right: 1, wrong: 0 });

    const recent = await json<{ command: string; traces: Trace[] }>("stats", "recent");
    expect(recent.command).toBe("recent");
    expect(recent.traces).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: asked.trace_id,
          question: "How many cars are there by origin?",
          teamId: "local",
          channelId: "C1",
          status: "completed",
        }),
        expect.objectContaining({ question: "What is the largest weight?", teamId: "eval", status: "completed" }),
      ]),
    );
    const summary = await json<{ summary: { trace: { id: string }; steps: Array<{ step: string }> } }>(
      "stats",
      "summary",
      asked.trace_id,
    );
    expect(summary.summary.steps.map((s) => s.step)).toEqual(expect.arrayContaining(["orchestrate", "post"]));
    const averages = await json<{ command: string; steps: Array<{ step: string; count: number }> }>(
      "stats",
      "averages",
    );
    expect(averages.steps.map((s) => s.step)).toEqual(expect.arrayContaining(["orchestrate", "post"]));
    // The other subcommands' figures, as --json prints them, from the same store (no CLI process has it open now).
    const store = await createStore({ config: { DATA_DIR: dataDir } });
    try {
      for (const words of [["trace", asked.trace_id], ["slow"], ["errors"], ["percentiles", "post"], ["busiest"]]) {
        const result = JSON.parse(JSON.stringify(await queryStats(store.traces, words))) as { command: string };
        expect(result.command).toBe(words[0]);
      }
    } finally {
      await store.close();
    }
  }, 240_000);

  it("builds a digest, runs the demo and the gallery, and forgets the channel", async () => {
    const digest = await json<{ data: { datasets: unknown[] }; blocks: unknown[] }>(
      "digest",
      "--now",
      "--channel",
      "C1",
      "--out",
      path.join(dataDir, "out"),
    );
    expect(digest.data.datasets).toHaveLength(1);
    const demo = await json<{ tables: unknown[]; answers: Array<{ question: string; error: string | null }> }>(
      "demo",
      "--out",
      path.join(dataDir, "out"),
    );
    expect(demo.tables.length).toBeGreaterThanOrEqual(4);
    expect(demo.answers.length).toBeGreaterThanOrEqual(8);
    const gallery = await json<{ entries: Array<{ name: string; error?: string | null }> }>(
      "gallery",
      "--out",
      path.join(dataDir, "out", "gallery"),
    );
    expect(gallery.entries.length).toBeGreaterThan(5);
    expect(gallery.entries.filter((entry) => entry.error)).toEqual([]);
    const forgot = await json<{ forgotten: string[] }>("forget", "--channel", "C1");
    expect(forgot.forgotten).toEqual(["cars"]);
    expect(await json("tables", "--channel", "C1")).toEqual([]);
  }, 420_000);

  it("was tried on every command", () => {
    const all = buildProgram()
      .commands.map((c) => c.name())
      .filter((name) => !STARTED_ELSEWHERE.includes(name));
    expect([...tested].sort()).toEqual(all.sort());
  });
});
