// The local queue: same contract as BullMQ (dedupe by id, per-channel order, retries with backoff), in memory.

import type { Logger } from "../util/index.js";
import { errorMessage } from "../util/index.js";
import { nextRun } from "./cadence.js";
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

interface Entry {
  id: string;
  data: JobData;
  attempt: number;
}

export interface InProcessQueueOptions {
  logger: Logger;
  /** Tries per job. @defaultValue 3 */
  attempts?: number;
  /** First retry delay; doubles each time. @defaultValue 1000 */
  backoffMs?: number;
  /** How many finished job ids are remembered for dedupe. @defaultValue 10000 */
  rememberIds?: number;
}

export class InProcessQueue implements JobQueue {
  readonly kind = "in-process" as const;
  private readonly waiting: Entry[] = [];
  private readonly known = new Set<string>();
  private readonly busyGroups = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly stats = { completed: 0, failed: 0, delayed: 0 };
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private handler: JobHandler | null = null;
  private concurrency = 1;
  private closed = false;

  constructor(private readonly options: InProcessQueueOptions) {}

  async add(data: JobData, options: { jobId: string }): Promise<EnqueueResult> {
    if (this.known.has(options.jobId)) return { id: options.jobId, duplicate: true };
    this.remember(options.jobId);
    this.waiting.push({ id: options.jobId, data, attempt: 1 });
    this.pump();
    return { id: options.jobId, duplicate: false };
  }

  async process(handler: JobHandler, options: { concurrency: number }): Promise<void> {
    this.handler = handler;
    this.concurrency = Math.max(1, options.concurrency);
    this.pump();
  }

  async counts(): Promise<QueueCounts> {
    return { waiting: this.waiting.length, active: this.running.size, ...this.stats };
  }

  async upsertSchedule(id: string, when: ScheduleSpec, data: JobData): Promise<void> {
    await this.removeSchedule(id);
    const arm = () => {
      const at = nextRun(when, new Date());
      // Timers cap at about 24.8 days; a daily or weekly run is always sooner.
      const timer = setTimeout(() => {
        void this.add(data, { jobId: `${id}:${at.getTime()}` });
        arm();
      }, at.getTime() - Date.now());
      timer.unref();
      this.schedules.set(id, timer);
    };
    arm();
  }

  async removeSchedule(id: string): Promise<void> {
    clearTimeout(this.schedules.get(id));
    this.schedules.delete(id);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.schedules.values()) clearTimeout(timer);
    this.schedules.clear();
    await Promise.allSettled([...this.running]);
  }

  private remember(id: string): void {
    this.known.add(id);
    const limit = this.options.rememberIds ?? 10_000;
    if (this.known.size > limit) this.known.delete(this.known.values().next().value as string);
  }

  private pump(): void {
    if (!this.handler || this.closed) return;
    while (this.running.size < this.concurrency) {
      const index = this.waiting.findIndex((entry) => !this.busyGroups.has(jobGroup(entry.data)));
      if (index < 0) return;
      const [entry] = this.waiting.splice(index, 1) as [Entry];
      const group = jobGroup(entry.data);
      this.busyGroups.add(group);
      const run = this.run(entry).then((retrying) => {
        // A job waiting to retry keeps its channel: later questions still wait for it.
        if (!retrying) this.busyGroups.delete(group);
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  /** Runs one try; true when a retry is scheduled (the channel stays held until it runs). */
  private async run(entry: Entry): Promise<boolean> {
    const attempts = this.options.attempts ?? 3;
    try {
      await this.handler!({
        id: entry.id,
        data: entry.data,
        attempt: entry.attempt,
        update: async (patch) => {
          entry.data = { ...entry.data, ...patch } as JobData;
        },
      });
      this.stats.completed++;
      return false;
    } catch (error) {
      const permanent = error instanceof PermanentJobError;
      if (permanent || entry.attempt >= attempts || this.closed) {
        this.stats.failed++;
        this.options.logger.error({ job: entry.id, attempt: entry.attempt, err: errorMessage(error) }, "job failed");
        return false;
      }
      const delay = (this.options.backoffMs ?? 1000) * 2 ** (entry.attempt - 1);
      this.options.logger.warn(
        { job: entry.id, attempt: entry.attempt, delay, err: errorMessage(error) },
        "job will retry",
      );
      this.stats.delayed++;
      setTimeout(() => {
        this.stats.delayed--;
        this.busyGroups.delete(jobGroup(entry.data));
        this.waiting.unshift({ ...entry, attempt: entry.attempt + 1 });
        this.pump();
      }, delay).unref();
      return true;
    }
  }
}
