// Forget forgets: nothing of the channel is left in DuckDB, the store or the archive, other channels keep theirs,
// and a forget stopped at any step (an error, or the process killed) is completed by a retry or the next start.
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FORGET_STEPS, type ForgetStep, forgetChannel, forgetPending, type Runtime } from "../../src/app/index.js";
import { CARS, census, fillChannel, forgetDeps, NOTHING, openRuntime } from "./forget-harness.js";

const A = { teamId: "T1", channelId: "CFORGET" };
const B = { teamId: "T1", channelId: "CKEEP" };

describe("forget", () => {
  const opened: Runtime[] = [];
  const open = async (dataDir?: string) => {
    const runtime = await openRuntime(dataDir);
    opened.push(runtime);
    return runtime;
  };
  afterEach(async () => {
    for (const runtime of opened.splice(0)) {
      await runtime.close().catch(() => undefined);
      await rm(runtime.config.DATA_DIR, { recursive: true, force: true });
    }
  });

  it("leaves nothing of the channel in DuckDB, the store, the archive or the queue, and the other channel whole", async () => {
    const runtime = await open();
    const { archiveId } = await fillChannel(runtime, A);
    const kept = await fillChannel(runtime, B);
    const before = await census(runtime, A);
    expect(before).toMatchObject({ tables: 1, session: true, datasets: 1, conversations: 1, messages: 2 });
    expect(before.insights).toBeGreaterThan(0);
    expect(before.schedules).toBe(1);
    expect(before.traces).toBe(1);
    expect(before.archived).toBe(1);
    expect(before).toMatchObject({ slackThreads: 1, slackUploads: 1 });
    const [schedule] = await runtime.store.schedules.list(
      (await runtime.store.sessions.find(A.teamId, A.channelId))!.id,
    );
    const removed = vi.spyOn(await runtime.queue(), "removeSchedule");
    const otherBefore = await census(runtime, B);

    const report = await runtime.forget(A);

    expect(report).toEqual({ tables: ["cars"], resumed: false });
    expect(await census(runtime, A)).toEqual(NOTHING);
    expect(removed).toHaveBeenCalledWith(schedule!.id);
    expect(await (await runtime.archive()).load(archiveId, A)).toBeNull();
    expect(await census(runtime, B)).toEqual(otherBefore);
    expect(await (await runtime.archive()).load(kept.archiveId, B)).not.toBeNull();
    expect(forgetPending(runtime.config.DATA_DIR, A)).toBe(false);
  }, 60_000);

  it("forgets a channel that has nothing, and a second time, without complaint", async () => {
    const runtime = await open();
    expect(await runtime.forget(A)).toEqual({ tables: [], resumed: false });
    await fillChannel(runtime, A);
    await runtime.forget(A);
    expect(await runtime.forget(A)).toEqual({ tables: [], resumed: false });
    expect(await census(runtime, A)).toEqual(NOTHING);
  }, 60_000);

  it("changes nothing when the store cannot be read before it starts", async () => {
    const runtime = await open();
    await fillChannel(runtime, A);
    const before = await census(runtime, A);
    const failing = {
      ...runtime.store,
      sessions: { ...runtime.store.sessions, find: () => Promise.reject(new Error("store down")) },
    };
    await expect(forgetChannel({ ...forgetDeps(runtime), store: failing }, A)).rejects.toThrow("store down");
    expect(await census(runtime, A)).toEqual(before);
    expect(forgetPending(runtime.config.DATA_DIR, A)).toBe(false);
  }, 60_000);

  for (const step of FORGET_STEPS) {
    it(`stopped before "${step}", refuses uploads until a retry completes it`, async () => {
      const runtime = await open();
      await fillChannel(runtime, A);
      await fillChannel(runtime, B);
      const otherBefore = await census(runtime, B);
      const stop = (at: ForgetStep) => {
        if (at === step) throw new Error(`stopped before ${at}`);
      };
      await expect(forgetChannel(forgetDeps(runtime, stop), A)).rejects.toMatchObject({ code: "forget_incomplete" });
      expect(forgetPending(runtime.config.DATA_DIR, A)).toBe(true);
      await expect(runtime.engine.ingest(A, { path: CARS, name: "cars.json" })).rejects.toMatchObject({
        code: "forget_pending",
      });

      const report = await runtime.forget(A);
      expect(report.resumed).toBe(true);
      expect(await census(runtime, A)).toEqual(NOTHING);
      expect(await census(runtime, B)).toEqual(otherBefore);
      // Finished: the channel takes uploads again.
      await runtime.engine.ingest(A, { path: CARS, name: "cars.json" });
      expect((await census(runtime, A)).tables).toBe(1);
    }, 90_000);
  }

  it("is completed at the next start when the process was killed in the middle of it", async () => {
    const runtime = await open();
    await fillChannel(runtime, A);
    await fillChannel(runtime, B);
    const otherBefore = await census(runtime, B);
    const dataDir = runtime.config.DATA_DIR;
    await runtime.close();
    opened.splice(opened.indexOf(runtime), 1);

    // A child process runs the forget and is SIGKILLed just before the store's transaction.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("test/cli/forget-child.ts"), dataDir, A.teamId, A.channelId, "store"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, sig) => resolve(sig)),
    );
    expect(signal, stderr).toBe("SIGKILL");

    const restarted = await open(dataDir);
    expect(forgetPending(dataDir, A)).toBe(false);
    expect(await census(restarted, A)).toEqual(NOTHING);
    expect(await census(restarted, B)).toEqual(otherBefore);
  }, 120_000);
});
