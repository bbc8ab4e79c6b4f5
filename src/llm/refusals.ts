// What a refused request was refused for, read from the error's meaning (status, param, code, then wording), so
// every provider's way of saying it is understood: OpenAI, Azure, Groq, vLLM, Gemini, LM Studio, Ollama.
import type { LlmRequestError } from "./errors.js";

export type Refusal =
  /** The model only takes its default temperature (o-series, gpt-5). */
  | { kind: "temperature" }
  /** The model wants `max_completion_tokens` instead of `max_tokens`. */
  | { kind: "max_tokens" }
  /** The endpoint refuses `strict: true` but may take the schema without it. */
  | { kind: "strict" }
  /** The endpoint refuses this response format or schema (or its grammar engine failed on it). */
  | { kind: "response_format" }
  /** The server's own JSON check rejected the model's output (Groq); its text may still be usable. */
  | { kind: "generation_failed"; text: string | null }
  | { kind: "other" };

const FORMAT_WORDS =
  /response[_ .]?format|json[_ ]?schema|json_object|response_schema|response_mime_type|generation_config|structured[_ ]outputs?|guided[_ ]?(json|decoding)|x?grammar|outlines|llguidance|\bschema\b/i;
const REFUSING_WORDS =
  /unsupported|not supported|does not support|doesn't support|not allowed|unknown|unrecognized|invalid|must be|only|cannot|can't|not available|no such|disabled/i;

export function refusalOf(error: LlmRequestError): Refusal {
  const status = error.status ?? 0;
  const provider = error.provider;
  const message = provider?.message ?? error.message;
  const param = (provider?.param ?? "").toLowerCase();
  const code = (provider?.code ?? "").toLowerCase();
  if (code === "json_validate_failed" || /failed to generate json|failed_generation/i.test(message)) {
    return { kind: "generation_failed", text: provider?.failedGeneration ?? null };
  }
  if (status !== 400 && status !== 422 && status < 500) return { kind: "other" };
  if (param === "temperature" || (/\btemperature\b/i.test(message) && !FORMAT_WORDS.test(param))) {
    return { kind: "temperature" };
  }
  if (param === "max_tokens" || /max_completion_tokens/i.test(message)) return { kind: "max_tokens" };
  const aboutFormat = param.startsWith("response_format") || FORMAT_WORDS.test(message);
  if (/\bstrict\b/i.test(`${param} ${message}`) && REFUSING_WORDS.test(message)) return { kind: "strict" };
  if (aboutFormat) return { kind: "response_format" };
  return { kind: "other" };
}
