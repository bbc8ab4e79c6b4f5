// The orchestrator: a question in, a stream of PipelineEvents out, ending in a final answer (or an error).
import { quoteIdent } from "../data/index.js";
import { errorMessage, InsightError, UserInputError } from "../util/index.js";
import { LlmSession } from "./agents/llm-calls.js";
import { loadContext } from "./context.js";
import { checkEvent, errorEvent, type PipelineEvent, type Stage, statusEvent } from "./events.js";
import { remember } from "./remember.js";
import { chooseChartSpec, renderChart } from "./steps/chart.js";
import { compose } from "./steps/compose.js";
import { frameFromColumns, frameFromQuery, tableFromPython, tableFromQuery } from "./steps/frames.js";
import { makePlan, type PlanOutcome } from "./steps/plan.js";
import { runPythonStep } from "./steps/python.js";
import { runSqlStep } from "./steps/sql.js";
import type { Answer, PipelineDeps, QuestionContext, QuestionRequest } from "./types.js";

/** Answers one question; every yielded event is validated against the PipelineEvent contract. */
export async function* answerQuestion(
  deps: PipelineDeps,
  request: QuestionRequest,
): AsyncGenerator<PipelineEvent, Answer> {
  const started = performance.now();
  const llm = new LlmSession(deps.llm);
  const answer: Answer = {
    final: null,
    classification: null,
    result: null,
    sqlResult: null,
    pythonResult: null,
    chartPng: null,
    chartType: null,
    llmCalls: 0,
    offline: false,
    elapsedMs: 0,
    error: null,
  };
  let stage: Stage = "loading";
  const emit = (event: PipelineEvent) => checkEvent(event);
  try {
    yield emit(statusEvent("loading"));
    const context = await loadContext(deps, request);

    stage = "orchestrating";
    yield emit(statusEvent("orchestrating"));
    const plan = await makePlan(request.question, context, llm);
    for (const event of llm.drain()) yield emit(event);
    answer.classification = plan.classification;
    answer.offline = plan.offline !== null;
    yield emit({
      type: "orchestrator_result",
      data: { classification: plan.classification, reasoning: plan.reasoning, columns_needed: plan.columnsNeeded },
    });

    if (plan.classification === "CLARIFY") {
      const text = plan.clarification ?? "Could you say which columns or values you mean?";
      answer.final = {
        text,
        metrics: {},
        chart_spec: null,
        follow_ups: plan.suggestions.slice(0, 3),
        sql: null,
        code: null,
        grounded: true,
      };
      yield emit({ type: "final_response", data: answer.final });
      await remember(deps, context, {
        question: request.question,
        answer: text,
        sql: null,
        code: null,
        table: null,
        classification: "CLARIFY",
        grounded: true,
        ...(request.userId ? { userId: request.userId } : {}),
      });
      return finish(answer, llm, started);
    }

    let frame = null;
    if (plan.sql) {
      stage = "sql_generation";
      yield emit(statusEvent("sql_generation"));
      stage = "sql_execution";
      yield emit(statusEvent("sql_execution"));
      const sqlSteps = runSqlStep(deps, request, context, plan.sql, plan.offline ? null : llm);
      answer.sqlResult = yield* forward(sqlSteps, llm, emit);
      answer.result = tableFromQuery(answer.sqlResult);
      frame = frameFromQuery(answer.sqlResult);
    } else if (plan.classification !== "PY_ONLY") {
      throw new UserInputError("no_query", "I could not turn that into a query.", {
        hint: 'Rephrase it naming a column, e.g. "average <measure> by <group>".',
      });
    }

    let code: string | null = null;
    if (plan.classification === "SQL_THEN_PY" || plan.classification === "PY_ONLY") {
      stage = "python_execution";
      yield emit(statusEvent("python_execution"));
      if (!frame) frame = frameFromColumns(await deps.engine.readColumns(request.ref, wholeTableSource(plan, context)));
      const python = yield* forward(
        runPythonStep(deps, request.question, frame, plan.python, plan.offline ? null : llm),
        llm,
        emit,
      );
      code = python.code;
      answer.pythonResult = python.result;
      answer.result = tableFromPython(python.result) ?? answer.result;
    }

    stage = "composition";
    yield emit(statusEvent("composition"));
    const composed = await compose(
      {
        question: request.question,
        plan,
        sqlTable: answer.sqlResult ? tableFromQuery(answer.sqlResult) : null,
        pythonResult: answer.pythonResult,
        table: answer.result,
      },
      plan.offline ? null : llm,
    );
    for (const event of llm.drain()) yield emit(event);

    stage = "rendering";
    yield emit(statusEvent("rendering"));
    const title = plan.offline?.classification !== "CLARIFY" && plan.offline ? plan.offline.title : request.question;
    // A table of statistics (count, mean, p-value …) side by side is not a chart.
    const chartable = plan.offline?.classification === "CLARIFY" || plan.offline?.intent.kind !== "summary";
    const spec = chartable
      ? chooseChartSpec(answer.result, request.question, composed.chartSpec, plan.chart, title)
      : null;
    if (spec && deps.renderCharts !== false) answer.chartPng = await renderChart(spec);
    answer.chartType = spec ? (String((spec as { mark?: unknown }).mark ?? "") as Answer["chartType"]) : null;

    const note = plan.offlineReason ? `\n_Answered by the offline planner: ${plan.offlineReason}._` : "";
    answer.final = {
      text: composed.text + note,
      metrics: composed.metrics,
      chart_spec: (spec as Record<string, unknown> | null) ?? null,
      follow_ups: composed.followUps,
      sql: answer.sqlResult?.sql ?? null,
      code,
      grounded: composed.grounded,
    };
    yield emit({ type: "final_response", data: answer.final });
    await remember(deps, context, {
      question: request.question,
      answer: composed.text,
      sql: answer.final.sql,
      code,
      table: plan.offline?.classification !== "CLARIFY" ? (plan.offline?.table ?? null) : null,
      classification: plan.classification,
      grounded: composed.grounded,
      ...(request.userId ? { userId: request.userId } : {}),
    });
  } catch (error) {
    for (const event of llm.drain()) yield emit(event);
    const message = errorMessage(error);
    answer.error = message;
    const retryable =
      !(error instanceof UserInputError) && !(error instanceof InsightError && error.code === "config_missing");
    if (!(error instanceof InsightError)) deps.logger.error({ err: error, stage }, "pipeline failed");
    yield emit(errorEvent(stage, message, retryable));
  }
  return finish(answer, llm, started);
}

