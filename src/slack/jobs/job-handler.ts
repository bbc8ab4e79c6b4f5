// The queue's handler for Slack work: questions and uploads; other kinds (digests) go to `fallback`.
import type { IngestJob, JobContext, JobHandler, QuestionJob } from "../../jobs/index.js";
import { PermanentJobError } from "../../jobs/index.js";
import { slackFailure } from "../platform-errors.js";
import { tellAsker } from "../send.js";
import { ThreadMembership } from "../thread-membership.js";
import { runAnswerJob } from "./answer-job.js";
import { runIngestJob } from "./ingest-job.js";
import type { ResolvedJobDeps, SlackJobDeps } from "./job-deps.js";
import { createUpdateBudgets } from "./update-budget.js";

/** Builds the handler from a WebClient and the services, so a worker process without Bolt can run it too. */
export function createSlackJobHandler(deps: SlackJobDeps, fallback?: JobHandler): JobHandler {
  const resolved = resolveJobDeps(deps);
  return async (job) => {
    if (job.data.kind !== "question" && job.data.kind !== "ingest") {
      if (fallback) return fallback(job);
      throw new PermanentJobError(`no handler for ${job.data.kind} jobs in this process`);
    }
    const data = job.data;
    try {
      if (data.kind === "question") await runAnswerJob(resolved, job as JobContext<QuestionJob>);
      else await runIngestJob(resolved, job as JobContext<IngestJob>);
    } catch (error) {
      const failure = slackFailure(error);
      if (!failure?.permanent) throw error;
      // Not in the channel, archived, a refused payload: no retry can help; the person is told how to fix it.
      deps.logger.warn({ job: job.id, code: failure.code, channel: data.channelId }, "slack refused the job's reply");
      await tellAsker(
        deps.client,
        deps.logger,
        { channel: data.channelId, threadTs: data.threadTs, user: data.userId },
        failure,
      );
      throw new PermanentJobError(`Slack refused the reply: ${failure.code}`, { cause: error });
    }
  };
}

export function resolveJobDeps(deps: SlackJobDeps): ResolvedJobDeps {
  let identity: Promise<{ userId: string; botId: string }> | null = null;
  return {
    ...deps,
    threads:
      deps.threads ??
      new ThreadMembership({ store: deps.services.store.slack, client: deps.client, logger: deps.logger }),
    budgets:
      deps.budgets ??
      createUpdateBudgets({
        redisUrl: deps.services.config.REDIS_URL,
        logger: deps.logger.child({ component: "edits" }),
      }),
    bot() {
      identity ??= deps.client.auth.test().then(
        (r) => ({ userId: String(r.user_id ?? ""), botId: String(r.bot_id ?? "") }),
        (error) => {
          identity = null;
          throw error;
        },
      );
      return identity;
    },
  };
}
