import { APIConnectionTimeoutError, APIError } from "openai";
import { describe, expect, it } from "vitest";
import { classifyFailure, retryAfterMs } from "../../src/llm/classify-failure.js";
import { cooldownPolicy } from "../../src/llm/client.js";
import { AllKeysCoolingDownError } from "../../src/llm/index.js";
import { KeyPool } from "../../src/llm/key-pool.js";
import { createRedactor } from "../../src/llm/redact.js";

function poolWithClock(size: number) {
  let now = 1_000_000;
  const pool = new KeyPool(
    Array.from({ length: size }, (_, index) => `key-${index}`),
    () => now,
  );
  const advance = (ms: number) => {
    now += ms;
  };
  return { pool, advance, now: () => now };
}

describe("KeyPool", () => {
  it("skips keys that are still cooling when it rotates", () => {
    const { pool } = poolWithClock(4);
    pool.fail(1, "rate_limited", 10_000);
    expect(pool.fail(0, "server_error", 10_000)).toEqual({ from_index: 0, to_index: 2, reason: "server_error" });
    expect(pool.acquire().index).toBe(2);
  });

  it("wraps around to the first key after the last", () => {
    const { pool, advance } = poolWithClock(3);
    pool.fail(0, "rate_limited", 1_000);
    pool.fail(1, "rate_limited", 60_000);
    advance(2_000);
    expect(pool.fail(2, "timeout", 60_000)).toEqual({ from_index: 2, to_index: 0, reason: "timeout" });
  });

  it("reports when the soonest key is back, or null when all are disabled", () => {
    const { pool, now } = poolWithClock(2);
    pool.fail(0, "rate_limited", 30_000);
    pool.fail(1, "rate_limited", 5_000);
    expect(() => pool.acquire()).toThrow(AllKeysCoolingDownError);
    try {
      pool.acquire();
    } catch (error) {
      expect((error as AllKeysCoolingDownError).retryAt).toBe(now() + 5_000);
    }
    const disabled = poolWithClock(1).pool;
    disabled.fail(0, "unauthorized", Number.POSITIVE_INFINITY);
    expect(() => disabled.acquire()).toThrow(/every key is disabled/);
  });

  it("never shortens a cooldown that is already longer", () => {
    const { pool, now } = poolWithClock(2);
    pool.fail(0, "quota_exceeded", 3_600_000);
    pool.fail(0, "rate_limited", 1_000);
    expect(pool.health()[0].coolingDownUntil).toBe(now() + 3_600_000);
  });
});

describe("classifyFailure", () => {
  const policy = cooldownPolicy({
    LLM_KEY_COOLDOWN_MS: 60_000,
    LLM_BASE_URL: undefined,
    LLM_MODEL: "m",
    LLM_API_KEYS: [],
    LLM_TIMEOUT_MS: 1_000,
    LLM_MAX_RETRIES: 2,
  });

  it("reads Retry-After as an HTTP date", () => {
    const now = Date.parse("2026-02-15T20:00:00Z");
    const headers = new Headers({ "retry-after": "Sun, 15 Feb 2026 20:00:45 GMT" });
    expect(retryAfterMs(headers, now)).toBe(45_000);
  });

  it("falls back to LLM_KEY_COOLDOWN_MS for a 429 without Retry-After", () => {
    const error = APIError.generate(429, { message: "slow down" }, undefined, new Headers());
    expect(classifyFailure(error, policy, 0)).toMatchObject({ reason: "rate_limited", cooldownMs: 60_000 });
  });

  it("counts timeouts against the retry budget but not rate limits", () => {
    expect(classifyFailure(new APIConnectionTimeoutError(), policy, 0)).toMatchObject({
      reason: "timeout",
      countsAsRetry: true,
    });
    const limited = APIError.generate(429, {}, undefined, new Headers({ "retry-after": "1" }));
    expect(classifyFailure(limited, policy, 0)).toMatchObject({ countsAsRetry: false, cooldownMs: 1_000 });
  });
});

describe("createRedactor", () => {
  it("removes the pool's keys whatever their shape, and masked OpenAI fragments", () => {
    const redact = createRedactor(["plainword123", "gsk_abc"]);
    expect(redact("used plainword123 then gsk_abc; OpenAI said sk-abc*********wxyz")).toBe(
      "used [redacted] then [redacted]; OpenAI said [redacted]",
    );
  });
});
