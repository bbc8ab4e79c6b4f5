import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { extractJson, LlmInvalidOutputError } from "../../src/llm/index.js";
import { reply } from "../fakes/openai-server.js";
import { type Harness, startHarness } from "./harness.js";

const Plan = z.object({
  classification: z.enum(["SQL_ONLY", "PY_ONLY", "SQL_THEN_PY", "CLARIFY"]),
  reasoning: z.string(),
  columns_needed: z.array(z.string()),
});
const plan = { classification: "SQL_ONLY", reasoning: "an aggregate", columns_needed: ["amount"] };

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

describe("extractJson", () => {
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

  it("reports a reply with no JSON in it", () => {
    expect(extractJson("I cannot help with that.")).toMatchObject({ ok: false });
    expect(extractJson('{"unterminated": ')).toMatchObject({ ok: false });
  });
});

describe("structured completion", () => {
  it("asks for the schema as response_format json_schema and returns the parsed value", async () => {
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
      json_schema: { name: "orchestrator_plan", strict: false, schema: { type: "object" } },
    });
    expect(JSON.stringify(body.response_format)).toContain("SQL_THEN_PY");
    expect(harness.server.requests[0].system).toContain("You are the orchestrator.");
  });

  it("accepts JSON wrapped in a fence with prose around it", async () => {
    harness = await startHarness();
    harness.server.script(reply.text(`Here is the plan:\n\`\`\`json\n${JSON.stringify(plan)}\n\`\`\``));
    const result = await askPlan(harness);
    expect(result.value).toEqual(plan);
    expect(result.calls).toBe(1);
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

  it("sends the schema's complaints back when the JSON does not match", async () => {
    harness = await startHarness();
    harness.server.script(reply.json({ ...plan, classification: "MAYBE" }), reply.json(plan));
    const result = await askPlan(harness);
    expect(result.calls).toBe(2);
    expect(harness.server.requests[1].lastUser).toContain("classification");
  });

  it("fails with llm_invalid_output when the repaired reply is still wrong", async () => {
    harness = await startHarness();
    harness.server.script(reply.json({ reasoning: 3 }), reply.text("still not sure, sorry"));
    const error = await askPlan(harness).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LlmInvalidOutputError);
    expect(error).toMatchObject({ code: "llm_invalid_output", schemaName: "orchestrator_plan" });
    expect((error as Error).message).toContain("orchestrator_plan");
    expect(harness.server.requests).toHaveLength(2);
  });
});

describe("response format fallback", () => {
  it("steps down to json_object, and remembers it, when the endpoint refuses json_schema", async () => {
    harness = await startHarness();
    harness.server.respondWith((request) => {
      const format = (request.body.response_format as { type?: string } | undefined)?.type;
      return format === "json_schema"
        ? { kind: "status", status: 400, body: { error: { message: "response_format json_schema is not supported" } } }
        : reply.json(plan);
    });
    const first = await askPlan(harness);
    const second = await askPlan(harness);

    expect(first).toMatchObject({ value: plan, calls: 1, attempts: 2 });
    expect(second).toMatchObject({ value: plan, calls: 1, attempts: 1 });
    expect(harness.server.requests.map((request) => (request.body.response_format as { type: string }).type)).toEqual([
      "json_schema",
      "json_object",
      "json_object",
    ]);
    expect(harness.server.requests[2].system).toContain('"SQL_THEN_PY"');
  });
});
