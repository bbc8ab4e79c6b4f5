// The queue's handler for Slack work: questions and uploads; other kinds (digests) go to `fallback`.
import type { IngestJob, JobContext, JobHandler, QuestionJob } from "../../jobs/index.js";
import { PermanentJobError } from "../../jobs/index.js";
import { runAnswerJob } from "./answer-job.js";
import { runIngestJob } from "./ingest-job.js";
import type { SlackJobDeps } from "./job-deps.js";

/** Builds the handler from a WebClient and the services, so a worker process without Bolt can run it too. */
export function createSlackJobHandler(deps: SlackJobDeps, fallback?: JobHandler): JobHandler {
  return async (job) => {
    switch (job.data.kind) {
      case "question":
        return runAnswerJob(deps, job as JobContext<QuestionJob>);
      case "ingest":
        return runIngestJob(deps, job as JobContext<IngestJob>);
      default:
        if (fallback) return fallback(job);
        throw new PermanentJobError(`no handler for ${job.data.kind} jobs in this process`);
    }
  };
}
