// The progress-edit allowance: one bucket per workspace for the whole deployment when REDIS_URL is set.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LocalUpdateBudget, RedisUpdateBudgets } from "../../src/slack/jobs/update-budget.js";
import { probeRedis } from "../jobs/redis-probe.js";

describe("a process's edit budget", () => {
  it("spends the workspace's allowance and refills it over time", () => {
    let now = 0;
    const budget = new LocalUpdateBudget({ perMinute: 3, now: () => now });
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
    now += 20_000;
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
  });
});

const probe = await probeRedis();
const required = process.env.INSIGHTX_REQUIRE_SERVERS === "1";

if (probe.state === "reachable") {
  describe("the edit budget shared through Redis", () => {
    it("gives two processes one allowance between them, not one each, and refills it", async () => {
      let now = 1_000_000;
      const prefix = `insightx-test:${randomUUID()}`;
      const options = { redisUrl: probe.url, perMinute: 6, prefix, now: () => now };
      const a = new RedisUpdateBudgets(options);
      const b = new RedisUpdateBudgets(options);
      try {
        const takes: boolean[] = [];
        for (let i = 0; i < 6; i++) {
          takes.push(await a.for("T1").tryTake());
          takes.push(await b.for("T1").tryTake());
        }
        expect(takes.filter(Boolean)).toHaveLength(6);
        // Another workspace has its own bucket.
        expect(await b.for("T2").tryTake()).toBe(true);
        now += 10_000;
        expect(await a.for("T1").tryTake()).toBe(true);
        expect(await b.for("T1").tryTake()).toBe(false);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
} else if (required) {
  describe("the edit budget shared through Redis", () => {
    it("reaches Redis at REDIS_URL (INSIGHTX_REQUIRE_SERVERS=1)", () => {
      throw new Error(probe.state === "unset" ? "REDIS_URL is unset" : `Redis is unreachable: ${probe.error}`);
    });
  });
} else {
  describe.skip(`the edit budget shared through Redis (skipped: REDIS_URL ${probe.state})`, () => {
    it("gives two processes one allowance between them", () => undefined);
  });
}

describe("when Redis fails", () => {
  it("falls back to this process's bucket instead of holding edits", async () => {
    const budgets = new RedisUpdateBudgets({ redisUrl: "redis://127.0.0.1:1", perMinute: 2 });
    try {
      const started = Date.now();
      expect(await budgets.for("T1").tryTake()).toBe(true);
      expect(await budgets.for("T1").tryTake()).toBe(true);
      expect(await budgets.for("T1").tryTake()).toBe(false);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await budgets.close();
    }
  }, 20_000);
});
