// Wraps an LlmClient so each call's tokens and key index land on the trace step that made it.
import type { LlmClient } from "../llm/index.js";

/** Anything that can take usage for the step open now (a Tracer). */
export interface UsageRecorder {
  addUsage(tokens: number, keyIndex: number): void;
}

/** The same client, reporting every completed call to `recorder`; the key itself is never seen here. */
export function meterLlm(llm: LlmClient, recorder: UsageRecorder): LlmClient {
  return {
    get available() {
      return llm.available;
    },
    stats: () => llm.stats(),
    flush: () => llm.flush(),
    async complete(request) {
      const result = await llm.complete(request);
      recorder.addUsage(result.usage.promptTokens + result.usage.completionTokens, result.keyIndex);
      return result;
    },
  };
}
