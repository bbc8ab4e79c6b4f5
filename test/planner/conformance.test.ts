// One conformance suite for every Planner: the eval questions through RulePlanner and through LlmPlanner (against
// the scripted OpenAI-compatible fake on real HTTP), with the same expectations on each plan: what it says about
// itself, that its SQL passes the guard and runs, that its Python runs, that the answer it rests on is judged right,
// and that its composition uses only numbers the results hold.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalQuestion, evalQuestionSchema, judge } from "../../src/cli/eval/judge.js";
import { loadConfig } from "../../src/config/index.js";
import type { DataDna, QueryResult } from "../../src/data/index.js";
import { createLlmClient } from "../../src/llm/index.js";
import { checkText, collectNumbers, frameFromQuery } from "../../src/pipeline/index.js";
import { describeFrame } from "../../src/pipeline/steps/python.js";
import {
  type ExecutablePlan,
  hasPython,
  LlmPlanner,
  type PlanContext,
  type Planner,
  RulePlanner,
  TurnLog,
} from "../../src/planner/index.js";
import { asTable } from "../../src/planner/rules/compose/metrics.js";
import { createLogger } from "../../src/util/index.js";
import { type FakeOpenAI, type RecordedRequest, reply, startFakeOpenAI } from "../fakes/openai-server.js";
import { MODEL_CLARIFIES, MODEL_PLANS, MODEL_PYTHON } from "./conformance/model-replies.js";
import { type Fixture, startFixture } from "./rules/datasets.js";
import { runPython } from "./rules/python-runner.js";

const QUESTIONS: EvalQuestion[] = readFileSync(path.resolve("test/planner/fixtures/eval-questions.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => evalQuestionSchema.parse(JSON.parse(line)));

const CLARIFY_CASES: Array<[string, string]> = [
  ["movies.json", "What is the average salary of directors?"],
  ["penguins.json", "Which penguin is the happiest?"],
];

const KEY = "sk-conformance-key-0000000";

/** The question a prompt carries as data. */
const questionOf = (request: RecordedRequest) =>
  /<data name="question">\n([\s\S]*?)\n<\/data>/.exec(request.lastUser)?.[1] ?? "";

/** A model that plans from its script, writes the scripted code, and answers with the first figure it was given. */
function modelReply(request: RecordedRequest) {
  const question = questionOf(request);
  if (request.system.includes("orchestrator")) {
    const clarification = MODEL_CLARIFIES[question];
    if (clarification) {
      return reply.json({
        classification: "CLARIFY",
        reasoning: "not in the tables",
        columns_needed: [],
        sql: null,
        python: null,
        table: null,
        clarification,
        chart: null,
      });
    }
    return MODEL_PLANS[question] ? reply.json(MODEL_PLANS[question]) : reply.serverError(500);
  }
  if (request.system.includes("Python for InsightX"))
    return reply.json({ code: MODEL_PYTHON[question] ?? "result = df", reasoning: "scripted" });
  const table = /<data name="result">\n([\s\S]*?)\n<\/data>/.exec(request.lastUser)?.[1] ?? "null";
  const parsed = JSON.parse(table) as { rows?: unknown[][] } | null;
  const first = parsed?.rows?.flat().find((cell) => typeof cell === "number");
  return reply.json({
    text: first === undefined ? "Here is the result." : `The first figure is ${first}.`,
    metrics: first === undefined ? [] : [{ name: "first", value: first as number }],
    follow_ups: [],
  });
}

interface Subject {
  name: string;
  start(): Promise<{ planner: Planner; close(): Promise<void> }>;
}

const SUBJECTS: Subject[] = [
  { name: "RulePlanner", start: async () => ({ planner: new RulePlanner(), close: async () => {} }) },
  {
    name: "LlmPlanner",
    async start() {
      const fake: FakeOpenAI = await startFakeOpenAI({ keys: [KEY] });
      fake.respondWith(modelReply);
      const config = loadConfig({ LLM_BASE_URL: fake.url, LLM_API_KEYS: KEY, LLM_TIMEOUT_MS: "5000" });
      const client = createLlmClient({ config, logger: createLogger("silent") });
      return { planner: new LlmPlanner(client), close: () => fake.close() };
    },
  },
];

describe.each(SUBJECTS)("$name conforms to the Planner seam", (subject) => {
  let fx: Fixture;
  let planner: Planner;
  let close: () => Promise<void>;
  beforeAll(async () => {
    fx = startFixture();
    ({ planner, close } = await subject.start());
  });
  afterAll(async () => {
    await close();
    await fx.close();
  });

  const contextFor = (dna: DataDna): PlanContext => ({ tables: [dna], history: [], insights: [], log: new TurnLog() });

  it.each(QUESTIONS.map((q) => [q.id, q] as const))(
    "plans %s so the answer is right",
    async (_id, q) => {
      const { dna } = await fx.ask(q.dataset, "How many rows are there?");
      const context = contextFor(dna);
      let plan = await planner.plan(q.question, context);
      if (plan.classification === "CLARIFY") throw new Error(`asked back: ${plan.message}`);
      expect(plan.question).toBe(q.question);
      expect(plan.provenance).toEqual({ planner: planner.name, fallback: null });
      expect(plan.tables).toEqual([dna.table]);
      const names = dna.columns.map((c) => c.name);
      for (const column of plan.columns) expect(names).toContain(column);
      expect(plan.turn?.by).toBe(planner.name);
      expect(plan.title.length).toBeGreaterThan(0);
      if (plan.classification === "PY_ONLY") throw new Error("no eval question needs the whole table in Python");

      const sql: QueryResult = await fx.engine.query(fx.ref(q.dataset), plan.sql);
      let python: unknown = null;
      if (hasPython(plan)) {
        if (plan.python === null) plan = await planner.writePython(plan, describeFrame(frameFromQuery(sql)), context);
        python = runPython((plan as ExecutablePlan & { python: string }).python, sql);
      }
      const table = (python !== null ? asTable(python) : null) ?? { columns: sql.columns, rows: sql.rows };
      const composition = await planner.compose(plan as ExecutablePlan, { sql, python, table }, context);
      expect(judge(q, { result: table, metrics: composition.metrics }), JSON.stringify(table.rows.slice(0, 3))).toBe(
        true,
      );

      const known = collectNumbers([sql.rows, python, q.question]);
      known.push(sql.rows.length, table.rows.length);
      expect(composition.text.length).toBeGreaterThan(0);
      expect(checkText(composition.text, known).ungrounded.map((m) => m.text)).toEqual([]);
      const chart = (plan as ExecutablePlan).chart;
      for (const field of [chart?.x, chart?.y, chart?.color]) if (field) expect(table.columns).toContain(field);
    },
    60_000,
  );

  it.each(CLARIFY_CASES)("asks back on %s: %s", async (file, question) => {
    const { dna } = await fx.ask(file, "How many rows are there?");
    const plan = await planner.plan(question, contextFor(dna));
    expect(plan.classification).toBe("CLARIFY");
    if (plan.classification !== "CLARIFY") return;
    expect(plan.provenance.planner).toBe(planner.name);
    expect(plan.message.length).toBeGreaterThan(10);
    expect(plan.rephrasings.length).toBeLessThanOrEqual(3);
  });
});
