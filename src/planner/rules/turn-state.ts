// The rule planner's turn state: the table, the kind's intent and a chart type asked for, stored with the answer
// so a follow-up is applied to the intent itself rather than to the words of an earlier question.
import type { ChartType } from "../../charts/index.js";
import type { TurnState } from "../plan.js";
import type { PriorTurn } from "../planner.js";
import type { BaseIntent } from "./intent.js";
import { kindOf } from "./kinds/index.js";

export const RULES = "rules";
const VERSION = 1;

export interface RuleTurn {
  table: string;
  intent: BaseIntent;
  /** A chart type a follow-up asked for ("as a pie chart"); kept by later follow-ups until another is asked. */
  chart: ChartType | null;
}

export function ruleTurnState(turn: RuleTurn): TurnState {
  return { by: RULES, version: VERSION, state: turn };
}

/** The rule state of a turn, or null when another planner made it or it was stored by another version. */
export function ruleTurnOf(turn: TurnState | null | undefined): RuleTurn | null {
  if (!turn || turn.by !== RULES || turn.version !== VERSION) return null;
  const state = turn.state as Partial<RuleTurn> | null;
  if (!state || typeof state.table !== "string" || !state.intent || typeof state.intent !== "object") return null;
  const intent = state.intent as BaseIntent;
  if (typeof intent.kind !== "string" || !kindOf(intent) || !Array.isArray(intent.filters)) return null;
  return { table: state.table, intent, chart: typeof state.chart === "string" ? (state.chart as ChartType) : null };
}

/** The thread's last answered turn the rule planner made, newest first. */
export function lastRuleTurn(history: readonly PriorTurn[]): { turn: RuleTurn; question: string } | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const prior = history[i]!;
    if (!prior.turn) continue;
    const turn = ruleTurnOf(prior.turn);
    return turn ? { turn, question: prior.question } : null;
  }
  return null;
}
