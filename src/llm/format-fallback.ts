// Some OpenAI-compatible servers refuse `json_schema` response formats: step down to `json_object`, then none.
import type { Logger } from "../util/index.js";
import { LlmRequestError } from "./errors.js";
import type { SendChat } from "./structured.js";

type Mode = "json_schema" | "json_object" | "none";
const NEXT: Record<Mode, Mode | null> = { json_schema: "json_object", json_object: "none", none: null };

/**
 * Wraps `send` so a 400 that names the response format is retried with the next weaker format. The step down
 * is remembered for the client's lifetime; the schema still reaches the model through the system prompt.
 */
export function withFormatFallback(send: SendChat, logger: Logger): SendChat {
  let mode: Mode = "json_schema";
  return async (body, options) => {
    let refused = 0;
    for (;;) {
      const current = mode;
      try {
        const reply = await send(applyMode(body, current), options);
        return { ...reply, attempts: reply.attempts + refused };
      } catch (error) {
        const next = NEXT[current];
        if (!(error instanceof LlmRequestError) || error.reason !== "bad_request" || next === null) throw error;
        if (!/response_format|json_schema|json_object|structured output/i.test(error.message)) throw error;
        refused += 1;
        if (mode === current) {
          mode = next;
          logger.warn({ from: current, to: next }, "LLM endpoint refused the response format; stepping down");
        }
      }
    }
  };
}

function applyMode(body: Parameters<SendChat>[0], mode: Mode): Parameters<SendChat>[0] {
  if (mode === "json_schema") return body;
  const { response_format: _dropped, ...rest } = body;
  return mode === "json_object" ? { ...rest, response_format: { type: "json_object" } } : rest;
}
