// A token bucket per workspace for progress edits: chat.update is Tier 3 (~50 a minute per workspace, shared by
// every process that edits). With REDIS_URL the bucket lives in Redis, so N workers share one allowance, not N.
import type { RedisClient } from "../../jobs/index.js";
import { openRedis } from "../../jobs/index.js";
import { errorMessage, type Logger } from "../../util/index.js";

export interface UpdateBudget {
  /** Takes one edit from the allowance; false when it is spent for now (the caller waits and tries again). */
  tryTake(): Promise<boolean>;
}

export interface UpdateBudgets {
  for(teamId: string): UpdateBudget;
  close(): Promise<void>;
}

export interface UpdateBudgetOptions {
  /** Edits allowed per minute per workspace, leaving room for final answers. @defaultValue 40 */
  perMinute?: number;
  now?: () => number;
}

/** One process's bucket. */
export class LocalUpdateBudget implements UpdateBudget {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly now: () => number;

  constructor(options: UpdateBudgetOptions = {}) {
    this.rate = options.perMinute ?? 40;
    this.now = options.now ?? Date.now;
    this.tokens = this.rate;
    this.last = this.now();
  }

  async tryTake(): Promise<boolean> {
    return this.take();
  }

  /** The synchronous take, for tests and the local case. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 60_000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One bucket per workspace in this process (a single process, or no Redis). */
export class LocalUpdateBudgets implements UpdateBudgets {
  private readonly byTeam = new Map<string, LocalUpdateBudget>();

  constructor(private readonly options: UpdateBudgetOptions = {}) {}

  for(teamId: string): LocalUpdateBudget {
    let budget = this.byTeam.get(teamId);
    if (!budget) {
      budget = new LocalUpdateBudget(this.options);
      this.byTeam.set(teamId, budget);
    }
    return budget;
  }

  async close(): Promise<void> {}
}

/** Refill and take in one atomic step: KEYS[1] the bucket; ARGV rate per minute, now (ms). Returns 1 or 0. */
const TAKE = `
local b = redis.call('HMGET', KEYS[1], 't', 'at')
local rate = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local tokens = tonumber(b[1]) or rate
local at = tonumber(b[2]) or now
tokens = math.min(rate, tokens + math.max(0, now - at) / 60000 * rate)
local ok = 0
if tokens >= 1 then tokens = tokens - 1; ok = 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return ok
`;

type EvalClient = RedisClient & {
  eval(script: string, keys: number, ...args: Array<string | number>): Promise<unknown>;
};

export interface RedisUpdateBudgetsOptions extends UpdateBudgetOptions {
  redisUrl: string;
  /** Key prefix, so tests and deployments do not share buckets. @defaultValue "insightx:slack:edits" */
  prefix?: string;
  logger?: Logger;
}

/** Buckets in Redis, shared by every process of the deployment; if Redis fails, this process's bucket is used. */
export class RedisUpdateBudgets implements UpdateBudgets {
  private client: Promise<EvalClient> | null = null;
  /** After a failure, this process's bucket is used until then (no reconnect storm). */
  private retryAt = 0;
  private readonly fallback: LocalUpdateBudgets;

  constructor(private readonly options: RedisUpdateBudgetsOptions) {
    this.fallback = new LocalUpdateBudgets(options);
  }

  for(teamId: string): UpdateBudget {
    return { tryTake: () => this.take(teamId) };
  }

  private async take(teamId: string): Promise<boolean> {
    const key = `${this.options.prefix ?? "insightx:slack:edits"}:${teamId}`;
    if (Date.now() < this.retryAt) return this.fallback.for(teamId).take();
    try {
      // A budget check must never hold a progress edit for long: one retry, a short connect timeout, a deadline.
      this.client ??= openRedis(this.options.redisUrl, {
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
        retryStrategy: () => null,
      }).then((client) => {
        client.on("error", (error) => this.options.logger?.debug({ err: error.message }, "edit budget: Redis error"));
        return client as EvalClient;
      });
      const client = await this.client;
      const now = (this.options.now ?? Date.now)();
      const taken = client.eval(TAKE, 1, key, this.options.perMinute ?? 40, now);
      return Number(await withDeadline(taken, 2_000)) === 1;
    } catch (error) {
      this.options.logger?.warn({ err: errorMessage(error) }, "shared edit budget unavailable; using this process's");
      const broken = this.client;
      this.client = null;
      this.retryAt = Date.now() + 30_000;
      void broken?.then((c) => c.disconnect()).catch(() => undefined);
      return this.fallback.for(teamId).take();
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await (await client.catch(() => null))?.quit().catch(() => undefined);
  }
}

/** The budget a deployment should use: shared through Redis when `redisUrl` is set, else this process's. */
export function createUpdateBudgets(
  options: UpdateBudgetOptions & { redisUrl?: string | undefined; logger?: Logger; prefix?: string },
): UpdateBudgets {
  const { redisUrl, ...rest } = options;
  return redisUrl ? new RedisUpdateBudgets({ ...rest, redisUrl }) : new LocalUpdateBudgets(rest);
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis in ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
