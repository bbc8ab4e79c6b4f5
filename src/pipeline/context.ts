// Step 1: what the planner may know — the channel's Data DNA, this thread's history and stored plans, insights.
import type { TurnLog, TurnState } from "../planner/index.js";
import { sessionKindFor } from "../store/index.js";
import { clip, UserInputError } from "../util/index.js";
import type { PipelineDeps, QuestionContext, QuestionRequest } from "./types.js";

/** Bounds on what goes into prompts. */
export const CONTEXT_LIMITS = { historyTurns: 6, answerChars: 400, insights: 8, insightChars: 300 };

export async function loadContext(
  deps: PipelineDeps,
  request: QuestionRequest,
  log: TurnLog,
): Promise<QuestionContext> {
  const tables = await deps.engine.dna(request.ref);
  if (tables.length === 0) {
    throw new UserInputError("no_data", "This channel has no data yet.", {
      hint: "Upload a CSV, Excel, JSON or Parquet file to the channel (drag it into the message box), then ask again.",
    });
  }
  const context: QuestionContext = { tables, history: [], insights: [], log, sessionId: null, conversationId: null };
  if (!deps.store) return context;
  // Memory is best effort: with the store unreachable the question is answered without it.
  try {
    await withTimeout(loadMemory(deps, request, context), STORE_TIMEOUT_MS);
  } catch (error) {
    deps.logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "answering without thread memory",
    );
    context.history = [];
    context.insights = [];
  }
  return context;
}

/** How long a question waits for thread history before going on without it. */
const STORE_TIMEOUT_MS = 2_000;

async function loadMemory(deps: PipelineDeps, request: QuestionRequest, context: QuestionContext): Promise<void> {
  const store = deps.store!;
  const { teamId, channelId } = request.ref;
  const session = await store.sessions.ensure(teamId, channelId, sessionKindFor(teamId, channelId));
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
          turn: turnStateOf(message.plan),
        });
        pending = null;
      }
    }
    context.history = context.history.slice(-CONTEXT_LIMITS.historyTurns);
  }
}

/** A stored plan as a planner's turn state; anything else (older rows, other shapes) is no state. */
function turnStateOf(stored: unknown): TurnState | null {
  if (!stored || typeof stored !== "object") return null;
  const turn = stored as Partial<TurnState>;
  return typeof turn.by === "string" && typeof turn.version === "number" && "state" in turn
    ? { by: turn.by, version: turn.version, state: turn.state }
    : null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
