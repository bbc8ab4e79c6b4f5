// Provider profiles the fake OpenAI-compatible server can play: what each refuses, with its own status, error body
// and wording (from the providers' issue trackers and docs), and what it does with the model's output.
import type { FakeReply } from "./openai-replies.js";
import {
  firstKeyword,
  firstTypeList,
  geminiPath,
  openAiStrictProblem,
  validateValue,
  walk,
} from "./openai-schema-rules.js";

export const PROVIDERS = [
  "openai",
  "openai-reasoning",
  "azure",
  "azure-legacy-api",
  "groq",
  "vllm",
  "ollama",
  "lmstudio",
  "gemini",
] as const;
export type ProviderName = (typeof PROVIDERS)[number];

type Body = Record<string, unknown>;

export interface ProviderProfile {
  name: ProviderName;
  /** Where the chat completions route lives; LLM_BASE_URL is the server's origin plus this. */
  basePath: string;
  /** The provider's refusal of this request, or null when it takes it. */
  refuse(body: Body): FakeReply | null;
  /** What the provider sends instead of the model's content, when it checks it (Groq's JSON validation). */
  deliver?(content: string, body: Body): FakeReply | null;
  /** The provider's 429 body. */
  rateLimitBody?(retryAfterSeconds: number | undefined): unknown;
}

const status = (code: number, body: unknown): FakeReply => ({ kind: "status", status: code, body });
const openAiError = (message: string, param: string | null, code: string | null = null) =>
  status(400, { error: { message, type: "invalid_request_error", param, code } });

interface ResponseFormat {
  type?: string;
  json_schema?: { name?: string; schema?: unknown; strict?: boolean };
}
const formatOf = (body: Body) => body.response_format as ResponseFormat | undefined;
/** OpenAI and Groq refuse JSON mode unless a message asks for JSON. */
function jsonModeUnasked(body: Body): FakeReply | null {
  if (formatOf(body)?.type !== "json_object") return null;
  if (
    JSON.stringify(body.messages ?? [])
      .toLowerCase()
      .includes("json")
  )
    return null;
  return openAiError(
    "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
    "messages",
  );
}

/** OpenAI's own checks, shared by Azure (which runs the same service). */
function openAiRefusal(body: Body): FakeReply | null {
  const temperature = body.temperature;
  if (temperature !== undefined && (typeof temperature !== "number" || temperature < 0 || temperature > 2)) {
    return openAiError(`${String(temperature)} is greater than the maximum of 2 - 'temperature'`, "temperature");
  }
  const unasked = jsonModeUnasked(body);
  if (unasked) return unasked;
  const format = formatOf(body);
  if (format?.type === "json_schema") {
    const spec = format.json_schema;
    if (!spec?.schema)
      return openAiError(
        "Missing required parameter: 'response_format.json_schema'.",
        "response_format.json_schema",
        "missing_required_parameter",
      );
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name ?? "")) {
      return openAiError(
        "Invalid 'response_format.json_schema.name': string does not match pattern.",
        "response_format.json_schema.name",
        "invalid_value",
      );
    }
    if (spec.strict) {
      const problem = openAiStrictProblem(spec.name ?? "", spec.schema);
      if (problem) return openAiError(problem, "response_format");
    }
  }
  return null;
}

const openai: ProviderProfile = { name: "openai", basePath: "/v1", refuse: openAiRefusal };

/** o-series and gpt-5: only the default temperature, and max_completion_tokens instead of max_tokens. */
const openaiReasoning: ProviderProfile = {
  name: "openai-reasoning",
  basePath: "/v1",
  refuse(body) {
    if (body.temperature !== undefined && body.temperature !== 1) {
      return openAiError(
        `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
        "temperature",
        "unsupported_value",
      );
    }
    if (body.max_tokens !== undefined) {
      return openAiError(
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        "max_tokens",
        "unsupported_parameter",
      );
    }
    return openAiRefusal(body);
  },
};

const azureRateLimit = (retryAfterSeconds: number | undefined) => ({
  error: {
    code: "429",
    message: `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${retryAfterSeconds ?? 60} second${retryAfterSeconds === 1 ? "" : "s"}. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
  },
});

/** Azure OpenAI's v1 API: OpenAI's checks, Azure's 429s. */
const azure: ProviderProfile = {
  name: "azure",
  basePath: "/openai/v1",
  refuse: openAiRefusal,
  rateLimitBody: azureRateLimit,
};

/** A deployment reached through an api-version older than 2024-08-01-preview: no json_schema at all. */
const azureLegacy: ProviderProfile = {
  name: "azure-legacy-api",
  basePath: "/openai/v1",
  rateLimitBody: azureRateLimit,
  refuse(body) {
    if (formatOf(body)?.type === "json_schema") {
      return status(400, {
        error: {
          message: "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later",
          type: "",
          param: "",
          code: "BadRequest",
        },
      });
    }
    return openAiRefusal(body);
  },
};

const GROQ_UNSUPPORTED = [
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "propertyNames",
  "patternProperties",
  "minProperties",
  "maxProperties",
  "uniqueItems",
];

/** Groq: best-effort json_schema that refuses constraint keywords, and a server-side check of every JSON reply. */
const groq: ProviderProfile = {
  name: "groq",
  basePath: "/openai/v1",
  refuse(body) {
    const unasked = jsonModeUnasked(body);
    if (unasked) return unasked;
    const format = formatOf(body);
    if (format?.type === "json_schema") {
      const found = firstKeyword(format.json_schema?.schema, GROQ_UNSUPPORTED);
      if (found) {
        const where = ["response_format", "json_schema", ...found.path.filter((p) => p !== "properties")].join("/");
        return status(400, {
          error: {
            message: `invalid schema for response format: ${where}: ${found.keyword} is not supported`,
            type: "invalid_request_error",
          },
        });
      }
    }
    return null;
  },
  deliver(content, body) {
    const format = formatOf(body);
    if (format?.type !== "json_object" && format?.type !== "json_schema") return null;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      return jsonValidateFailed(content);
    }
    if (format.type === "json_schema" && validateValue(value, format.json_schema?.schema).length > 0) {
      return jsonValidateFailed(content);
    }
    return null;
  },
};

