// Asks for JSON matching an agent's schema, reads the reply tolerantly (the last candidate that validates wins),
// and makes one repair round trip only when nothing in the reply can be used.
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { z } from "zod";
import { LlmInvalidOutputError } from "./errors.js";
import { jsonCandidates, safeSchemaName, stripThinking } from "./json-output.js";
import type { SendRequest } from "./request-shaping.js";
import type { CompleteRequest, CompleteResult } from "./types.js";

export interface StructuredDefaults {
  /** null: the provider's default temperature (never sent). */
  temperature: number | null;
}

/** Two model replies at most: the answer, and one corrected answer if nothing in the first validated. */
export async function completeStructured<T>(
  send: SendRequest,
  request: CompleteRequest<T>,
  defaults: StructuredDefaults,
): Promise<CompleteResult<T>> {
  const json = request.schema.json;
  const messages: ChatCompletionMessageParam[] = [
    { role: "system", content: `${request.system}\n\n${schemaInstruction(json)}` },
    ...request.messages.map((message) => ({ role: message.role, content: message.content })),
  ];
  const options = {
    signal: request.signal,
    onEvent: request.onEvent,
    deadline: request.deadline,
    deadlineMs: request.deadlineMs,
  };
  const usage = { promptTokens: 0, completionTokens: 0 };
  let attempts = 0;
  let problems: string[] = [];
  for (let calls = 1; calls <= 2; calls++) {
    const reply = await send(
      {
        messages,
        schema: { name: safeSchemaName(request.schemaName), json },
        temperature: request.temperature === undefined ? defaults.temperature : request.temperature,
        maxTokens: request.maxTokens,
      },
      options,
    );
    attempts += reply.attempts;
    usage.promptTokens += reply.usage.promptTokens;
    usage.completionTokens += reply.usage.completionTokens;
    const checked = validate(reply.content, request.schema.zod);
    if (checked.ok) return { value: checked.value, usage, keyIndex: reply.keyIndex, calls, attempts };
    problems = checked.problems;
    if (reply.finishReason === "length") problems.push("the reply was cut off by the token limit; be shorter");
    messages.push(
      { role: "assistant", content: stripThinking(reply.content).trim().slice(0, 8000) || "(empty reply)" },
      { role: "user", content: repairPrompt(problems) },
    );
  }
  throw new LlmInvalidOutputError(request.schemaName, problems);
}

/** The last JSON value in the reply that matches; otherwise the problems of the last one found. */
export function validate<T>(
  content: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; problems: string[] } {
  const candidates = jsonCandidates(content);
  if (candidates.length === 0) {
    const empty = stripThinking(content).trim() === "";
    return { ok: false, problems: [empty ? "the reply was empty" : "the reply contained no parseable JSON object"] };
  }
  let problems: string[] = [];
  for (const candidate of [...candidates].reverse()) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return { ok: true, value: parsed.data };
    if (problems.length === 0) problems = describeIssues(parsed.error);
  }
  return { ok: false, problems };
}

/** The issues of a failed parse, one line each, for the repair prompt and the error. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    return `${path}: ${issue.message}`;
  });
}

function schemaInstruction(jsonSchema: Record<string, unknown>): string {
  return `Reply with one JSON object only, no prose and no code fences, matching this JSON Schema:\n${JSON.stringify(jsonSchema)}`;
}

function repairPrompt(problems: string[]): string {
  return [
    "Your reply could not be used:",
    ...problems.slice(0, 20).map((problem) => `- ${problem}`),
    "Reply again with only the corrected JSON object that matches the schema.",
  ].join("\n");
}
