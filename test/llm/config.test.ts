import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";

describe("the LLM settings", () => {
  it("defaults to auto response format, temperature 0 and a 45 s question deadline", () => {
    expect(loadConfig({})).toMatchObject({
      LLM_RESPONSE_FORMAT: "auto",
      LLM_TEMPERATURE: 0,
      LLM_QUESTION_DEADLINE_MS: 45_000,
    });
  });

  it("reads a pinned format, a temperature or 'default' (send none), and a deadline", () => {
    expect(
      loadConfig({ LLM_RESPONSE_FORMAT: "json_object", LLM_TEMPERATURE: "0.2", LLM_QUESTION_DEADLINE_MS: "20000" }),
    ).toMatchObject({ LLM_RESPONSE_FORMAT: "json_object", LLM_TEMPERATURE: 0.2, LLM_QUESTION_DEADLINE_MS: 20_000 });
    expect(loadConfig({ LLM_TEMPERATURE: "default" }).LLM_TEMPERATURE).toBeNull();
  });

  it("refuses a wrong value naming the variable", () => {
    expect(() => loadConfig({ LLM_RESPONSE_FORMAT: "xml" })).toThrow(/LLM_RESPONSE_FORMAT/);
    expect(() => loadConfig({ LLM_TEMPERATURE: "3" })).toThrow(/LLM_TEMPERATURE/);
    expect(() => loadConfig({ LLM_QUESTION_DEADLINE_MS: "10" })).toThrow(/LLM_QUESTION_DEADLINE_MS/);
  });
});
