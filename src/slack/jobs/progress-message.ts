// One thread message edited as work progresses; edits are coalesced to stay well inside chat.update's rate tier.
import type { webApi } from "@slack/bolt";
import type { SlackMessage } from "../../blockkit/index.js";
import type { Logger } from "../../util/index.js";
import { errorMessage } from "../../util/index.js";
import { slackFailure } from "../platform-errors.js";
import { postMessage, updateMessage } from "../send.js";
import type { UpdateBudget } from "./update-budget.js";

export interface ProgressMessageOptions {
  client: webApi.WebClient;
  logger: Logger;
  channel: string;
  threadTs: string;
  /** An existing message to edit (a retried job), instead of posting a new one. */
  ts?: string;
  /** Least time between two edits of this message. @defaultValue 1000 */
  minIntervalMs?: number;
  /** The workspace's shared allowance of intermediate edits. @defaultValue unlimited */
  budget?: UpdateBudget;
}

export class ProgressMessage {
  private ts: string | undefined;
  private lastKey = "";
  private lastAt = 0;
  private deniedAt = 0;
  private pending: SlackMessage | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inflight: Promise<void> | null = null;
  /** How many chat.update calls this message made (for tests and metrics). */
  updates = 0;

  constructor(private readonly options: ProgressMessageOptions) {
    this.ts = options.ts;
  }

  get messageTs(): string | undefined {
    return this.ts;
  }

  /** Posts the first state (or edits the retried job's message); returns its ts. */
  async start(message: SlackMessage): Promise<string> {
    if (this.ts) await this.update(message).catch((error) => this.repost(error, message));
    else await this.post(message);
    return this.ts!;
  }

  /** Shows an intermediate state: sent at most once per interval, and only when it changed. */
  show(message: SlackMessage): void {
    this.pending = message;
    if (this.timer || this.inflight) return;
    this.schedule();
  }

  /** Replaces the message with its final content (always sent, after the interval). */
  async finish(message: SlackMessage): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    await this.inflight;
    const wait = this.lastAt + this.interval - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (!this.ts) {
      await this.post(message);
      return;
    }
    await this.update(message).catch((error) => this.repost(error, message));
  }

  /** The progress message may have been deleted: the result still has to reach the thread. Anything else rethrows. */
  private async repost(error: unknown, message: SlackMessage): Promise<void> {
    const code = slackFailure(error)?.code;
    if (code !== "message_not_found" && code !== "cant_update_message") throw error;
    this.options.logger.warn({ err: errorMessage(error) }, "progress message could not be edited; posting the result");
    await this.post(message);
  }

  private get interval(): number {
    return this.options.minIntervalMs ?? 1000;
  }

  private schedule(): void {
    const wait = Math.max(0, Math.max(this.lastAt, this.deniedAt) + this.interval - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref?.();
  }

  private flush(): void {
    this.timer = null;
    const message = this.pending;
    this.pending = null;
    if (!message || !this.ts || key(message) === this.lastKey) return;
    this.inflight = this.sendIntermediate(message).finally(() => {
      this.inflight = null;
      if (this.pending && !this.timer) this.schedule();
    });
  }

  private async sendIntermediate(message: SlackMessage): Promise<void> {
    if (this.options.budget && !(await this.options.budget.tryTake().catch(() => true))) {
      // Out of allowance: keep the newest state (unless a newer one came) and try again an interval later.
      this.pending ??= message;
      this.deniedAt = Date.now();
      return;
    }
    await this.update(message).catch((error) =>
      this.options.logger.warn({ err: errorMessage(error) }, "progress edit failed"),
    );
  }

  private async post(message: SlackMessage): Promise<void> {
    const { channel, threadTs } = this.options;
    this.ts = await postMessage(this.options.client, { channel, threadTs }, message);
    this.lastKey = key(message);
    this.lastAt = Date.now();
  }

  private async update(message: SlackMessage): Promise<void> {
    const k = key(message);
    if (k === this.lastKey) return;
    await updateMessage(this.options.client, this.options.channel, this.ts!, message);
    this.updates++;
    this.lastKey = k;
    this.lastAt = Date.now();
  }
}

const key = (message: SlackMessage) => JSON.stringify(message);
