// Asks for JSON matching a zod schema, tolerates fences and prose, and makes one repair round trip.
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { LlmInvalidOutputError } from "./errors.js";
import { describeIssues, extractJson, jsonSchemaOf, safeSchemaName } from "./json-output.js";
import type { ChatBody } from "./openai-transport.js";
import type { RotatingReply } from "./rotating-chat.js";
import type { CompleteRequest, CompleteResult, LlmEvent } from "./types.js";

export type SendChat = (
  body: ChatBody,
  options: { signal?: AbortSignal | undefined; onEvent?: ((event: LlmEvent) => void) | undefined },
) => Promise<RotatingReply>;

/** Two model replies at most: the answer, and one corrected answer if the first did not validate. */
export async function completeStructured<T>(send: SendChat, request: CompleteRequest<T>): Promise<CompleteResult<T>> {
  const jsonSchema = jsonSchemaOf(request.schema);
  const messages: ChatCompletionMessageParam[] = [
    { role: "system", content: `${request.system}\n\n${schemaInstruction(jsonSchema)}` },
    ...request.messages.map((message) => ({ role: message.role, content: message.content })),
  ];
  const base: Omit<ChatBody, "messages"> = {
    temperature: request.temperature ?? 0,
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    response_format: {
      type: "json_schema",
      json_schema: { name: safeSchemaName(request.schemaName), schema: jsonSchema, strict: false },
    },
  };
  const options = { signal: request.signal, onEvent: request.onEvent };
  const usage = { promptTokens: 0, completionTokens: 0 };
  let attempts = 0;
  let problems: string[] = [];
  for (let calls = 1; calls <= 2; calls++) {
    const reply = await send({ ...base, messages }, options);
    attempts += reply.attempts;
    usage.promptTokens += reply.usage.promptTokens;
    usage.completionTokens += reply.usage.completionTokens;
    const checked = validate(reply.content, request);
    if (checked.ok) return { value: checked.value, usage, keyIndex: reply.keyIndex, calls, attempts };
    problems = checked.problems;
    if (reply.finishReason === "length") problems.push("the reply was cut off by the token limit; be shorter");
    messages.push(
      { role: "assistant", content: reply.content || "(empty reply)" },
      { role: "user", content: repairPrompt(problems) },
    );
  }
  throw new LlmInvalidOutputError(request.schemaName, problems);
}

function validate<T>(
  content: string,
  request: CompleteRequest<T>,
): { ok: true; value: T } | { ok: false; problems: string[] } {
  const extracted = extractJson(content);
  if (!extracted.ok) return { ok: false, problems: [extracted.problem] };
  const parsed = request.schema.safeParse(extracted.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: describeIssues(parsed.error) };
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
