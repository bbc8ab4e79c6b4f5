// The Redis queue: BullMQ for delivery, retries, stalled recovery and schedules; a per-channel line for order.
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Logger } from "../util/index.js";
import { errorMessage } from "../util/index.js";
import { openRedis, type RedisClient, redisOptions } from "./redis-client.js";
import {
  type EnqueueResult,
  type JobData,
  type JobHandler,
  type JobQueue,
  jobGroup,
  PermanentJobError,
  type QueueCounts,
  type ScheduleSpec,
} from "./types.js";

export interface BullmqQueueOptions {
  url: string;
  logger: Logger;
  /** @defaultValue "insightx" */
  name?: string;
  /** Tries per job. @defaultValue 3 */
  attempts?: number;
  /** First retry delay, doubling each time. @defaultValue 1000 */
  backoffMs?: number;
  /** How long a job whose channel is busy waits before looking again (it is also woken early). @defaultValue 1000 */
  waitMs?: number;
  /** How long a job id is remembered for dedupe. @defaultValue 86400 */
  dedupeSeconds?: number;
  /** A job's lock; a worker that dies loses its job after this long. @defaultValue 30000 */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. @defaultValue 15000 */
  stalledIntervalMs?: number;
}

/**
 * Order: each channel has a Redis list of its job ids in arrival order. Only the job at the head of its
 * channel's list runs; any other is moved to delayed without spending an attempt and woken when the head
 * finishes. The head is the channel's lock: it survives a crash (a stalled head is re-run, still first).
 */
export class BullmqQueue implements JobQueue {
  readonly kind = "bullmq" as const;
  private worker: Worker | null = null;
  private closed = false;
  private readonly attempts: number;

  private constructor(
    private readonly options: BullmqQueueOptions,
    private readonly queue: Queue,
    private readonly redis: RedisClient,
  ) {
    this.attempts = options.attempts ?? 3;
  }

  static async open(options: BullmqQueueOptions): Promise<BullmqQueue> {
    const redis = await openRedis(options.url);
    redis.on("error", (error) => options.logger.warn({ err: error.message }, "redis connection error"));
    const queue = new Queue(options.name ?? "insightx", { connection: redisOptions(options.url) });
    queue.on("error", (error) => options.logger.warn({ err: error.message }, "queue connection error"));
    return new BullmqQueue(options, queue, redis);
  }

  private key(kind: "seen" | "order", id: string): string {
    return `insightx:${this.queue.name}:${kind}:${id}`;
  }

  async add(data: JobData, options: { jobId: string }): Promise<EnqueueResult> {
    const id = safeId(options.jobId);
    const fresh = await this.redis.set(this.key("seen", id), "1", "EX", this.options.dedupeSeconds ?? 86_400, "NX");
    if (fresh === null) return { id, duplicate: true };
    const line = this.key("order", jobGroup(data));
    await this.redis.rpush(line, id);
    try {
      await this.queue.add(data.kind, data, {
        jobId: id,
        attempts: this.attempts,
        backoff: { type: "exponential", delay: this.options.backoffMs ?? 1_000 },
        removeOnComplete: { age: 3_600, count: 5_000 },
        removeOnFail: { age: 7 * 86_400 },
      });
    } catch (error) {
      await this.redis.lrem(line, 1, id);
      await this.redis.del(this.key("seen", id));
      throw error;
    }
    return { id, duplicate: false };
  }

  async process(handler: JobHandler, options: { concurrency: number }): Promise<void> {
    this.worker = new Worker(this.queue.name, (job, token) => this.run(handler, job as Job<JobData>, token), {
      connection: redisOptions(this.options.url),
      concurrency: Math.max(1, options.concurrency),
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 15_000,
      maxStalledCount: 2,
    });
    this.worker.on("error", (error) => this.options.logger.warn({ err: error.message }, "worker connection error"));
    this.worker.on("failed", (job, error) => {
      if (job && !(error instanceof DelayedError)) {
        this.options.logger.warn({ job: job.id, attempt: job.attemptsMade, err: error.message }, "job failed");
      }
    });
    await this.worker.waitUntilReady();
  }

  private async run(handler: JobHandler, job: Job<JobData>, token: string | undefined): Promise<void> {
    const id = job.id!;
    const line = this.key("order", jobGroup(job.data));
    if (!(await this.isHead(line, id))) {
      await job.moveToDelayed(Date.now() + (this.options.waitMs ?? 1_000), token);
      // The head may have finished between the check and the move: then do not sleep the full wait.
      if (await this.isHead(line, id)) await job.promote().catch(() => undefined);
      throw new DelayedError();
    }
    try {
      await handler({
        id,
        data: job.data,
        attempt: job.attemptsMade + 1,
        update: async (patch) => {
          await job.updateData({ ...job.data, ...patch } as JobData);
        },
      });
    } catch (error) {
      const permanent = error instanceof PermanentJobError;
      if (permanent || job.attemptsMade + 1 >= this.attempts) await this.release(line, id);
      if (permanent) throw new UnrecoverableError(errorMessage(error));
      throw error;
    }
    await this.release(line, id);
  }

  /** True when `id` may run now: it heads its channel's line (heads that are gone or done are cleared). */
  private async isHead(line: string, id: string): Promise<boolean> {
    for (;;) {
      const head = await this.redis.lindex(line, 0);
      // Not in the line at all (a scheduled job, or a line lost with Redis): nothing to wait for.
      if (head === null || head === id || (await this.redis.lpos(line, id)) === null) return true;
      const state = await this.queue.getJobState(head);
      if (state !== "completed" && state !== "failed" && state !== "unknown") return false;
      await this.redis.lrem(line, 1, head);
    }
  }

  private async release(line: string, id: string): Promise<void> {
    await this.redis.lrem(line, 1, id);
    const next = await this.redis.lindex(line, 0);
    if (next === null) return;
    const job = await this.queue.getJob(next);
    if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
  }

  async counts(): Promise<QueueCounts> {
    const counts = await this.queue.getJobCounts("waiting", "active", "delayed", "completed", "failed", "prioritized");
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async upsertSchedule(id: string, when: ScheduleSpec, data: JobData): Promise<void> {
    await this.queue.upsertJobScheduler(
      safeId(id),
      { pattern: when.pattern, tz: when.tz ?? "UTC" },
      { name: data.kind, data, opts: { attempts: this.attempts, backoff: { type: "exponential", delay: 1_000 } } },
    );
  }

  async removeSchedule(id: string): Promise<void> {
    await this.queue.removeJobScheduler(safeId(id));
  }

  /** Ids of the recurring jobs (tests, `insightx digest --list`). */
  async scheduleIds(): Promise<string[]> {
    return (await this.queue.getJobSchedulers()).map((scheduler) => scheduler.key);
  }

  /** Checks Redis answers (readiness). */
  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /** Graceful: waits for running jobs. Forced: leaves them to be picked up again once their lock lapses. */
  async close(options: { force?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker?.close(options.force ?? false);
    await this.queue.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Stops, then deletes every key of this queue (tests with random queue names). */
  async destroy(): Promise<void> {
    await this.worker?.close(true);
    await this.queue.obliterate({ force: true });
    await this.close();
  }
}

/** BullMQ ids may not contain ':' (its key separator). */
function safeId(id: string): string {
  return id.replaceAll(":", "_");
}
