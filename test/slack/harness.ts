// Starts the Slack app's HTTP receiver against the fake Slack, with a real runtime (offline planner, sandboxed Python).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createRuntime, type Runtime } from "../../src/app/index.js";
import { loadConfig } from "../../src/config/index.js";
import { InProcessQueue } from "../../src/jobs/index.js";
import { type CommandContext, createSlackApp, type SlackApp } from "../../src/slack/index.js";
import { createLogger } from "../../src/util/logger.js";
import { SlackDelivery } from "../fakes/slack-delivery.js";
import {
  FAKE_BOT,
  type FakeSlack,
  type FakeSlackOptions,
  type RecordedCall,
  startFakeSlack,
} from "../fakes/slack-server.js";

export const SIGNING_SECRET = "test-signing-secret";
const DATASETS = path.resolve("node_modules/vega-datasets/data");

export interface SlackHarness {
  fake: FakeSlack;
  delivery: SlackDelivery;
  slack: SlackApp;
  runtime: Runtime;
  /** Calls to the `commands` seam (digest/schedule/stats). */
  commandCalls: Array<{ name: string; args: string; ctx: CommandContext }>;
  /** Shares a vega-datasets file (or given bytes) in `channel` and delivers the file_share message event. */
  upload(
    channel: string,
    name: string,
    options?: UploadOptions,
  ): Promise<{ ts: string; fileId: string; eventId: string }>;
  /** Delivers the file_shared event of an upload. */
  fileShared(channel: string, fileId: string, user?: string): Promise<void>;
  /** Posts a person's message mentioning the bot and delivers app_mention; returns its ts. */
  mention(
    channel: string,
    text: string,
    options?: { user?: string; threadTs?: string; eventId?: string; retryNum?: number },
  ): Promise<{ ts: string; eventId: string }>;
  close(): Promise<void>;
}

export interface UploadOptions {
  bytes?: Buffer;
  mimetype?: string;
  user?: string;
  text?: string;
  threadTs?: string;
  /** files.info lists no share for this long. */
  sharesDelayMs?: number;
  /** The size files.info reports (a huge file without its bytes). */
  reportedSize?: number;
  /** Only share the file; deliver no message event. */
  noMessageEvent?: boolean;
}

