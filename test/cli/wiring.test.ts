// One wiring: `insightx start` and `insightx worker` build their job handler from one function, so they run with
// the same settings (the edit budget included); the wiring prunes the answer archive on a schedule and stops
// recurring jobs whose schedule is gone.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerArchiveDir, createRuntime, type Runtime, wireProcess } from "../../src/app/index.js";
import { loadConfig } from "../../src/config/index.js";
import type { JobContext } from "../../src/jobs/index.js";
import { createSlackClient } from "../../src/slack/index.js";
import { createLogger } from "../../src/util/logger.js";
import { FAKE_BOT, type FakeSlack, startFakeSlack } from "../fakes/slack-server.js";
import { MAIN } from "./run-cli.js";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Ready {
  ready: boolean;
  mode: string;
  port: number;
  jobs: Record<string, string | number | boolean>;
}

/** Starts `insightx <command> --json` and resolves with its ready line (the first line on stdout). */
function startCommand(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<Ready> } {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args, "--json"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const ready = new Promise<Ready>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += String(chunk);
      if (stdout.includes("\n")) resolve(JSON.parse(stdout.split("\n")[0]!) as Ready);
    });
    child.once("exit", (code) => reject(new Error(`${args[0]} exited (${code}) before it was ready: ${stderr}`)));
  });
  return { child, ready };
}

describe("start and worker", () => {
  let slack: FakeSlack;
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    await slack.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("build their job handlers with the same settings, the edit budget included", async () => {
    const env = async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "insightx-wiring-"));
      dirs.push(dir);
      return {
        ...process.env,
        DATA_DIR: dir,
        SLACK_BOT_TOKEN: FAKE_BOT.token,
        SLACK_SIGNING_SECRET: "wiring-test-secret",
        SLACK_API_URL: slack.apiUrl,
        SLACK_APP_TOKEN: "",
        REDIS_URL: "",
        DATABASE_URL: "",
        LLM_API_KEYS: "",
        LOG_LEVEL: "warn",
        SANDBOX: "unsafe-process",
        SANDBOX_POOL_SIZE: "1",
      };
    };
    const app = startCommand(["start", "--port", String(await freePort())], await env());
    const worker = startCommand(["worker", "--port", "0"], await env());
    children.push(app.child, worker.child);
    const [appReady, workerReady] = await Promise.all([app.ready, worker.ready]);

    expect(appReady).toMatchObject({ ready: true, mode: "http", jobs: { role: "app" } });
    expect(workerReady).toMatchObject({ ready: true, mode: "worker", jobs: { role: "worker" } });
    const { role: _a, ...appJobs } = appReady.jobs;
    const { role: _w, ...workerJobs } = workerReady.jobs;
    expect(workerJobs).toEqual(appJobs);
    expect(appJobs).toMatchObject({
      budgets: "LocalUpdateBudgets",
      archive: "FileAnswerArchive",
      traceSink: "Object",
      botToken: "set",
      archiveDays: 30,
    });
    expect((await fetch(`http://127.0.0.1:${workerReady.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${appReady.port}/healthz`)).status).toBe(200);

    for (const child of [app.child, worker.child]) {
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  }, 150_000);
});

describe("the process wiring", () => {
  let runtime: Runtime;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "insightx-wiring-unit-"));
    const config = loadConfig({
      DATA_DIR: dir,
      SLACK_BOT_TOKEN: FAKE_BOT.token,
      SANDBOX: "unsafe-process",
      ANSWER_ARCHIVE_DAYS: "2",
      LOG_LEVEL: "silent",
    });
    runtime = await createRuntime({ config, logger: createLogger("silent") });
  });
  afterAll(async () => {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prunes archived answers older than ANSWER_ARCHIVE_DAYS on a schedule, and stops a gone schedule's job", async () => {
    const wiring = await wireProcess(runtime, { role: "worker", pruneEveryMs: 100 });
    const archive = wiring.archive;
    const ref = { teamId: "T1", channelId: "CARCHIVE" };
    const answer = { ...ref, threadTs: "1.0", question: "q", classification: null, sql: null, code: null };
    const old = await archive.save({ ...answer, columns: [], rows: [] });
    const recent = await archive.save({ ...answer, columns: [], rows: [] });
    const folder = path.join(answerArchiveDir(runtime.config), ref.teamId, ref.channelId);
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await utimes(path.join(folder, `${old}.json`), threeDaysAgo, threeDaysAgo);

    const handler = wiring.jobHandler({ client: createSlackClient(runtime.config, runtime.logger) });
    await wiring.run(handler);
    await vi.waitFor(async () => expect(await readdir(folder)).toEqual([`${recent}.json`]), { timeout: 5_000 });
    expect(await archive.load(recent, ref)).not.toBeNull();

    const removed = vi.spyOn(wiring.queue, "removeSchedule");
    const job: JobContext = {
      id: "digest-1",
      attempt: 1,
      data: { kind: "digest", ...ref, scheduleId: "gone" },
      update: async () => undefined,
    };
    await expect(handler(job)).rejects.toMatchObject({ name: "PermanentJobError" });
    expect(removed).toHaveBeenCalledWith("gone");
    for (const step of wiring.shutdownSteps().filter((s) => s.name !== "runtime")) await step.run(false);
  }, 60_000);
});