function jsonValidateFailed(content: string): FakeReply {
  return status(400, {
    error: {
      message: "Failed to generate JSON. Please adjust your prompt. See 'failed_generation' for more details.",
      type: "invalid_request_error",
      code: "json_validate_failed",
      failed_generation: content,
    },
  });
}

const XGRAMMAR_UNSUPPORTED = [
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
  "uniqueItems",
  "contains",
  "minContains",
  "maxContains",
  "minProperties",
  "maxProperties",
  "propertyNames",
  "patternProperties",
  "multipleOf",
];

/** vLLM with the xgrammar backend; errors in vLLM's own (pre-0.10) body shape. */
const vllm: ProviderProfile = {
  name: "vllm",
  basePath: "/v1",
  refuse(body) {
    const format = formatOf(body);
    if (format?.type !== "json_schema") return null;
    const schema = format.json_schema?.schema;
    const allOf = walk(schema).some(({ node }) => Array.isArray(node.allOf) && node.allOf.length > 1);
    if (allOf || firstKeyword(schema, XGRAMMAR_UNSUPPORTED)) {
      return status(400, {
        object: "error",
        message: "The provided JSON schema contains features not supported by xgrammar.",
        type: "BadRequestError",
        param: null,
        code: 400,
      });
    }
    return null;
  },
};

/** Ollama's OpenAI layer: takes any response_format (the schema becomes a grammar); refuses nothing here. */
const ollama: ProviderProfile = { name: "ollama", basePath: "/v1", refuse: () => null };

/** LM Studio: json_schema or text, never json_object; errors as a bare string. */
const lmstudio: ProviderProfile = {
  name: "lmstudio",
  basePath: "/v1",
  refuse(body) {
    const type = formatOf(body)?.type;
    if (type !== undefined && type !== "json_schema" && type !== "text") {
      return status(400, { error: "'response_format.type' must be 'json_schema' or 'text'" });
    }
    return null;
  },
};

const GEMINI_FIELDS = new Set([
  "model",
  "messages",
  "temperature",
  "top_p",
  "n",
  "stream",
  "stop",
  "max_tokens",
  "max_completion_tokens",
  "response_format",
  "tools",
  "tool_choice",
  "reasoning_effort",
  "seed",
]);
const GEMINI_UNKNOWN = [
  "propertyNames",
  "$schema",
  "const",
  "patternProperties",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "unevaluatedProperties",
  "dependentSchemas",
];

/** Gemini's OpenAI-compatible endpoint: the schema becomes a proto; a list-valued type or an unknown keyword is refused. */
const gemini: ProviderProfile = {
  name: "gemini",
  basePath: "/v1beta/openai",
  refuse(body) {
    const violations: Array<{ field: string; description: string }> = [];
    for (const key of Object.keys(body)) {
      if (!GEMINI_FIELDS.has(key)) {
        violations.push({
          field: key,
          description: `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`,
        });
      }
    }
    const schema = formatOf(body)?.type === "json_schema" ? formatOf(body)?.json_schema?.schema : undefined;
    if (schema) {
      const list = firstTypeList(schema);
      if (list) {
        const field = geminiPath(schema, list);
        violations.push({
          field,
          description: `Invalid JSON payload received. Unknown name "type" at '${field}': Proto field is not repeating, cannot start list.`,
        });
      }
      for (const { node, path } of walk(schema)) {
        for (const keyword of GEMINI_UNKNOWN.filter((k) => k in node)) {
          const field = geminiPath(schema, path);
          violations.push({
            field,
            description: `Invalid JSON payload received. Unknown name "${keyword}" at '${field}': Cannot find field.`,
          });
        }
      }
    }
    if (violations.length === 0) return null;
    return status(400, [
      {
        error: {
          code: 400,
          message: violations.map((v) => v.description).join("\n"),
          status: "INVALID_ARGUMENT",
          details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: violations }],
        },
      },
    ]);
  },
};

export const PROVIDER_PROFILES: Record<ProviderName, ProviderProfile> = {
  openai,
  "openai-reasoning": openaiReasoning,
  azure,
  "azure-legacy-api": azureLegacy,
  groq,
  vllm,
  ollama,
  lmstudio,
  gemini,
};
