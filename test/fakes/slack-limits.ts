// Slack's rate limits as token buckets (docs.slack.dev/apis/web-api/rate-limits): per workspace and method by tier,
// chat.postMessage about 1 a second per channel with short bursts, conversations.replies 1 a minute for
// commercially distributed non-Marketplace apps (since 2025-05-29). A spent bucket answers 429 with Retry-After.

/** Calls a minute by tier. */
const TIERS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

const METHOD_TIER: Record<string, keyof typeof TIERS> = {
  "chat.update": 3,
  "chat.delete": 3,
  "chat.postEphemeral": 4,
  "chat.startStream": 3,
  "chat.appendStream": 4,
  "chat.stopStream": 3,
  "conversations.replies": 3,
  "conversations.history": 3,
  "reactions.add": 3,
  "files.info": 4,
  "files.getUploadURLExternal": 4,
  "files.completeUploadExternal": 4,
  "views.open": 4,
  "views.publish": 4,
  "users.info": 4,
  "assistant.threads.setStatus": 4,
  "assistant.threads.setSuggestedPrompts": 4,
  "assistant.threads.setTitle": 4,
};

export interface RateLimitOptions {
  /** Calls a minute per method, overriding the tier (tests lower them to provoke bursts). */
  perMinute?: Record<string, number>;
  /** Most calls at once per method before the rate applies. @defaultValue a minute's worth */
  burst?: Record<string, number>;
  /** chat.postMessage per channel: sustained rate per second and burst. @defaultValue 1 a second, burst 3 */
  postPerSecond?: number;
  postBurst?: number;
  /** conversations.replies a minute (non-Marketplace apps). @defaultValue 1 */
  repliesPerMinute?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions = {}) {}

  /** null when the call may go ahead, else the Retry-After in whole seconds. */
  take(method: string, team: string, channel: string | undefined, now = Date.now()): number | null {
    if (method === "chat.postMessage") {
      const rate = this.options.postPerSecond ?? 1;
      return this.takeFrom(`${team}:post:${channel ?? ""}`, rate, this.options.postBurst ?? 3, now);
    }
    const perMinute =
      this.options.perMinute?.[method] ??
      (method === "conversations.replies" ? (this.options.repliesPerMinute ?? 1) : undefined) ??
      (METHOD_TIER[method] ? TIERS[METHOD_TIER[method]] : undefined);
    if (perMinute === undefined) return null;
    return this.takeFrom(`${team}:${method}`, perMinute / 60, this.options.burst?.[method] ?? perMinute, now);
  }

  private takeFrom(key: string, perSecond: number, capacity: number, now: number): number | null {
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }
}
