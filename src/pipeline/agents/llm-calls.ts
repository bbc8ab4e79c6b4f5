// Runs one agent call through the LLM client, counting calls and collecting key rotations as events.
import type { z } from "zod";
import type { ChatMessage, LlmClient } from "../../llm/index.js";
import type { PipelineEvent } from "../events.js";

/** Per-question LLM bookkeeping: calls made and rotation events waiting to be yielded. */
export class LlmSession {
  calls = 0;
  tokens = 0;
  lastKeyIndex: number | null = null;
  readonly pending: PipelineEvent[] = [];

  constructor(readonly client: LlmClient) {}

  async call<T>(schemaName: string, schema: z.ZodType<T>, system: string, messages: ChatMessage[]): Promise<T> {
    try {
      const result = await this.client.complete({
        system,
        messages,
        schema,
        schemaName,
        onEvent: (event) => this.pending.push({ type: "key_rotation_event", data: event.data }),
      });
      this.calls += result.calls;
      this.tokens += result.usage.promptTokens + result.usage.completionTokens;
      this.lastKeyIndex = result.keyIndex;
      return result.value;
    } catch (error) {
      // A failed call still cost a round trip when a reply came back (invalid output).
      if (error instanceof Error && error.name === "LlmInvalidOutputError") this.calls += 2;
      throw error;
    }
  }

  /** Events produced since the last drain (key rotations), in order. */
  drain(): PipelineEvent[] {
    return this.pending.splice(0, this.pending.length);
  }
}
