// Runs a digest job: build the channel's digest (or one saved question), hand it to `post`, record the run.
import { runQuestion } from "../pipeline/index.js";
import { buildDigest, type Digest, type DigestDeps } from "./digest.js";
import { savedQuestionMessage } from "./digest-blocks.js";
import type { DigestJob } from "./types.js";
import { PermanentJobError } from "./types.js";

/** Posts a digest to its channel (the Slack app supplies it; the CLI prints). */
export type DigestPoster = (channel: { teamId: string; channelId: string }, digest: Digest) => Promise<void>;

export async function runDigestJob(deps: DigestDeps, job: DigestJob, post: DigestPoster): Promise<void> {
  const ref = { teamId: job.teamId, channelId: job.channelId };
  const schedule = job.scheduleId ? await deps.store.schedules.get(job.scheduleId) : null;
  // A schedule removed after its run was queued: nothing to post.
  if (job.scheduleId && !schedule) throw new PermanentJobError(`schedule ${job.scheduleId} no longer exists`);
  const startedAt = new Date();
  let digest: Digest;
  if (schedule?.kind === "question" && schedule.question) {
    const { answer } = await runQuestion(deps.pipelineDeps(), {
      ref,
      question: schedule.question,
      threadId: `schedule:${schedule.id}`,
    });
    const reply = answer.final?.text ?? answer.error ?? "No answer.";
    const message = savedQuestionMessage(schedule.question, reply);
    digest = {
      text: message.text,
      blocks: message.blocks,
      message,
      chartPng: answer.chartPng,
      data: {
        since: schedule.lastRunAt,
        datasets: [],
        highlights: [],
        questions: [{ question: schedule.question, answer: reply }],
        quiet: false,
      },
    };
  } else {
    digest = await buildDigest(deps, ref);
  }
  await post(ref, digest);
  if (schedule) await deps.store.schedules.markRun(schedule.id, startedAt);
}
