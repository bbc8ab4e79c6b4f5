// One agent call through the LLM client, counting the model's replies and key rotations in the turn's log.
import type { z } from "zod";
import type { ChatMessage, LlmClient } from "../../llm/index.js";
import { LlmInvalidOutputError } from "../../llm/index.js";
import type { TurnLog } from "../turn-log.js";

export async function callModel<T>(
  client: LlmClient,
  log: TurnLog,
  request: { schemaName: string; schema: z.ZodType<T>; system: string; messages: ChatMessage[] },
): Promise<T> {
  try {
    const result = await client.complete({ ...request, onEvent: (event) => log.record(event) });
    log.calls += result.calls;
    log.tokens += result.usage.promptTokens + result.usage.completionTokens;
    return result.value;
  } catch (error) {
    // A reply that failed validation twice still cost both round trips.
    if (error instanceof LlmInvalidOutputError) log.calls += 2;
    throw error;
  }
}