export interface HarnessOptions {
  progressIntervalMs?: number;
  shareWaitsMs?: number[];
  fake?: FakeSlackOptions;
  /** Queue retry backoff. @defaultValue 50 */
  backoffMs?: number;
}

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const fake = await startFakeSlack(options.fake);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "insightx-slack-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SANDBOX: "unsafe-process",
    SANDBOX_POOL_SIZE: "1",
    SLACK_BOT_TOKEN: FAKE_BOT.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const runtime = await createRuntime({ config, logger });
  const queue = new InProcessQueue({ logger, backoffMs: options.backoffMs ?? 50 });
  const commandCalls: SlackHarness["commandCalls"] = [];
  const command = (name: string) => async (args: string, ctx: CommandContext) => {
    commandCalls.push({ name, args, ctx });
    return `${name} ran with "${args}"`;
  };
  const slack = createSlackApp({
    services: runtime,
    queue,
    commands: { digest: command("digest"), schedule: command("schedule"), stats: command("stats") },
    port: 0,
    progressIntervalMs: options.progressIntervalMs ?? 250,
    shareWaitsMs: options.shareWaitsMs ?? [200, 400, 800, 1600],
  });
  await queue.process(slack.jobHandler, { concurrency: 2 });
  const { port } = await slack.start();
  const delivery = new SlackDelivery(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, fake.url);

  return {
    fake,
    delivery,
    slack,
    runtime,
    commandCalls,
    async upload(channel, name, opts = {}) {
      const bytes = opts.bytes ?? (await readFile(path.join(DATASETS, name)));
      const user = opts.user ?? "U1";
      const mimetype = opts.mimetype ?? guessMime(name);
      const shared = fake.shareFile({
        channel,
        user,
        name,
        bytes,
        mimetype,
        filetype: path.extname(name).slice(1),
        ...(opts.text ? { text: opts.text } : {}),
        ...(opts.threadTs ? { threadTs: opts.threadTs } : {}),
        ...(opts.sharesDelayMs ? { sharesDelayMs: opts.sharesDelayMs } : {}),
        ...(opts.reportedSize ? { reportedSize: opts.reportedSize } : {}),
      });
      if (opts.noMessageEvent) return { ts: shared.ts, fileId: shared.raw.id, eventId: "" };
      const botId = fake.state.bots.get(user);
      const sent = delivery.event({
        type: "message",
        subtype: "file_share",
        user,
        ...(botId ? { bot_id: botId } : {}),
        text: opts.text ?? "",
        upload: true,
        files: [shared.file],
        ts: shared.ts,
        ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
        channel,
        channel_type: channel.startsWith("D") ? "im" : "channel",
        event_ts: shared.ts,
      });
      await sent;
      return { ts: shared.ts, fileId: shared.raw.id, eventId: sent.eventId };
    },
    async fileShared(channel, fileId, user = "U1") {
      await delivery.event({
        type: "file_shared",
        file_id: fileId,
        user_id: user,
        file: { id: fileId },
        channel_id: channel,
        event_ts: fake.state.nextTs(),
      });
    },
    async mention(channel, text, opts = {}) {
      const user = opts.user ?? "U1";
      const message = fake.state.post({
        channel,
        user,
        text: `<@${FAKE_BOT.userId}> ${text}`,
        ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
      });
      const event = {
        type: "app_mention",
        user,
        text: message.text,
        ts: message.ts,
        ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
        channel,
        team: "T1",
        event_ts: message.ts,
      };
      const sent = delivery.event(event, {
        ...(opts.eventId ? { eventId: opts.eventId } : {}),
        ...(opts.retryNum !== undefined ? { retryNum: opts.retryNum } : {}),
      });
      await sent;
      return { ts: message.ts, eventId: sent.eventId };
    },
    async close() {
      await slack.stop();
      await queue.close();
      await runtime.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function guessMime(name: string): string {
  const ext = path.extname(name).toLowerCase();
  return (
    { ".json": "application/json", ".csv": "text/csv", ".tsv": "text/tab-separated-values", ".pdf": "application/pdf" }[
      ext
    ] ?? "application/octet-stream"
  );
}

/** Calls Slack accepted in one channel (and thread, when given), by method (a 429'd try is not a message). */
export function inThread(calls: RecordedCall[], method: string, channel: string, threadTs?: string): RecordedCall[] {
  return calls.filter(
    (c) =>
      c.method === method &&
      c.outcome === "ok" &&
      (c.fields.channel ?? c.fields.channel_id) === channel &&
      (threadTs === undefined || c.fields.thread_ts === threadTs),
  );
}

/** Every chat.update of message `ts` that Slack accepted. */
export function editsOf(calls: RecordedCall[], channel: string, ts: string): RecordedCall[] {
  return calls.filter(
    (c) => c.method === "chat.update" && c.outcome === "ok" && c.fields.channel === channel && c.fields.ts === ts,
  );
}

/** The text of all mrkdwn/plain text in `blocks`, for assertions. */
export function blockText(blocks: unknown): string {
  return JSON.stringify(blocks ?? []);
}

/** Buttons (action_id, value, text) in `blocks`. */
export function buttons(blocks: unknown): Array<{ action_id: string; value: string; text: string }> {
  const out: Array<{ action_id: string; value: string; text: string }> = [];
  for (const block of (blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>) ?? []) {
    if (block.type !== "actions") continue;
    for (const element of block.elements ?? []) {
      out.push({
        action_id: String(element.action_id),
        value: String(element.value),
        text: String((element.text as { text: string }).text),
      });
    }
  }
  return out;
}
