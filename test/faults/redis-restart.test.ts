// Fault: Redis (append-only, started by this test) restarts mid-run; no question is lost.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BullmqQueue, type QuestionJob } from "../../src/jobs/index.js";
import { createLogger } from "../../src/util/logger.js";
import { waitFor } from "../jobs/redis-probe.js";
import { type OwnRedis, startRedis } from "./servers.js";

const question = (i: number): QuestionJob => ({
  kind: "question",
  teamId: "T1",
  channelId: `C${i % 3}`,
  threadTs: "1.0",
  userId: "U1",
  text: `q${i}`,
  sourceId: `Ev-${i}`,
  source: "mention",
});

describe("Redis restarted mid-run", () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("loses no question: those queued before, during and after the restart are all answered", async () => {
    const logger = createLogger("silent");
    const options = {
      url: redis.url,
      name: `test-${randomUUID()}`,
      logger,
      waitMs: 200,
      lockDurationMs: 3_000,
      stalledIntervalMs: 1_000,
    };
    const producer = await BullmqQueue.open(options);
    const consumer = await BullmqQueue.open(options);
    const answered = new Map<string, number>();
    await consumer.process(
      async (job) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answered.set(job.id, (answered.get(job.id) ?? 0) + 1);
      },
      { concurrency: 3 },
    );
    for (let i = 0; i < 12; i++) await producer.add(question(i), { jobId: `Ev-${i}` });
    await waitFor(() => answered.size >= 3, 10_000, "the first answers");
    const restarting = redis.restart(500);
    // Added while Redis is down: the client holds the command until it reconnects.
    const during = Promise.all([12, 13, 14].map((i) => producer.add(question(i), { jobId: `Ev-${i}` })));
    await restarting;
    await during;
    for (let i = 15; i < 20; i++) await producer.add(question(i), { jobId: `Ev-${i}` });
    await waitFor(() => answered.size === 20, 45_000, "all twenty answers");
    const twice = [...answered.values()].filter((n) => n > 1).length;
    console.log(`redis restart: 20/20 answered, ${twice} answered more than once`);
    expect([...answered.keys()].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Ev-${i}`).sort());
    await consumer.close();
    await producer.destroy();
  }, 60_000);
});
