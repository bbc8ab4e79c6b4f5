import { afterEach, describe, expect, it } from "vitest";
import { extractJson, jsonCandidates, LlmInvalidOutputError, LlmRequestError, s } from "../../src/llm/index.js";
import { reply } from "../fakes/openai-server.js";
import { type Harness, startHarness } from "./harness.js";

const Plan = s.object({
  classification: s.enumOf(["SQL_ONLY", "PY_ONLY", "SQL_THEN_PY", "CLARIFY"]),
  reasoning: s.string(),
  columns_needed: s.array(s.string(), { max: 3 }),
  sql: s.nullable(s.string()),
  chart: s.nullable(s.object({ type: s.enumOf(["bar", "line"]) }), { dropInvalid: true }),
});
const plan = {
  classification: "SQL_ONLY",
  reasoning: "an aggregate",
  columns_needed: ["amount"],
  sql: null,
  chart: null,
};

const askPlan = (harness: Harness) =>
  harness.client.complete({
    system: "You are the orchestrator.",
    messages: [{ role: "user", content: "average amount?" }],
    schema: Plan,
    schemaName: "orchestrator_plan",
    maxTokens: 300,
  });

let harness: Harness;
afterEach(async () => harness?.close());

describe("reading JSON as models write it", () => {
  it("reads JSON inside a ```json fence surrounded by prose", () => {
    expect(extractJson('Sure! Here it is:\n```json\n{"a": 1}\n```\nAnything else?')).toEqual({
      ok: true,
      value: { a: 1 },
    });
  });

  it("finds an object in prose, ignoring braces inside strings", () => {
    expect(extractJson('The answer is {"text": "use {x} and }", "n": [1, 2]} as requested.')).toEqual({
      ok: true,
      value: { text: "use {x} and }", n: [1, 2] },
    });
  });

  it("ignores the draft inside <think> and keeps the answer after it", () => {
    const content = '<think>Maybe {"n": 1}? No, the column is wrong.</think>\n{"n": 2}';
    expect(jsonCandidates(content)).toEqual([{ n: 2 }]);
    expect(jsonCandidates('the draft {"n": 1}</think>{"n": 3}')).toEqual([{ n: 3 }]);
  });

  it("repairs a trailing comma and a raw newline inside a string", () => {
    expect(extractJson('{"sql": "SELECT 1\nFROM t", "cols": ["a", "b",],}')).toEqual({
      ok: true,
      value: { sql: "SELECT 1\nFROM t", cols: ["a", "b"] },
    });
  });

  it("reports a reply with no JSON in it", () => {
    expect(extractJson("I cannot help with that.")).toMatchObject({ ok: false });
    expect(extractJson('{"unterminated": ')).toMatchObject({ ok: false });
  });
});

describe("the portable schema", () => {
  it("is strict-capable: every property required, no extra keys, nullable as anyOf, no limits", () => {
    const json = JSON.stringify(Plan.json);
    expect(Plan.json).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: ["classification", "reasoning", "columns_needed", "sql", "chart"],
    });
    expect(json).not.toMatch(/"type":\[|propertyNames|maxItems|maxLength|minLength|pattern/);
    expect(json).toContain('"anyOf":[{"type":"string"},{"type":"null"}]');
  });

  it("takes lower-case enums, omitted nullable keys, extra list items and an invalid chart without failing", () => {
    const parsed = Plan.zod.parse({
      classification: "sql only",
      reasoning: "r",
      columns_needed: ["a", "b", "c", "d"],
      chart: { type: "sunburst" },
    });
    expect(parsed).toEqual({
      classification: "SQL_ONLY",
      reasoning: "r",
      columns_needed: ["a", "b", "c"],
      sql: null,
      chart: null,
    });
  });
});

