import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type Capabilities, shape } from "../../src/llm/request-shaping.js";
import { composeSchema, planSchema, pythonSchema, sqlRepairSchema } from "../../src/planner/llm/schemas.js";
import { PROVIDER_PROFILES, PROVIDERS, type ProviderName } from "./openai-providers.js";
import type { FakeReply } from "./openai-replies.js";

const STRICT: Capabilities = { format: "json_schema", strict: true, temperature: true, maxTokensParam: "max_tokens" };

const bodyWith = (schema: Record<string, unknown>, caps: Partial<Capabilities> = {}) => ({
  model: "m",
  stream: false,
  ...shape(
    {
      messages: [
        { role: "system", content: "Reply with JSON." },
        { role: "user", content: "q" },
      ],
      schema: { name: "orchestrator_plan", json: schema },
      temperature: 0,
    },
    { ...STRICT, ...caps },
  ),
});

const refusal = (provider: ProviderName, body: Record<string, unknown>) => PROVIDER_PROFILES[provider].refuse(body);
const text = (reply: FakeReply | null) => JSON.stringify(reply);

/** The plan schema as the planner wrote it before: zod's own JSON Schema with nullables and a record. */
const zodPlan = z.toJSONSchema(
  z.object({
    classification: z.enum(["SQL_ONLY", "CLARIFY"]),
    sql: z.string().nullable(),
    follow_ups: z.array(z.string().min(3).max(150)).max(3),
    metrics: z.record(z.string(), z.number()),
  }),
  { io: "input" },
) as Record<string, unknown>;
/** The same with a list-valued nullable type, as zod-to-json-schema and pydantic write it. */
const typeListPlan = {
  type: "object",
  properties: { sql: { type: ["string", "null"] } },
  required: ["sql"],
  additionalProperties: false,
};

describe("the fake providers accept the agents' schemas", () => {
  const schemas = { planSchema, sqlRepairSchema, pythonSchema, composeSchema };
  for (const provider of PROVIDERS.filter((p) => p !== "openai-reasoning" && p !== "azure-legacy-api")) {
    it(`${provider} takes every agent schema as strict json_schema`, () => {
      for (const [name, schema] of Object.entries(schemas)) {
        expect(refusal(provider, bodyWith(schema.json)), name).toBeNull();
      }
    });
  }
});

describe("the fake providers refuse what the real ones refuse", () => {
  it("Gemini refuses a list-valued type and propertyNames, as an array of errors", () => {
    const list = refusal("gemini", bodyWith(typeListPlan));
    expect(list).toMatchObject({ kind: "status", status: 400 });
    expect(text(list)).toContain("Proto field is not repeating, cannot start list");
    expect(text(list)).toContain("generation_config.response_schema.properties[0].value");
    expect(Array.isArray((list as { body: unknown }).body)).toBe(true);
    expect(text(refusal("gemini", bodyWith(zodPlan)))).toContain('Unknown name \\"propertyNames\\"');
  });

  it("Gemini refuses request fields it does not know", () => {
    expect(text(refusal("gemini", { ...bodyWith(planSchema.json), frequency_penalty: 0 }))).toContain(
      'Unknown name \\"frequency_penalty\\"',
    );
  });

  it("vLLM's xgrammar refuses length and count limits, in vLLM's own error shape", () => {
    const reply = refusal("vllm", bodyWith(zodPlan));
    expect(reply).toMatchObject({
      status: 400,
      body: { object: "error", message: "The provided JSON schema contains features not supported by xgrammar." },
    });
  });

  it("Groq refuses constraint keywords, naming the field", () => {
    expect(text(refusal("groq", bodyWith(zodPlan)))).toMatch(/invalid schema for response format: .*is not supported/);
  });

  it("Groq checks the model's JSON and hands back the failed generation", () => {
    const groq = PROVIDER_PROFILES.groq;
    const body = bodyWith(planSchema.json);
    expect(groq.deliver?.('{"classification": "SQL_ONLY",}', body)).toMatchObject({
      status: 400,
      body: { error: { code: "json_validate_failed", failed_generation: '{"classification": "SQL_ONLY",}' } },
    });
    expect(groq.deliver?.('{"classification": "MAYBE"}', body)).toMatchObject({ status: 400 });
  });

  it("OpenAI strict mode refuses a schema without additionalProperties false or with optional keys", () => {
    expect(text(refusal("openai", bodyWith(zodPlan)))).toMatch(
      /Invalid schema for response_format 'orchestrator_plan': In context=\(.*\), '(additionalProperties|required|propertyNames)' is (required|not permitted)/,
    );
    const { required: _all, ...optional } = planSchema.json;
    expect(text(refusal("openai", bodyWith({ ...optional, required: ["classification"] })))).toContain(
      "'required' is required to be supplied and to be an array including every key in properties",
    );
    expect(refusal("openai", bodyWith(zodPlan, { strict: false }))).toBeNull();
  });

  it("OpenAI refuses json_object when no message says JSON", () => {
    const body = bodyWith(planSchema.json, { format: "json_object" });
    const silent = { ...body, messages: [{ role: "user", content: "q" }] };
    expect(text(refusal("openai", silent))).toContain("must contain the word 'json'");
  });

  it("o-series and gpt-5 refuse temperature 0 and max_tokens with OpenAI's codes", () => {
    expect(refusal("openai-reasoning", bodyWith(planSchema.json))).toMatchObject({
      body: { error: { param: "temperature", code: "unsupported_value" } },
    });
    const noTemperature = bodyWith(planSchema.json, { temperature: false });
    expect(refusal("openai-reasoning", noTemperature)).toBeNull();
    expect(refusal("openai-reasoning", { ...noTemperature, max_tokens: 100 })).toMatchObject({
      body: { error: { param: "max_tokens", code: "unsupported_parameter" } },
    });
  });

  it("LM Studio refuses json_object with a bare-string error", () => {
    expect(refusal("lmstudio", bodyWith(planSchema.json, { format: "json_object" }))).toMatchObject({
      status: 400,
      body: { error: "'response_format.type' must be 'json_schema' or 'text'" },
    });
    expect(refusal("lmstudio", bodyWith(planSchema.json, { format: "none" }))).toBeNull();
  });

  it("Azure before api-version 2024-08-01-preview refuses json_schema with its own wording", () => {
    expect(text(refusal("azure-legacy-api", bodyWith(planSchema.json)))).toContain(
      "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later",
    );
    expect(refusal("azure-legacy-api", bodyWith(planSchema.json, { format: "json_object" }))).toBeNull();
  });
});
