// Step 1: what the agents may know — the channel's Data DNA, this thread's history, the channel's insights.
import { UserInputError } from "../util/errors.js";
import type { PipelineDeps, QuestionContext, QuestionRequest } from "./types.js";

/** Bounds on what goes into prompts. */
export const CONTEXT_LIMITS = { historyTurns: 6, answerChars: 400, insights: 8, insightChars: 300 };

export async function loadContext(deps: PipelineDeps, request: QuestionRequest): Promise<QuestionContext> {
  const tables = await deps.engine.dna(request.ref);
  if (tables.length === 0) {
    throw new UserInputError("no_data", "This channel has no data yet.", {
      hint: "Upload a CSV, Excel, JSON or Parquet file to the channel (drag it into the message box), then ask again.",
    });
  }
  const context: QuestionContext = { tables, history: [], insights: [], sessionId: null, conversationId: null };
  const store = deps.store;
  if (!store) return context;
  const kind = request.ref.teamId === "local" ? "local" : request.ref.channelId.startsWith("D") ? "dm" : "channel";
  const session = await store.sessions.ensure(request.ref.teamId, request.ref.channelId, kind);
  context.sessionId = session.id;
  const insights = await store.insights.recent(session.id, CONTEXT_LIMITS.insights);
  context.insights = insights.map((i) => clip(`${i.query} → ${i.finding}`, CONTEXT_LIMITS.insightChars));
  if (request.threadId) {
    const conversation = await store.conversations.ensure(session.id, request.threadId);
    context.conversationId = conversation.id;
    const messages = await store.conversations.history(conversation.id, CONTEXT_LIMITS.historyTurns * 2);
    let pending: string | null = null;
    for (const message of messages) {
      if (message.role === "user") pending = message.text;
      else if (pending !== null) {
        const payload = (message.payload ?? {}) as { sql?: string | null; table?: string | null };
        context.history.push({
          question: pending,
          answer: clip(message.text, CONTEXT_LIMITS.answerChars),
          sql: payload.sql ?? null,
          table: payload.table ?? null,
        });
        pending = null;
      }
    }
    context.history = context.history.slice(-CONTEXT_LIMITS.historyTurns);
  }
  return context;
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
