// One contract for the JobQueue seam, run on the in-process queue and on BullMQ over the real Redis at REDIS_URL.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  BullmqQueue,
  InProcessQueue,
  type JobContext,
  type JobQueue,
  PermanentJobError,
  type QuestionJob,
} from "../../src/jobs/index.js";
import { createLogger } from "../../src/util/logger.js";
import { probeRedis, waitFor } from "./redis-probe.js";

const logger = createLogger("silent");

function question(channelId: string, text: string, extra: Partial<QuestionJob> = {}): QuestionJob {
  return {
    kind: "question",
    teamId: "T1",
    channelId,
    threadTs: "1.0",
    userId: "U1",
    text,
    sourceId: text,
    source: "mention",
    ...extra,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function conformance(open: () => Promise<JobQueue>): void {
  let queue: JobQueue | undefined;
  const start = async () => {
    queue = await open();
    return queue;
  };
  afterEach(async () => {
    if (queue instanceof BullmqQueue) await queue.destroy();
    else await queue?.close();
    queue = undefined;
  });

  it("runs a job once with its data, on the first attempt", async () => {
    const q = await start();
    const seen: JobContext[] = [];
    await q.process(async (job) => void seen.push(job), { concurrency: 2 });
    await q.add(question("C1", "hello"), { jobId: "ev-1" });
    await waitFor(() => seen.length === 1);
    expect(seen[0]!.data).toMatchObject({ kind: "question", text: "hello" });
    expect(seen[0]!.attempt).toBe(1);
  });

  it("treats a second job with the same id as a duplicate and never runs it", async () => {
    const q = await start();
    let runs = 0;
    await q.process(async () => void runs++, { concurrency: 2 });
    expect((await q.add(question("C1", "a"), { jobId: "ev-dup" })).duplicate).toBe(false);
    expect((await q.add(question("C1", "a"), { jobId: "ev-dup" })).duplicate).toBe(true);
    await waitFor(async () => (await q.counts()).completed >= 1);
    await sleep(200);
    expect(runs).toBe(1);
  });

  it("runs one channel's jobs in arrival order, one at a time, while other channels run alongside", async () => {
    const q = await start();
    const order: string[] = [];
    const active = new Map<string, number>();
    let overlapWithinChannel = false;
    let crossChannelOverlap = false;
    await q.process(
      async (job) => {
        const data = job.data as QuestionJob;
        const now = (active.get(data.channelId) ?? 0) + 1;
        active.set(data.channelId, now);
        if (now > 1) overlapWithinChannel = true;
        if ([...active.values()].filter((n) => n > 0).length > 1) crossChannelOverlap = true;
        await sleep(60);
        order.push(data.text);
        active.set(data.channelId, now - 1);
      },
      { concurrency: 4 },
    );
    for (let i = 0; i < 4; i++) {
      await q.add(question("CA", `A${i}`), { jobId: `a-${i}` });
      await q.add(question("CB", `B${i}`), { jobId: `b-${i}` });
    }
    await waitFor(() => order.length === 8, 15_000, "eight jobs");
    expect(order.filter((t) => t.startsWith("A"))).toEqual(["A0", "A1", "A2", "A3"]);
    expect(order.filter((t) => t.startsWith("B"))).toEqual(["B0", "B1", "B2", "B3"]);
    expect(overlapWithinChannel).toBe(false);
    expect(crossChannelOverlap).toBe(true);
  });

  it("retries a failing job with the fields it saved, and keeps later jobs of its channel waiting", async () => {
    const q = await start();
    const log: string[] = [];
    await q.process(
      async (job) => {
        const data = job.data as QuestionJob;
        log.push(`${data.text}#${job.attempt}:${data.progressTs ?? "-"}`);
        if (data.text === "flaky" && job.attempt === 1) {
          await job.update({ progressTs: "111.222" });
          throw new Error("Slack hiccup");
        }
      },
      { concurrency: 2 },
    );
    await q.add(question("C1", "flaky"), { jobId: "f-1" });
    await q.add(question("C1", "after"), { jobId: "f-2" });
    await waitFor(() => log.length === 3, 15_000, "three runs");
    expect(log).toEqual(["flaky#1:-", "flaky#2:111.222", "after#1:-"]);
  });

  it("fails a permanent error at once, without retrying, and moves on to the channel's next job", async () => {
    const q = await start();
    const log: string[] = [];
    await q.process(
      async (job) => {
        const data = job.data as QuestionJob;
        log.push(`${data.text}#${job.attempt}`);
        if (data.text === "bad") throw new PermanentJobError("unknown file");
      },
      { concurrency: 1 },
    );
    await q.add(question("C1", "bad"), { jobId: "p-1" });
    await q.add(question("C1", "good"), { jobId: "p-2" });
    await waitFor(() => log.length === 2, 10_000, "two runs");
    await sleep(300);
    expect(log).toEqual(["bad#1", "good#1"]);
    await waitFor(async () => (await q.counts()).failed === 1, 5_000, "one failed job");
  });

  it("never runs more jobs at once than its concurrency", async () => {
    const q = await start();
    let running = 0;
    let peak = 0;
    let done = 0;
    await q.process(
      async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(50);
        running--;
        done++;
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 6; i++) await q.add(question(`C${i}`, `q${i}`), { jobId: `c-${i}` });
    await waitFor(() => done === 6, 10_000, "six jobs");
    expect(peak).toBe(2);
  });
}

describe("InProcessQueue", () => {
  conformance(async () => new InProcessQueue({ logger, backoffMs: 50 }));
});

const required = process.env.INSIGHTX_REQUIRE_SERVERS === "1";
const probe = await probeRedis();

if (probe.state === "reachable") {
  describe("BullmqQueue on Redis", () => {
    conformance(() =>
      BullmqQueue.open({ url: probe.url, logger, name: `test-${randomUUID()}`, backoffMs: 50, waitMs: 200 }),
    );

    it("replaces a schedule when it is upserted again, and removes it", async () => {
      const q = await BullmqQueue.open({ url: probe.url, logger, name: `test-${randomUUID()}` });
      try {
        const data = { kind: "digest" as const, teamId: "T1", channelId: "C1", scheduleId: "s1" };
        await q.upsertSchedule("s1", { pattern: "0 9 * * *", tz: "Europe/Paris" }, data);
        await q.upsertSchedule("s1", { pattern: "30 8 * * 1", tz: "Europe/Paris" }, data);
        expect(await q.scheduleIds()).toEqual(["s1"]);
        await q.removeSchedule("s1");
        expect(await q.scheduleIds()).toEqual([]);
      } finally {
        await q.destroy();
      }
    });
  });
} else if (required) {
  describe("BullmqQueue on Redis", () => {
    it("reaches Redis at REDIS_URL (INSIGHTX_REQUIRE_SERVERS=1)", () => {
      throw new Error(probe.state === "unset" ? "REDIS_URL is unset" : `Redis is unreachable: ${probe.error}`);
    });
  });
} else {
  describe.skip(`BullmqQueue on Redis (skipped: REDIS_URL ${probe.state})`, () => {
    it("conforms", () => undefined);
  });
}
