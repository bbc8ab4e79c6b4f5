// The orchestrator: a question in, a stream of PipelineEvents out, ending in a final answer (or an error).
// One Planner plans, repairs and composes; which planner answered is the plan's provenance, never a branch here.
import { FallbackPlanner, LlmPlanner, type Planner, RulePlanner, TurnLog } from "../planner/index.js";
import { errorMessage, InsightError, UserInputError } from "../util/index.js";
import { loadContext } from "./context.js";
import { checkEvent, errorEvent, type PipelineEvent, type Stage, statusEvent } from "./events.js";
import { remember } from "./remember.js";
import {
  chartTypeOf,
  clarifyResponse,
  emptyAnswer,
  exchangeOf,
  finalResponse,
  notePlan,
  orchestratorEvent,
} from "./steps/answer.js";
import { chooseChartSpec, renderChart } from "./steps/chart.js";
import { composeAnswer } from "./steps/compose.js";
import { drain, execute } from "./steps/execute.js";
import type { Answer, PipelineDeps, QuestionRequest } from "./types.js";

/** The model first; the rule planner when no model can answer. */
export function defaultPlanner(deps: PipelineDeps): Planner {
  const llm = new LlmPlanner(deps.llm, { questionDeadlineMs: deps.config.LLM_QUESTION_DEADLINE_MS });
  return deps.planner ?? new FallbackPlanner(llm, new RulePlanner());
}

/** Answers one question; every yielded event is validated against the PipelineEvent contract. */
export async function* answerQuestion(
  deps: PipelineDeps,
  request: QuestionRequest,
): AsyncGenerator<PipelineEvent, Answer> {
  const started = performance.now();
  const log = new TurnLog();
  const planner = defaultPlanner(deps);
  const answer = emptyAnswer();
  let stage: Stage = "loading";
  const emit = (event: PipelineEvent) => {
    if (event.type === "status") stage = event.data.stage;
    return checkEvent(event);
  };
  try {
    yield emit(statusEvent("loading"));
    const context = await loadContext(deps, request, log);

    yield emit(statusEvent("orchestrating"));
    const plan = await planner.plan(request.question, context);
    for (const event of drain(context)) yield emit(event);
    notePlan(answer, plan);
    yield emit(orchestratorEvent(plan));

    if (plan.classification === "CLARIFY") {
      answer.final = clarifyResponse(plan);
      yield emit({ type: "final_response", data: answer.final });
      await remember(deps, context, exchangeOf(request, plan, answer.final.text, answer.final));
      return finish(answer, log, started);
    }

    const steps = execute(deps, planner, plan, context, request);
    let next = await steps.next();
    for (; !next.done; next = await steps.next()) yield emit(next.value);
    const run = next.value;
    notePlan(answer, run.plan);
    answer.sqlResult = run.sql;
    answer.pythonResult = run.results.python;
    answer.result = run.results.table;

    yield emit(statusEvent("composition"));
    const composed = await composeAnswer(planner, run.plan, run.results, context);
    for (const event of drain(context)) yield emit(event);

    yield emit(statusEvent("rendering"));
    const spec = chooseChartSpec(run.results.table, run.plan, composed.chartSpec);
    if (spec && deps.renderCharts !== false) answer.chartPng = await renderChart(spec);
    answer.chartType = chartTypeOf(spec);

    answer.final = finalResponse(run, composed, spec);
    yield emit({ type: "final_response", data: answer.final });
    await remember(deps, context, exchangeOf(request, run.plan, composed.text, answer.final));
  } catch (error) {
    for (const event of log.drain()) yield emit(event);
    const message = errorMessage(error);
    answer.error = message;
    const retryable =
      !(error instanceof UserInputError) && !(error instanceof InsightError && error.code === "config_missing");
    if (!(error instanceof InsightError)) deps.logger.error({ err: error, stage }, "pipeline failed");
    yield emit(errorEvent(stage, message, retryable));
  }
  return finish(answer, log, started);
}

function finish(answer: Answer, log: TurnLog, started: number): Answer {
  answer.llmCalls = log.calls;
  answer.elapsedMs = performance.now() - started;
  return answer;
}

/** Collects a whole run: its events and the answer. */
export async function runQuestion(
  deps: PipelineDeps,
  request: QuestionRequest,
  onEvent?: (event: PipelineEvent) => void,
): Promise<{ events: PipelineEvent[]; answer: Answer }> {
  const events: PipelineEvent[] = [];
  const generator = answerQuestion(deps, request);
  for (;;) {
    const next = await generator.next();
    if (next.done) return { events, answer: next.value };
    events.push(next.value);
    onEvent?.(next.value);
  }
}
