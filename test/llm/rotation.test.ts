import { afterEach, describe, expect, it } from "vitest";
import {
  AllKeysCoolingDownError,
  LlmDeadlineError,
  LlmRequestError,
  LlmUnavailableError,
  s,
} from "../../src/llm/index.js";
import { UpstreamError } from "../../src/util/index.js";
import { reply } from "../fakes/openai-server.js";
import { type Harness, leakedKeys, startHarness, surfaces } from "./harness.js";

const Answer = s.object({ answer: s.number() });
const ask = (harness: Harness, signal?: AbortSignal, deadline?: number) =>
  harness.client.complete({
    system: "You answer with a number.",
    messages: [{ role: "user", content: "What is six times seven?" }],
    schema: Answer,
    schemaName: "answer",
    ...(signal ? { signal } : {}),
    ...(deadline ? { deadline, deadlineMs: deadline - Date.now() } : {}),
  });

let harness: Harness;
afterEach(async () => harness?.close());

describe("key rotation", () => {
  it("rotates to the next key on a 429 and cools the first for the Retry-After seconds", async () => {
    harness = await startHarness();
    harness.server.script(reply.rateLimited({ retryAfterSeconds: 7 }), reply.json({ answer: 42 }));
    const before = Date.now();
    const result = await ask(harness);

    expect(result.value).toEqual({ answer: 42 });
    expect(result).toMatchObject({ keyIndex: 1, calls: 1, attempts: 2 });
    expect(harness.server.requests.map((request) => request.keyIndex)).toEqual([0, 1]);
    expect(harness.events).toEqual([
      { type: "key_rotation_event", data: { from_index: 0, to_index: 1, reason: "rate_limited" } },
    ]);
    const cooling = harness.client.stats()[0].coolingDownUntil ?? 0;
    expect(cooling - before).toBeGreaterThanOrEqual(6_900);
    expect(cooling - Date.now()).toBeLessThanOrEqual(7_000);
    expect(leakedKeys(surfaces(harness))).toEqual([]);
  });

  it("honours retry-after-ms over the configured cooldown", async () => {
    harness = await startHarness({ env: { LLM_KEY_COOLDOWN_MS: "600000" } });
    harness.server.script(reply.rateLimited({ retryAfterMs: 1500 }), reply.json({ answer: 1 }));
    const before = Date.now();
    await ask(harness);
    const cooling = harness.client.stats()[0].coolingDownUntil ?? 0;
    expect(cooling - before).toBeGreaterThanOrEqual(1_400);
    expect(cooling - before).toBeLessThan(5_000);
  });

  it("disables a key rejected with 401 so it is not used again however long we wait", async () => {
    harness = await startHarness({ keys: ["sk-first-key-000000000", "sk-second-key-11111111"] });
    harness.server.script(reply.unauthorized(), reply.json({ answer: 1 }));
    await ask(harness);
    expect(harness.events.map((event) => event.data)).toEqual([{ from_index: 0, to_index: 1, reason: "unauthorized" }]);
    expect(harness.client.stats()[0]).toMatchObject({ disabled: true, lastReason: "unauthorized" });

    harness.advance(48 * 3600 * 1000);
    harness.server.script(reply.rateLimited({ retryAfterSeconds: 30 }));
    const error = await ask(harness).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AllKeysCoolingDownError);
    expect(harness.server.requests.map((request) => request.keyIndex)).toEqual([0, 1, 1]);
  });

  it("treats 403 like 401", async () => {
    harness = await startHarness();
    harness.server.script(reply.forbidden(), reply.json({ answer: 1 }));
    await ask(harness);
    expect(harness.events[0].data).toEqual({ from_index: 0, to_index: 1, reason: "unauthorized" });
    expect(harness.client.stats()[0].disabled).toBe(true);
  });

  it("retries a 500 on the next key after a backoff, without cooling the key or announcing a rotation", async () => {
    harness = await startHarness({ env: { LLM_KEY_COOLDOWN_MS: "60000" } });
    harness.server.script(reply.serverError(503), reply.json({ answer: 1 }));
    const result = await ask(harness);
    expect(result).toMatchObject({ keyIndex: 1, attempts: 2 });
    expect(harness.events).toEqual([]);
    expect(harness.client.stats()[0]).toMatchObject({ coolingDownUntil: null, lastReason: "server_error" });
  });

  it("retries a 500 on the only key, which stays usable", async () => {
    harness = await startHarness({ keys: ["sk-only-key-0000000000"] });
    harness.server.script(reply.serverError(502), reply.json({ answer: 7 }));
    const result = await ask(harness);
    expect(result).toMatchObject({ value: { answer: 7 }, keyIndex: 0, attempts: 2 });
  });

  it("gives up on a hung request at LLM_TIMEOUT_MS and retries on the next key", async () => {
    harness = await startHarness({ env: { LLM_TIMEOUT_MS: "300" } });
    harness.server.script(reply.hang(), reply.json({ answer: 1 }));
    const started = Date.now();
    const result = await ask(harness);
    const elapsed = Date.now() - started;
    expect(result.keyIndex).toBe(1);
    expect(harness.events).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
  });

  it("stops at the question's deadline, however many keys could still be tried", async () => {
    harness = await startHarness({ env: { LLM_TIMEOUT_MS: "10000" } });
    harness.server.respondWith(() => reply.hang());
    const started = Date.now();
    const error = await ask(harness, undefined, Date.now() + 600).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmDeadlineError);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(harness.server.requests).toHaveLength(1);
  });

  it("sets a key aside for at least an hour when its quota is exhausted", async () => {
    harness = await startHarness();
    harness.server.script(reply.quota(), reply.json({ answer: 1 }));
    await ask(harness);
    expect(harness.events[0].data.reason).toBe("quota_exceeded");
    expect((harness.client.stats()[0].coolingDownUntil ?? 0) - Date.now()).toBeGreaterThan(3_500_000);
  });

  it("throws AllKeysCoolingDownError with the soonest return once every key is cooling", async () => {
    harness = await startHarness({ keys: ["key-number-zero", "key-number-one"] });
    harness.server.script(reply.rateLimited({ retryAfterSeconds: 30 }), reply.rateLimited({ retryAfterSeconds: 10 }));
    const before = Date.now();
    const error = await ask(harness).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AllKeysCoolingDownError);
    expect(error).toBeInstanceOf(UpstreamError);
    const cooling = error as AllKeysCoolingDownError;
    expect(cooling.code).toBe("llm_unavailable");
    expect((cooling.retryAt ?? 0) - before).toBeGreaterThanOrEqual(9_900);
    expect((cooling.retryAt ?? 0) - before).toBeLessThan(12_000);
    expect(harness.events.map((event) => event.data)).toEqual([{ from_index: 0, to_index: 1, reason: "rate_limited" }]);

    await expect(ask(harness)).rejects.toBeInstanceOf(AllKeysCoolingDownError);
    expect(harness.server.requests).toHaveLength(2);
  });

  it("waits for the only key when the server says it is back in a second, and answers", async () => {
    harness = await startHarness({ keys: ["sk-only-key-0000000000"] });
    harness.server.script(reply.rateLimited({ retryAfterSeconds: 1 }), reply.json({ answer: 42 }));
    const started = Date.now();
    const result = await ask(harness);
    expect(result).toMatchObject({ value: { answer: 42 }, keyIndex: 0, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("backs off and retries a 429 without Retry-After on the only key", async () => {
    harness = await startHarness({ keys: ["sk-only-key-0000000000"] });
    harness.server.script(reply.rateLimited(), reply.json({ answer: 3 }));
    const started = Date.now();
    const result = await ask(harness);
    expect(result.value).toEqual({ answer: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
  });

  it("stops after LLM_MAX_RETRIES transient failures even with healthy keys left", async () => {
    harness = await startHarness({
      keys: ["k-0-aaaaaa", "k-1-bbbbbb", "k-2-cccccc", "k-3-dddddd"],
      env: { LLM_MAX_RETRIES: "1" },
    });
    harness.server.script(reply.serverError(), reply.serverError(), reply.json({ answer: 1 }));
    const error = await ask(harness).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmRequestError);
    expect((error as LlmRequestError).code).toBe("llm_retries_exhausted");
    expect(harness.server.requests).toHaveLength(2);
  });

  it("does not rotate on a 400, which no other key would fix", async () => {
    harness = await startHarness();
    harness.server.script({ kind: "status", status: 400, body: { error: { message: "model not found" } } });
    const error = await ask(harness).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "llm_request_failed", status: 400 });
    expect(harness.events).toEqual([]);
    expect(harness.server.requests).toHaveLength(1);
  });

  it("spreads concurrent requests over the keys", async () => {
    harness = await startHarness();
    harness.server.respondWith(() => reply.json({ answer: 1 }));
    const results = await Promise.all([ask(harness), ask(harness), ask(harness)]);
    expect(results.map((result) => result.keyIndex).sort()).toEqual([0, 1, 2]);
  });

  it("reports a cancelled request as aborted without blaming the key", async () => {
    harness = await startHarness();
    harness.server.script(reply.hang());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await ask(harness, controller.signal).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "llm_aborted" });
    expect(harness.events).toEqual([]);
    expect(harness.client.stats()[0].coolingDownUntil).toBeNull();
  });

  it("is unavailable without keys and says how to fix it", async () => {
    harness = await startHarness({ keys: [] });
    expect(harness.client.available).toBe(false);
    const error = await ask(harness).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).userMessage).toContain("LLM_API_KEYS");
    expect(harness.server.requests).toHaveLength(0);
  });
});
