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
  it("hands out keys round-robin, skipping keys that are cooling", () => {
    const { pool } = poolWithClock(4);
    expect([pool.acquire().index, pool.acquire().index]).toEqual([0, 1]);
    pool.fail(2, "rate_limited", 10_000, 60_000);
    expect([pool.acquire().index, pool.acquire().index, pool.acquire().index]).toEqual([3, 0, 1]);
  });

  it("announces a rotation to the key the next request will use, once however many requests failed", () => {
    const { pool } = poolWithClock(3);
    expect(pool.acquire().index).toBe(0);
    pool.fail(1, "rate_limited", 1_000, 60_000);
    expect(pool.fail(0, "timeout", 60_000, 60_000)).toEqual({ from_index: 0, to_index: 2, reason: "timeout" });
    expect(pool.fail(0, "timeout", 60_000, 60_000)).toBeNull();
  });

  it("reports when the soonest key is back, or null when all are disabled", () => {
    const { pool, now } = poolWithClock(2);
    pool.fail(0, "rate_limited", 30_000, 60_000);
    pool.fail(1, "rate_limited", 5_000, 60_000);
    expect(() => pool.acquire()).toThrow(AllKeysCoolingDownError);
    try {
      pool.acquire();
    } catch (error) {
      expect((error as AllKeysCoolingDownError).retryAt).toBe(now() + 5_000);
    }
    const disabled = poolWithClock(1).pool;
    disabled.fail(0, "unauthorized", Number.POSITIVE_INFINITY, 60_000);
    expect(() => disabled.acquire()).toThrow(/every key is disabled/);
  });

  it("never shortens a cooldown that is already longer", () => {
    const { pool, now } = poolWithClock(2);
    pool.fail(0, "quota_exceeded", 3_600_000, 60_000);
    pool.fail(0, "rate_limited", 1_000, 60_000);
    expect(pool.health()[0].coolingDownUntil).toBe(now() + 3_600_000);
  });

  it("backs off 1 s, 2 s, 4 s… for rate limits without a hint, up to the configured cooldown, until a success", () => {
    let now = 0;
    const pool = new KeyPool(
      ["k"],
      () => now,
      () => 0.5,
    );
    const cooldowns: number[] = [];
    for (let i = 0; i < 5; i++) {
      pool.fail(0, "rate_limited", null, 5_000);
      cooldowns.push((pool.health()[0].coolingDownUntil ?? now) - now);
      now = pool.soonest() ?? now;
    }
    expect(cooldowns).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
    pool.succeed(0);
    pool.fail(0, "rate_limited", null, 5_000);
    expect((pool.health()[0].coolingDownUntil ?? 0) - now).toBe(1_000);
  });
});

describe("classifyFailure", () => {
  const policy = cooldownPolicy({ LLM_KEY_COOLDOWN_MS: 60_000 });

  it("reads Retry-After as an HTTP date", () => {
    const now = Date.parse("2026-02-15T20:00:00Z");
    const headers = new Headers({ "retry-after": "Sun, 15 Feb 2026 20:00:45 GMT" });
    expect(retryAfterMs(headers, now)).toBe(45_000);
  });

  it("leaves the cooldown of a 429 without any hint to the pool's backoff", () => {
    const error = APIError.generate(429, { message: "slow down" }, undefined, new Headers());
    expect(classifyFailure(error, policy, 0)).toMatchObject({ kind: "key", reason: "rate_limited", cooldownMs: null });
  });

  it("reads OpenAI's and Groq's x-ratelimit-reset of the limit that ran out", () => {
    const headers = new Headers({
      "x-ratelimit-remaining-requests": "12",
      "x-ratelimit-reset-requests": "59.5ms",
      "x-ratelimit-remaining-tokens": "0",
      "x-ratelimit-reset-tokens": "6m0s",
    });
    const error = APIError.generate(429, { message: "Rate limit reached for tokens" }, undefined, headers);
    expect(classifyFailure(error, policy, 0)).toMatchObject({ cooldownMs: 360_000 });
  });

  it("treats timeouts and 5xx as the server's fault, not the key's", () => {
    expect(classifyFailure(new APIConnectionTimeoutError(), policy, 0)).toEqual({
      kind: "transient",
      reason: "timeout",
      status: undefined,
    });
    const busy = APIError.generate(503, { message: "The server is overloaded" }, undefined, new Headers());
    expect(classifyFailure(busy, policy, 0)).toMatchObject({ kind: "transient", reason: "server_error" });
    const limited = APIError.generate(429, {}, undefined, new Headers({ "retry-after": "1" }));
    expect(classifyFailure(limited, policy, 0)).toMatchObject({ kind: "key", cooldownMs: 1_000 });
  });

  it("treats a 5xx that names the grammar as a refusal of the request, not a flaky server", () => {
    const error = APIError.generate(
      500,
      { error: { message: "grammar rejected tokens [200028]", type: "InternalServerError" } },
      undefined,
      new Headers(),
    );
    expect(classifyFailure(error, policy, 0)).toMatchObject({ kind: "request", status: 500 });
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
