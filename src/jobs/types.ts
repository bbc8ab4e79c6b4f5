// The job queue seam: BullMQ on Redis in production, an in-process queue with the same behaviour locally.

export interface QuestionJob {
  kind: "question";
  teamId: string;
  channelId: string;
  /** Thread the answer goes to (the question's own ts when it starts a thread). */
  threadTs: string;
  userId: string;
  text: string;
  /** Slack event id or action id: the job id, so Slack's retries never enqueue twice. */
  sourceId: string;
  source: "mention" | "thread" | "assistant" | "button" | "api" | "schedule";
  /** The progress message, once posted (a retried job edits it instead of posting another). */
  progressTs?: string;
}

export interface IngestJob {
  kind: "ingest";
  teamId: string;
  channelId: string;
  threadTs: string;
  userId: string;
  fileId: string;
  sourceId: string;
  /** The message that shared the file, when the event named it (file_shared events do not: read from files.info). */
  shareTs?: string;
  /** The sharing message came from a bot (another app's upload). */
  fromBot?: boolean;
  /** The sharing message mentioned InsightX (another bot's file is ingested only then). */
  mentionsBot?: boolean;
}

export interface DigestJob {
  kind: "digest";
  teamId: string;
  channelId: string;
  scheduleId: string | null;
}

export type JobData = QuestionJob | IngestJob | DigestJob;
export type JobKind = JobData["kind"];

export interface JobContext<T extends JobData = JobData> {
  id: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
  /** Persists fields back onto the job (e.g. progressTs) so a retry sees them. */
  update(patch: Partial<T>): Promise<void>;
}

export type JobHandler = (job: JobContext) => Promise<void>;

export interface EnqueueResult {
  id: string;
  /** True when a job with this id was already queued or done (a Slack retry). */
  duplicate: boolean;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

/** When a recurring job runs: a five-field cron pattern read in an IANA time zone. */
export interface ScheduleSpec {
  /** e.g. `0 9 * * *` (daily 09:00) or `0 9 * * 1` (Mondays 09:00). */
  pattern: string;
  /** @defaultValue "UTC" */
  tz?: string;
}

export interface JobQueue {
  readonly kind: "bullmq" | "in-process";
  /** Adds a job; `jobId` dedupes. Jobs of one channel run in order, channels in parallel. */
  add(data: JobData, options: { jobId: string }): Promise<EnqueueResult>;
  /** Starts consuming with `handler`; up to `concurrency` jobs at once across channels. */
  process(handler: JobHandler, options: { concurrency: number }): Promise<void>;
  counts(): Promise<QueueCounts>;
  /** Creates or replaces the recurring job `id` (a digest or saved question); changing one replaces it. */
  upsertSchedule(id: string, when: ScheduleSpec, data: JobData): Promise<void>;
  removeSchedule(id: string): Promise<void>;
  /** Stops taking work and waits for running jobs (or requeues them when `force`). */
  close(options?: { force?: boolean }): Promise<void>;
}

/** A failure no retry can fix (bad input, unknown file): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The channel a job belongs to: its ordering group. */
export function jobGroup(data: JobData): string {
  return `${data.teamId}:${data.channelId}`;
}
