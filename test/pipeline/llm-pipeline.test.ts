import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEvent, pipelineEventSchema, runQuestion } from "../../src/pipeline/index.js";
import { type FakeOpenAI, type RecordedRequest, reply, startFakeOpenAI } from "../fakes/openai-server.js";
import { type Harness, load, startHarness } from "./harness.js";

const KEYS = ["sk-test-first-key-aaaaaaaa", "sk-test-second-key-bbbbbbb"];

/** Routes each request by the agent its system prompt names. */
function agent(request: RecordedRequest): "plan" | "repair" | "python" | "compose" {
  if (request.system.includes("orchestrator")) return "plan";
  if (request.system.includes("fix DuckDB SQL")) return "repair";
  if (request.system.includes("Python for InsightX")) return "python";
  return "compose";
}

const plan = (extra: Record<string, unknown>) => ({
  classification: "SQL_ONLY",
  reasoning: "one aggregate",
  columns_needed: [],
  sql: null,
  python: null,
  table: null,
  clarification: null,
  chart: null,
  ...extra,
});

describe("pipeline with an OpenAI-compatible model", () => {
  let fake: FakeOpenAI;
  let harness: Harness;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ keys: KEYS });
    harness = await startHarness({
      LLM_BASE_URL: fake.url,
      LLM_API_KEYS: KEYS.join(","),
      LLM_KEY_COOLDOWN_MS: "60000",
    });
    await load(harness.runtime, "C-cars", "cars.json");
    await load(harness.runtime, "C-weather", "seattle-weather.csv");
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  const ask = (channelId: string, question: string, threadId = `t-${Math.random()}`) =>
    runQuestion(harness.runtime.pipelineDeps(), { ref: { teamId: "T1", channelId }, question, threadId });

  it("answers a SQL_ONLY question in two LLM calls with events in contract order", async () => {
    fake.respondWith((request) =>
      agent(request) === "plan"
        ? reply.json(
            plan({ sql: 'SELECT avg("Horsepower") AS avg_horsepower FROM cars', columns_needed: ["Horsepower"] }),
          )
        : reply.json({
            text: "The average horsepower is 105.08.",
            metrics: [{ name: "avg_horsepower", value: 105.08 }],

            follow_ups: ["Average horsepower by origin?"],
          }),
    );
    const { events, answer } = await ask("C-cars", "What is the average horsepower?");
    for (const event of events) expect(() => pipelineEventSchema.parse(event)).not.toThrow();
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("status");
    expect(types).toContain("orchestrator_result");
    expect(types.indexOf("sql_result")).toBeGreaterThan(types.indexOf("orchestrator_result"));
    expect(types.at(-1)).toBe("final_response");
    expect(answer.llmCalls).toBe(2);
    expect(answer.final?.grounded).toBe(true);
    expect(answer.sqlResult?.rows[0]?.[0]).toBeCloseTo(105.0825, 3);
    const stages = events
      .filter((e): e is Extract<PipelineEvent, { type: "status" }> => e.type === "status")
      .map((e) => e.data.stage);
    expect(stages).toEqual(["loading", "orchestrating", "sql_generation", "sql_execution", "composition", "rendering"]);
  });

  it("heals failing SQL by sending DuckDB's error back", async () => {
    fake.respondWith((request) => {
      switch (agent(request)) {
        case "plan":
          return reply.json(plan({ sql: 'SELECT avg("HP") AS avg_hp FROM cars' }));
        case "repair":
          expect(request.lastUser).toContain("HP");
          return reply.json({
            sql: 'SELECT avg("Horsepower") AS avg_hp FROM cars',
            reasoning: "the column is Horsepower",
          });
        default:
          return reply.json({ text: "Average horsepower: 105.08.", metrics: [], follow_ups: [] });
      }
    });
    const { events, answer } = await ask("C-cars", "Average HP?");
    const sqlEvents = events.filter((e) => e.type === "sql_result");
    expect(sqlEvents).toHaveLength(1);
    expect(sqlEvents[0]?.type === "sql_result" && sqlEvents[0].data.attempt).toBe(2);
    expect(answer.error).toBeNull();
  });

  it("runs SQL then Python in the sandbox and answers from the Python table", async () => {
    fake.respondWith((request) => {
      switch (agent(request)) {
        case "plan":
          return reply.json(
            plan({
              classification: "SQL_THEN_PY",
              sql: 'SELECT "date", "precipitation" FROM seattle_weather ORDER BY 1',
            }),
          );
        case "python":
          return reply.json({
            code: "z = (df['precipitation'] - df['precipitation'].mean()) / df['precipitation'].std()\nresult = df[z > 4].reset_index(drop=True)",
            reasoning: "z-scores",
          });
        default:
          return reply.json({
            text: "The wettest anomalous day had 55.9 mm.",
            metrics: [{ name: "max_precipitation", value: 55.9 }],

            follow_ups: [],
          });
      }
    });
    const { events, answer } = await ask("C-weather", "Find anomalies in daily precipitation");
    expect(events.some((e) => e.type === "python_result")).toBe(true);
    expect(answer.result?.columns).toContain("precipitation");
    expect(answer.result?.rows.flat()).toContain(55.9);
    expect(answer.final?.code).toContain("z > 4");
    expect(answer.llmCalls).toBe(3);
  });

  it("heals failing Python with the traceback", async () => {
    let pythonCalls = 0;
    fake.respondWith((request) => {
      switch (agent(request)) {
        case "plan":
          return reply.json(plan({ classification: "PY_ONLY", table: "cars" }));
        case "python":
          pythonCalls++;
          return pythonCalls === 1
            ? reply.json({ code: "result = df['Horse'].mean()", reasoning: "x" })
            : reply.json({ code: "result = float(df['Horsepower'].mean())", reasoning: "fixed" });
        default:
          return reply.json({ text: "Mean horsepower is 105.08.", metrics: [], follow_ups: [] });
      }
    });
    const { events, answer } = await ask("C-cars", "Mean horsepower with pandas");
    const python = events.find((e) => e.type === "python_result");
    expect(python?.type === "python_result" && python.data.attempt).toBe(2);
    expect(fake.requests.filter((r) => agent(r) === "python").at(-1)?.lastUser).toContain("KeyError");
    expect(Number(answer.pythonResult)).toBeCloseTo(105.0825, 3);
  });

  it("removes numbers the results do not support and says the answer was not fully grounded", async () => {
    fake.respondWith((request) =>
      agent(request) === "plan"
        ? reply.json(plan({ sql: 'SELECT count(*) AS n FROM cars WHERE "Cylinders" = 8' }))
        : reply.json({
            text: "There are 108 eight-cylinder cars. That is 42% more than last year.",
            metrics: [
              { name: "n", value: 108 },
              { name: "growth", value: 42 },
            ],

            follow_ups: [],
          }),
    );
    const { answer } = await ask("C-cars", "How many cars have 8 cylinders?");
    expect(answer.final?.grounded).toBe(false);
    expect(answer.final?.text).toContain("108");
    expect(answer.final?.text).not.toContain("42%");
    expect(answer.final?.metrics).toEqual({ n: 108 });
    expect(answer.llmCalls).toBe(3);
  });

  it("answers from the SQL result, saying so, when the model's Python cannot be fixed", async () => {
    fake.respondWith((request) => {
      switch (agent(request)) {
        case "plan":
          return reply.json(
            plan({
              classification: "SQL_THEN_PY",
              sql: 'SELECT "Origin", avg("Horsepower") AS avg_hp FROM cars GROUP BY 1 ORDER BY 2 DESC',
              python: "result = df['no_such_column'].mean()",
            }),
          );
        case "python":
          return reply.json({ code: "result = df['still_missing'].mean()", reasoning: "try again" });
        default: {
          const python = /<data name="python">\n([\s\S]*?)\n<\/data>/.exec(request.lastUser)?.[1] ?? "";
          return reply.json({
            text: `${python.includes("analysis_failed") ? "The analysis could not run, but " : ""}{{1.Origin}} leads with {{1.avg_hp | 1}} horsepower.`,
            metrics: [],
            follow_ups: [],
          });
        }
      }
    });
    const { answer } = await ask("C-cars", "What shapes the horsepower spread of each origin's cars?");
    expect(answer.error).toBeNull();
    expect(answer.provenance?.planner).toBe("llm");
    expect(answer.final?.text).toBe("The analysis could not run, but USA leads with 119.9 horsepower.");
    expect(answer.result?.rows[0]).toEqual(["USA", expect.closeTo(119.9, 1)]);
  });

  it("rotates to the next key on 429 and reports it without the key", async () => {
    fake.script(reply.rateLimited({ retryAfterSeconds: 30 }));
    fake.respondWith((request) =>
      agent(request) === "plan"
        ? reply.json(plan({ sql: 'SELECT max("Horsepower") AS max_hp FROM cars' }))
        : reply.json({ text: "The maximum is 230.", metrics: [{ name: "max_hp", value: 230 }], follow_ups: [] }),
    );
    const { events, answer } = await ask("C-cars", "Max horsepower?");
    const rotation = events.find((e) => e.type === "key_rotation_event");
    expect(rotation?.type === "key_rotation_event" && rotation.data.reason).toBe("rate_limited");
    expect(answer.final?.text).toContain("230");
    const serialized = JSON.stringify(events) + harness.logs.join("");
    for (const key of KEYS) expect(serialized).not.toContain(key);
  });

  it("answers with the rule planner when the model's plan contradicts itself, and says why", async () => {
    fake.respondWith((request) =>
      agent(request) === "plan" ? reply.json(plan({ classification: "SQL_ONLY", sql: null })) : reply.serverError(),
    );
    const { answer } = await ask("C-cars", "What is the average horsepower?");
    expect(answer.provenance?.planner).toBe("rules");
    expect(answer.provenance?.fallback?.reason).toBe("model_output_unusable");
    expect(answer.final?.text).toMatch(/offline planner: the AI model's reply could not be used \(llm_plan_unusable\)/);
    expect(answer.sqlResult?.rows[0]?.[0]).toBeCloseTo(105.0825, 3);
  });

  it("answers with the rule planner once the model's SQL repairs are exhausted", async () => {
    fake.respondWith((request) => {
      switch (agent(request)) {
        case "plan":
          return reply.json(plan({ sql: 'SELECT avg("HP") AS avg_hp FROM cars' }));
        case "repair":
          return reply.json({ sql: 'SELECT avg("Horse_Power") AS avg_hp FROM cars', reasoning: "still wrong" });
        default:
          return reply.json({ text: "The average is 105.08.", metrics: [], follow_ups: [] });
      }
    });
    const { events, answer } = await ask("C-cars", "What is the average horsepower?");
    expect(fake.requests.filter((r) => agent(r) === "repair").length).toBeGreaterThanOrEqual(2);
    const sqlEvents = events.filter((e) => e.type === "sql_result");
    expect(sqlEvents).toHaveLength(1);
    expect(sqlEvents[0]?.type === "sql_result" && sqlEvents[0].data.attempt).toBe(4);
    expect(answer.provenance?.fallback?.reason).toBe("repairs_exhausted");
    expect(answer.final?.text).toMatch(/still failed after 3 attempts/);
    expect(answer.sqlResult?.rows[0]?.[0]).toBeCloseTo(105.0825, 3);
  });

  it("falls back to the offline planner when every key is cooling down, and says so", async () => {
    fake.script(
      reply.rateLimited({ retryAfterSeconds: 60 }),
      reply.rateLimited({ retryAfterSeconds: 60 }),
      reply.rateLimited({ retryAfterSeconds: 60 }),
    );
    fake.respondWith(() => reply.rateLimited({ retryAfterSeconds: 60 }));
    const { answer } = await ask("C-cars", "What is the average horsepower?");
    expect(answer.offline).toBe(true);
    expect(answer.final?.text).toMatch(/offline planner/i);
    expect(answer.sqlResult?.rows[0]).toContainEqual(expect.closeTo(105.08, 1));
  });
});
