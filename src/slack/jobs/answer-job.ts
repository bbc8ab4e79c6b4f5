// A question, as a job: one progress message edited as the pipeline runs, then the answer, chart and buttons.

import { md, message } from "../../blockkit/index.js";
import { SUPPORTED_EXTENSIONS } from "../../data/index.js";
import type { JobContext, QuestionJob } from "../../jobs/index.js";
import { type Answer, answerQuestion, type PipelineEvent, type QuestionRequest } from "../../pipeline/index.js";
import { type Tracer, tracedQuestion } from "../../trace/index.js";
import { errorMessage } from "../../util/index.js";
import { answerMessage } from "../blocks/answer.js";
import { failureMessage, noDataMessage, ProgressState } from "../blocks/progress.js";
import { slackFailure } from "../platform-errors.js";
import { postMessage } from "../send.js";
import type { ResolvedJobDeps } from "./job-deps.js";
import { ProgressMessage } from "./progress-message.js";
import { uploadChart } from "./uploads.js";

export async function runAnswerJob(deps: ResolvedJobDeps, job: JobContext<QuestionJob>): Promise<void> {
  const { client, logger, services } = deps;
  const data = job.data;
  const ref = { teamId: data.teamId, channelId: data.channelId };
  const askedBy = data.source === "button" ? data.userId : null;
  const target = { channel: data.channelId, threadTs: data.threadTs };
  const progress = new ProgressMessage({
    client,
    logger,
    ...target,
    ...(data.progressTs ? { ts: data.progressTs } : {}),
    budget: deps.budgets.for(data.teamId),
    ...(deps.progressIntervalMs !== undefined ? { minIntervalMs: deps.progressIntervalMs } : {}),
  });
  await deps.threads.add(data.teamId, data.channelId, data.threadTs);
  const status = assistantStatus(deps, data);

  const datasets = await services.engine.datasets(ref);
  if (!datasets.some((d) => d.status === "active")) {
    await progress.finish(noDataMessage(data.text, askedBy, SUPPORTED_EXTENSIONS));
    await status("");
    return;
  }

  const state = new ProgressState(data.text, askedBy);
  const ts = await progress.start(state.render());
  if (ts !== data.progressTs) await job.update({ progressTs: ts });
  await status(state.status);

  let lastError: Extract<PipelineEvent, { type: "error" }> | null = null;
  let answer: Answer;
  const request: QuestionRequest = { ref, question: data.text, threadId: data.threadTs, userId: data.userId };
  const { run, tracer } = startRun(deps, request, job.id);
  try {
    for (;;) {
      const next = await run.next();
      if (next.done) {
        answer = next.value;
        break;
      }
      const event = next.value;
      if (event.type === "error") lastError = event;
      const before = state.currentStage;
      state.apply(event);
      progress.show(state.render());
      if (state.currentStage !== before) await status(state.status);
    }
  } catch (error) {
    // Slack refusing a progress edit is the job handler's to report; only our own failures become the answer.
    if (slackFailure(error)?.permanent) throw error;
    logger.error({ err: error, job: job.id }, "question failed outside the pipeline");
    tracer?.finish(error);
    await progress.finish(
      failureMessage(
        data.text,
        askedBy,
        `Something failed on my side: ${errorMessage(error)}`,
        "Ask again in a minute; if it keeps failing, tell whoever runs InsightX.",
      ),
    );
    await status("");
    return;
  }

  if (!answer.final || answer.error) {
    const problem = answer.error ?? lastError?.data.message ?? "The analysis ended without an answer.";
    const next = lastError?.data.retryable
      ? "This looks temporary: ask again in a minute."
      : "Try rephrasing with a column name from `/insightx dna <table>`, or ask for something simpler first.";
    await progress.finish(failureMessage(data.text, askedBy, problem, next));
    tracer?.finish();
    await status("");
    return;
  }

  const archiveId = await archive(deps, data, answer).catch((error) => {
    logger.warn({ err: errorMessage(error) }, "could not archive the answer; its buttons are left out");
    return null;
  });
  const post = async () => {
    await progress.finish(answerMessage({ question: data.text, askedBy, answer, archiveId }));
    if (answer.chartPng) await postChart(deps, target, answer.chartPng, data.text);
  };
  if (tracer) await tracer.step("post", post).finally(() => tracer.finish());
  else await post();
  await status("");
}

/** The pipeline run, traced when a sink is configured (trace id = job id, so a retried job continues it). */
function startRun(deps: ResolvedJobDeps, request: QuestionRequest, jobId: string) {
  const pipelineDeps = deps.services.pipelineDeps();
  if (!deps.traceSink) return { run: answerQuestion(pipelineDeps, request), tracer: null as Tracer | null };
  const traced = tracedQuestion(pipelineDeps, request, { sink: deps.traceSink, traceId: jobId });
  return { run: traced.events, tracer: traced.tracer as Tracer | null };
}

async function postChart(
  deps: ResolvedJobDeps,
  target: { channel: string; threadTs: string },
  png: Buffer,
  title: string,
) {
  try {
    await uploadChart(deps.client, target, png, title);
  } catch (error) {
    deps.logger.warn({ err: errorMessage(error) }, "chart upload failed");
    const text = md`I drew a chart but could not upload it (${errorMessage(error)}). Check that the app has the files:write scope.`;
    await postMessage(deps.client, target, message(text));
  }
}

function archive(deps: ResolvedJobDeps, data: QuestionJob, answer: Answer): Promise<string | null> {
  const final = answer.final!;
  if (!final.sql && !final.code && !answer.result) return Promise.resolve(null);
  return deps.archive.save({
    teamId: data.teamId,
    channelId: data.channelId,
    threadTs: data.threadTs,
    question: data.text,
    classification: answer.classification,
    sql: final.sql,
    code: final.code,
    columns: answer.result?.columns ?? [],
    rows: answer.result?.rows ?? [],
  });
}

/** In assistant threads, `assistant.threads.setStatus` shows what the bot is doing; elsewhere nothing. */
function assistantStatus(deps: ResolvedJobDeps, data: QuestionJob): (text: string) => Promise<void> {
  if (data.source !== "assistant") return async () => undefined;
  return async (text) => {
    await deps.client.assistant.threads
      .setStatus({ channel_id: data.channelId, thread_ts: data.threadTs, status: text ? `is ${text}…` : "" })
      .catch((error) => deps.logger.debug({ err: errorMessage(error) }, "assistant status not set"));
  };
}