describe("structured completion", () => {
  it("asks for the schema as strict json_schema and returns the parsed value", async () => {
    harness = await startHarness();
    harness.server.script(reply.json(plan, { usage: { prompt_tokens: 120, completion_tokens: 30 } }));
    const result = await askPlan(harness);

    expect(result).toEqual({
      value: plan,
      usage: { promptTokens: 120, completionTokens: 30 },
      keyIndex: 0,
      calls: 1,
      attempts: 1,
    });
    const body = harness.server.requests[0].body;
    expect(body).toMatchObject({ model: "fake-model", temperature: 0, max_tokens: 300 });
    expect(body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "orchestrator_plan", strict: true, schema: { type: "object" } },
    });
    expect(JSON.stringify(body.response_format)).toContain("SQL_THEN_PY");
    expect(harness.server.requests[0].system).toContain("You are the orchestrator.");
  });

  it("prefers the last JSON object that validates when the reply holds several", async () => {
    harness = await startHarness();
    const draft = JSON.stringify({ ...plan, reasoning: "first draft", classification: "MAYBE" });
    const final = JSON.stringify({ ...plan, reasoning: "final" });
    harness.server.script(reply.text(`Draft: ${draft}\nFinal answer: ${final}\nAnd a stray {"x": 1}`));
    const result = await askPlan(harness);
    expect(result).toMatchObject({ value: { reasoning: "final" }, calls: 1 });
  });

  it("repairs malformed JSON with one more round trip that quotes the problem", async () => {
    harness = await startHarness();
    harness.server.script(
      reply.malformed(),
      reply.json(plan, { usage: { prompt_tokens: 200, completion_tokens: 40 } }),
    );
    const result = await askPlan(harness);

    expect(result.value).toEqual(plan);
    expect(result.calls).toBe(2);
    const repair = harness.server.requests[1];
    expect(repair.messages.at(-2)).toMatchObject({ role: "assistant" });
    expect(repair.lastUser).toContain("no parseable JSON");
    expect(repair.lastUser).toContain("corrected JSON");
  });

  it("fails with llm_invalid_output when the repaired reply is still wrong", async () => {
    harness = await startHarness();
    harness.server.script(reply.json({ reasoning: 3 }), reply.text("still not sure, sorry"));
    const error = await askPlan(harness).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LlmInvalidOutputError);
    expect(error).toMatchObject({ code: "llm_invalid_output", schemaName: "orchestrator_plan" });
    expect(harness.server.requests).toHaveLength(2);
  });
});

describe("request shaping", () => {
  const formatOf = (harness: Harness) =>
    harness.server.requests.map((request) => (request.body.response_format as { type?: string } | undefined)?.type);

  it("steps down to json_object on any wording that names the schema, and remembers it", async () => {
    harness = await startHarness();
    harness.server.respondWith((request) =>
      (request.body.response_format as { type?: string } | undefined)?.type === "json_schema"
        ? { kind: "status", status: 400, body: { error: { message: "Unknown name \"type\" at 'response_schema'" } } }
        : reply.json(plan),
    );
    const first = await askPlan(harness);
    const second = await askPlan(harness);
    expect(first).toMatchObject({ value: plan, calls: 1, attempts: 2 });
    expect(second).toMatchObject({ value: plan, calls: 1, attempts: 1 });
    expect(formatOf(harness)).toEqual(["json_schema", "json_object", "json_object"]);
    expect(harness.server.requests[2].system).toContain('"SQL_THEN_PY"');
  });

  it("drops temperature when the model only takes its default, and remembers it", async () => {
    harness = await startHarness();
    harness.server.respondWith((request) =>
      request.body.temperature !== undefined
        ? {
            kind: "status",
            status: 400,
            body: {
              error: {
                message: "Unsupported value: 'temperature' does not support 0 with this model.",
                type: "invalid_request_error",
                param: "temperature",
                code: "unsupported_value",
              },
            },
          }
        : reply.json(plan),
    );
    await askPlan(harness);
    await askPlan(harness);
    expect(harness.server.requests.map((request) => "temperature" in request.body)).toEqual([true, false, false]);
  });

  it("does not step away from a pinned LLM_RESPONSE_FORMAT", async () => {
    harness = await startHarness({ env: { LLM_RESPONSE_FORMAT: "json_schema" } });
    harness.server.script({
      kind: "status",
      status: 400,
      body: { error: { message: "response_format json_schema is not supported" } },
    });
    await expect(askPlan(harness)).rejects.toBeInstanceOf(LlmRequestError);
    expect(harness.server.requests).toHaveLength(1);
  });

  it("starts where LLM_RESPONSE_FORMAT says and sends no temperature when LLM_TEMPERATURE=default", async () => {
    harness = await startHarness({ env: { LLM_RESPONSE_FORMAT: "none", LLM_TEMPERATURE: "default" } });
    harness.server.script(reply.text(`\`\`\`json\n${JSON.stringify(plan)}\n\`\`\``));
    await askPlan(harness);
    expect(harness.server.requests[0].body.response_format).toBeUndefined();
    expect(harness.server.requests[0].body.temperature).toBeUndefined();
  });
});
