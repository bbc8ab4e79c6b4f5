// One agent call through the LLM client, counting the model's replies and key rotations in the turn's log, and
// bounded by the question's deadline.
import type { ChatMessage, LlmClient, OutputSchema } from "../../llm/index.js";
import { LlmInvalidOutputError } from "../../llm/index.js";
import type { TurnLog } from "../turn-log.js";

export interface ModelCall<T> {
  schemaName: string;
  schema: OutputSchema<T>;
  system: string;
  messages: ChatMessage[];
}

export async function callModel<T>(
  client: LlmClient,
  log: TurnLog,
  request: ModelCall<T>,
  deadline?: { at: number; ms: number },
): Promise<T> {
  try {
    const result = await client.complete({
      ...request,
      onEvent: (event) => log.record(event),
      ...(deadline ? { deadline: deadline.at, deadlineMs: deadline.ms } : {}),
    });
    log.calls += result.calls;
    log.tokens += result.usage.promptTokens + result.usage.completionTokens;
    return result.value;
  } catch (error) {
    // A reply that failed validation twice still cost both round trips.
    if (error instanceof LlmInvalidOutputError) log.calls += 2;
    throw error;
  }
}