/** PY_ONLY reads the table, only the columns the plan names when it names real ones (3M rows × 40 columns is heavy). */
function wholeTableSource(plan: PlanOutcome, context: QuestionContext): { table: string } | { sql: string } {
  const table = plan.table ?? context.tables[0]!.table;
  const dna = context.tables.find((t) => t.table === table);
  const known = new Set(dna?.columns.map((c) => c.name) ?? []);
  const wanted = [...new Set(plan.columnsNeeded)].filter((name) => known.has(name));
  if (wanted.length === 0 || wanted.length !== new Set(plan.columnsNeeded).size) return { table };
  return { sql: `SELECT ${wanted.map(quoteIdent).join(", ")} FROM ${quoteIdent(table)}` };
}

/** Runs a step generator, yielding its events and any key rotations as they happen. */
async function* forward<T>(
  steps: AsyncGenerator<PipelineEvent, T>,
  llm: LlmSession,
  emit: (e: PipelineEvent) => PipelineEvent,
): AsyncGenerator<PipelineEvent, T> {
  for (;;) {
    const next = await steps.next();
    for (const event of llm.drain()) yield emit(event);
    if (next.done) return next.value;
    yield emit(next.value);
  }
}

function finish(answer: Answer, llm: LlmSession, started: number): Answer {
  answer.llmCalls = llm.calls;
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
