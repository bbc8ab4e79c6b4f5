// Hands Slack work to the queue exactly once: job id = Slack's event id, and retries seen here are dropped at once.
import type { JobData, JobQueue } from "../jobs/index.js";
import type { Logger } from "../util/index.js";

export interface JobIntakeOptions {
  queue: JobQueue;
  logger: Logger;
  /** How many recent job ids this process remembers. @defaultValue 5000 */
  remember?: number;
}

export interface IntakeResult {
  accepted: boolean;
  reason?: "seen" | "duplicate";
}

export class JobIntake {
  private readonly seen = new Set<string>();

  constructor(private readonly options: JobIntakeOptions) {}

  /**
   * Enqueues `data` under `jobId` unless this process or the queue already has it.
   * `retryNum` is Slack's X-Slack-Retry-Num: logged, since a retry means Slack missed our ack.
   */
  async submit(jobId: string, data: JobData, retryNum?: number): Promise<IntakeResult> {
    const log = this.options.logger;
    if (this.seen.has(jobId)) {
      log.info({ jobId, retryNum }, "slack delivery already taken; ignored");
      return { accepted: false, reason: "seen" };
    }
    this.remember(jobId);
    const result = await this.options.queue.add(data, { jobId });
    if (result.duplicate) {
      log.info({ jobId, retryNum }, "job already queued or done; ignored");
      return { accepted: false, reason: "duplicate" };
    }
    log.debug({ jobId, kind: data.kind, retryNum }, "job queued");
    return { accepted: true };
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > (this.options.remember ?? 5000)) this.seen.delete(this.seen.values().next().value as string);
  }
}
