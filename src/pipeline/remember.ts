// Step 7: keep the exchange in the thread's history and the finding as an accumulated insight of the channel.
import type { TurnState } from "../planner/index.js";
import { findNumbers } from "./grounding.js";
import type { PipelineDeps, QuestionContext } from "./types.js";

export interface Exchange {
  question: string;
  answer: string;
  sql: string | null;
  code: string | null;
  table: string | null;
  classification: string | null;
  grounded: boolean;
  /** The plan's turn state: a follow-up in the thread is applied to it. */
  turn: TurnState | null;
  userId?: string;
}

/** Best effort: a store hiccup must not lose the answer the person already has. */
export async function remember(deps: PipelineDeps, context: QuestionContext, exchange: Exchange): Promise<void> {
  const store = deps.store;
  if (!store || !context.sessionId) return;
  try {
    if (context.conversationId) {
      await store.conversations.addMessage({
        conversationId: context.conversationId,
        role: "user",
        text: exchange.question,
        payload: { user: exchange.userId ?? null },
      });
      await store.conversations.addMessage({
        conversationId: context.conversationId,
        role: "assistant",
        text: exchange.answer,
        payload: {
          sql: exchange.sql,
          code: exchange.code,
          table: exchange.table,
          classification: exchange.classification,
        },
        plan: exchange.turn,
      });
    }
    if (exchange.grounded && exchange.classification !== "CLARIFY" && carriesComputedNumber(exchange)) {
      await store.insights.add({
        sessionId: context.sessionId,
        query: exchange.question,
        finding: exchange.answer.slice(0, 1000),
        confidence: 100,
      });
    }
  } catch (error) {
    deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not store the exchange");
  }
}

/**
 * Only a finding is worth remembering: an answer that states a number it computed (not one the question gave, not
 * a list marker). "There is no data for that" or "See the table" teaches the channel nothing.
 */
export function carriesComputedNumber(exchange: Pick<Exchange, "question" | "answer">): boolean {
  const asked = new Set(findNumbers(exchange.question).map((m) => m.value * m.scale));
  const answer = exchange.answer;
  const listMarker = (index: number, text: string) =>
    /(^|\n)\s*$/.test(answer.slice(0, index)) && /^\d{1,2}[.)]\s/.test(answer.slice(index, index + text.length + 2));
  return findNumbers(answer).some((m) => !asked.has(m.value * m.scale) && !listMarker(m.index, m.text));
}
