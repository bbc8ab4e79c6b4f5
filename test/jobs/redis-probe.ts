// Decides before a suite is declared whether the Redis at REDIS_URL answers (and ioredis is installed).
import { openRedis } from "../../src/jobs/index.js";

export type RedisProbe =
  | { state: "reachable"; url: string }
  | { state: "unset" }
  | { state: "unreachable"; url: string; error: string };

export async function probeRedis(url = process.env.REDIS_URL): Promise<RedisProbe> {
  if (!url) return { state: "unset" };
  try {
    const client = await openRedis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000, retryStrategy: () => null });
    try {
      await client.ping();
      return { state: "reachable", url };
    } finally {
      client.disconnect();
    }
  } catch (error) {
    return { state: "unreachable", url, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Polls `check` until it is true or `timeoutMs` passes. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
