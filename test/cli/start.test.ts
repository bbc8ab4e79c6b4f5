import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vegaDatasetsDir } from "../../src/util/index.js";
import { SlackDelivery } from "../fakes/slack-delivery.js";
import { FAKE_BOT, type FakeSlack, startFakeSlack } from "../fakes/slack-server.js";

const SECRET = "start-test-signing-secret";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("insightx start", () => {
  let slack: FakeSlack;
  let child: ChildProcess;
  let dataDir: string;
  let port: number;
  let stderr = "";

  beforeAll(async () => {
    slack = await startFakeSlack();
    dataDir = await mkdtemp(path.join(tmpdir(), "insightx-start-"));
    port = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start"], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        SLACK_BOT_TOKEN: FAKE_BOT.token,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        SLACK_APP_TOKEN: "",
        REDIS_URL: "",
        // Embedded PGlite: a shared server's public schema would mix every branch's migrations.
        DATABASE_URL: "",
        LLM_API_KEYS: "",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk) => {
      stderr += String(chunk);
    });
    for (let i = 0; i < 240 && !stderr.includes("listening on"); i++) await new Promise((r) => setTimeout(r, 250));
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await slack.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves health and readiness next to /slack/events", async () => {
    expect(stderr).toContain("listening on");
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(await metrics.text()).toMatch(/insightx_/);
  });

  it("answers a file upload and a mention end to end through the real process", async () => {
    const delivery = new SlackDelivery(`http://127.0.0.1:${port}/slack/events`, SECRET, slack.url);
    const bytes = await readFile(path.join(vegaDatasetsDir(), "cars.json"));
    const shared = slack.shareFile({
      channel: "C9",
      user: "U1",
      name: "cars.json",
      bytes,
      mimetype: "application/json",
      filetype: "json",
    });
    const upload = await delivery.event({
      type: "message",
      subtype: "file_share",
      user: "U1",
      text: "",
      upload: true,
      files: [shared.file],
      ts: shared.ts,
      channel: "C9",
      channel_type: "channel",
      event_ts: shared.ts,
    });
    expect(upload.status).toBe(200);
    await slack.waitFor((calls) => calls.some((c) => /406 rows/.test(JSON.stringify(c.fields))), 60_000);

    const ts = `${Math.floor(Date.now() / 1000)}.000100`;
    await delivery.event({
      type: "app_mention",
      user: "U1",
      text: `<@${FAKE_BOT.userId}> What is the average horsepower?`,
      ts,
      channel: "C9",
      team: "T1",
      event_ts: ts,
    });
    await slack.waitFor(
      (calls) => calls.some((c) => c.method === "chat.update" && /105\.08/.test(JSON.stringify(c.fields))),
      60_000,
    );
  }, 150_000);

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);
});
