// Fault: a worker process is killed (SIGKILL) mid-question; another worker finishes it, answering exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BullmqQueue, type QuestionJob } from "../../src/jobs/index.js";
import { createLogger } from "../../src/util/logger.js";
import { probeRedis, waitFor } from "../jobs/redis-probe.js";
import { startRecorder } from "./recorder.js";

const probe = await probeRedis();
const required = process.env.INSIGHTX_REQUIRE_SERVERS === "1";
const CHILD = path.resolve("test/faults/worker-child.ts");

function startWorker(url: string, name: string, recorder: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, url, name, recorder, "2500"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

describe.skipIf(probe.state !== "reachable" && !required)("a worker killed mid-job", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
  });

  it("is answered exactly once, by another worker, in the progress message the first one posted", async () => {
    if (probe.state !== "reachable") throw new Error(`Redis at REDIS_URL is required: ${probe.state}`);
    const name = `test-${randomUUID()}`;
    const recorder = await startRecorder();
    const producer = await BullmqQueue.open({ url: probe.url, name, logger: createLogger("silent") });
    try {
      const first = await startWorker(probe.url, name, recorder.url);
      children.push(first);
      const job: QuestionJob = {
        kind: "question",
        teamId: "T1",
        channelId: "C1",
        threadTs: "1.0",
        userId: "U1",
        text: "average hp by origin",
        sourceId: "Ev-crash",
        source: "mention",
      };
      await producer.add(job, { jobId: "Ev-crash" });
      await waitFor(() => recorder.working.length === 1, 15_000, "the first worker at work");
      first.kill("SIGKILL");
      const second = await startWorker(probe.url, name, recorder.url);
      children.push(second);
      await waitFor(() => recorder.answers.length >= 1, 30_000, "the answer");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(recorder.progress).toHaveLength(1);
      expect(recorder.answers).toHaveLength(1);
      expect(recorder.answers[0]!.pid).toBe(second.pid);
      expect(recorder.answers[0]!.progressTs).toBe("1000.000100");
    } finally {
      await producer.destroy();
      await recorder.close();
    }
  }, 60_000);
});
