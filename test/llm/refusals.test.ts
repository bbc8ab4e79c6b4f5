import { describe, expect, it } from "vitest";
import { LlmRequestError, refusalOf } from "../../src/llm/index.js";
import { normalizeErrorBody } from "../../src/llm/openai-transport.js";

/** A refused request as the client sees it once the transport has put the body in OpenAI's shape. */
function refused(status: number, raw: unknown): LlmRequestError {
  const body = normalizeErrorBody(JSON.stringify(raw), status);
  const text = (v: unknown) => (v === undefined || v === null || v === "" ? null : String(v));
  return new LlmRequestError("llm_request_failed", "refused", {
    status,
    reason: "bad_request",
    keyIndex: 0,
    provider: {
      message: String(body.message),
      code: text(body.code),
      param: text(body.param),
      type: text(body.type),
      failedGeneration: typeof body.failed_generation === "string" ? body.failed_generation : null,
    },
  });
}

describe("provider error bodies", () => {
  it("are put in OpenAI's shape whatever the provider sent", () => {
    expect(normalizeErrorBody("{\"error\":\"'response_format.type' must be 'json_schema' or 'text'\"}", 400)).toEqual({
      message: "'response_format.type' must be 'json_schema' or 'text'",
      type: null,
      param: null,
      code: null,
    });
    expect(
      normalizeErrorBody(
        '{"object":"error","message":"xgrammar says no","type":"BadRequestError","param":null,"code":400}',
        400,
      ),
    ).toMatchObject({ message: "xgrammar says no", type: "BadRequestError", code: 400 });
    expect(
      normalizeErrorBody('[{"error":{"code":400,"message":"Invalid JSON payload","status":"INVALID_ARGUMENT"}}]', 400),
    ).toMatchObject({ message: "Invalid JSON payload", type: "INVALID_ARGUMENT" });
    expect(normalizeErrorBody('{"detail":"Not Found"}', 404)).toMatchObject({ message: "Not Found" });
    expect(normalizeErrorBody("<html><body><h1>502 Bad Gateway</h1></body></html>", 502)).toMatchObject({
      message: "502 Bad Gateway",
    });
  });
});

describe("what a refusal means", () => {
  const cases: Array<[string, number, unknown, string]> = [
    [
      "o-series temperature",
      400,
      {
        error: {
          message:
            "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
          type: "invalid_request_error",
          param: "temperature",
          code: "unsupported_value",
        },
      },
      "temperature",
    ],
    [
      "o-series max_tokens",
      400,
      {
        error: {
          message:
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          type: "invalid_request_error",
          param: "max_tokens",
          code: "unsupported_parameter",
        },
      },
      "max_tokens",
    ],
    [
      "vLLM xgrammar",
      400,
      {
        object: "error",
        message: "The provided JSON schema contains features not supported by xgrammar.",
        type: "BadRequestError",
        param: null,
        code: 400,
      },
      "response_format",
    ],
    [
      "vLLM grammar at 500",
      500,
      { error: { message: "grammar rejected tokens [200028]", type: "InternalServerError", code: 500 } },
      "response_format",
    ],
    [
      "Gemini list type",
      400,
      [
        {
          error: {
            code: 400,
            message:
              "Invalid JSON payload received. Unknown name \"type\" at 'generation_config.response_schema.properties[3].value': Proto field is not repeating, cannot start list.",
            status: "INVALID_ARGUMENT",
          },
        },
      ],
      "response_format",
    ],
    [
      "Groq keyword",
      400,
      {
        error: {
          message:
            "invalid schema for response format: response_format/json_schema/next_step: minItems is not supported",
          type: "invalid_request_error",
        },
      },
      "response_format",
    ],
    [
      "Azure api-version",
      400,
      {
        error: {
          message: "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later",
          type: "",
          param: "",
          code: "BadRequest",
        },
      },
      "response_format",
    ],
    [
      "LM Studio json_object",
      400,
      { error: "'response_format.type' must be 'json_schema' or 'text'" },
      "response_format",
    ],
    [
      "strict refused",
      400,
      {
        error: {
          message: "'strict' is not supported for this model",
          type: "invalid_request_error",
          param: "response_format.json_schema.strict",
        },
      },
      "strict",
    ],
    [
      "Groq output check",
      400,
      {
        error: {
          message: "Failed to generate JSON. Please adjust your prompt. See 'failed_generation' for more details.",
          type: "invalid_request_error",
          code: "json_validate_failed",
          failed_generation: '{"a": 1,}',
        },
      },
      "generation_failed",
    ],
    [
      "model not found",
      404,
      {
        error: { message: "The model `gpt-9` does not exist", type: "invalid_request_error", code: "model_not_found" },
      },
      "other",
    ],
    [
      "context too long",
      400,
      {
        error: {
          message: "This model's maximum context length is 8192 tokens.",
          type: "invalid_request_error",
          code: "context_length_exceeded",
        },
      },
      "other",
    ],
  ];
  it.each(cases)("%s", (_name, status, body, kind) => {
    expect(refusalOf(refused(status, body)).kind).toBe(kind);
  });

  it("keeps Groq's failed generation for the client to read", () => {
    const error = refused(400, {
      error: { message: "Failed to generate JSON.", code: "json_validate_failed", failed_generation: '{"a": 1,}' },
    });
    expect(refusalOf(error)).toEqual({ kind: "generation_failed", text: '{"a": 1,}' });
  });
});
