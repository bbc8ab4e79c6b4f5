// What the pipeline needs (deps), what it is asked (request) and what it returns besides its events.
import type { ChartType, ResultTable } from "../charts/index.js";
import type { Config } from "../config/index.js";
import type { ChannelRef, DataEngine, QueryResult } from "../data/index.js";
import type { LlmClient } from "../llm/index.js";
import type { Classification, PlanContext, Planner, PriorTurn, Provenance } from "../planner/index.js";
import type { Sandbox } from "../sandbox/index.js";
import type { Store } from "../store/index.js";
import type { Logger } from "../util/index.js";
import type { FinalResponse } from "./events.js";

export interface PipelineDeps {
  config: Config;
  logger: Logger;
  engine: DataEngine;
  llm: LlmClient;
  /**
   * The planner questions go to.
   * @defaultValue `FallbackPlanner(LlmPlanner(llm), RulePlanner)`
   */
  planner?: Planner;
  /** Started on first use: SQL-only questions never wait for Python. */
  sandbox: () => Promise<Sandbox>;
  /** Thread history and accumulated insights; without it every question stands alone. */
  store?: Store;
  /** Render the chart PNG. @defaultValue true */
  renderCharts?: boolean;
}

export interface QuestionRequest {
  ref: ChannelRef;
  question: string;
  /** Slack thread ts (or any id): questions in one thread share history. */
  threadId?: string;
  userId?: string;
}

export type HistoryTurn = PriorTurn;

export interface QuestionContext extends PlanContext {
  sessionId: string | null;
  conversationId: string | null;
}

export interface Answer {
  final: FinalResponse | null;
  classification: Classification | null;
  /** The table the answer rests on: Python's table when it returned one, else the SQL result. */
  result: ResultTable | null;
  sqlResult: QueryResult | null;
  pythonResult: unknown;
  chartPng: Buffer | null;
  chartType: ChartType | null;
  llmCalls: number;
  /** Who planned the answer and, when the fallback did, why. @defaultValue null */
  provenance?: Provenance | null;
  /** Answered by the rule (offline) planner: no key, every key cooling down, or the model could not answer. */
  offline: boolean;
  elapsedMs: number;
  /** The message the person saw when the question failed. */
  error: string | null;
}
