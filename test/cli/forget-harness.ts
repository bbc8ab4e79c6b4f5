// A runtime with two channels that hold everything a channel can hold (tables, history, insights, traces, an
// archived answer, a schedule), and a census of what is left of one channel in DuckDB, the store and the archive.
import { existsSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { answerArchiveDir, createRuntime, type ForgetDeps, type Runtime } from "../../src/app/index.js";
import { runTraced, withTraces } from "../../src/cli/traced-run.js";
import { loadConfig } from "../../src/config/index.js";
import type { ChannelRef } from "../../src/data/index.js";
import { digestCommand } from "../../src/jobs/index.js";
import { createLogger } from "../../src/util/logger.js";
import { vegaDatasetsDir } from "../../src/util/vega-datasets.js";

export const CARS = path.join(vegaDatasetsDir(), "cars.json");

export async function openRuntime(dataDir?: string): Promise<Runtime> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "insightx-forget-")));
  return createRuntime({
    config: loadConfig({ DATA_DIR: dir, SANDBOX: "unsafe-process", LOG_LEVEL: "silent" }),
    logger: createLogger("silent"),
  });
}

/** Fills the channel: a table, a traced question (history, insight, trace), an archived answer, a daily digest. */
export async function fillChannel(runtime: Runtime, ref: ChannelRef): Promise<{ archiveId: string }> {
  await runtime.engine.ingest(ref, { path: CARS, name: "cars.json" });
  await withTraces(runtime, (traces) =>
    runTraced(runtime.pipelineDeps({ renderCharts: false }), traces, {
      ref,
      question: "Average horsepower by origin",
      threadId: "t1",
    }),
  );
  const archiveId = await (await runtime.archive()).save({
    ...ref,
    threadTs: "t1",
    question: "Average horsepower by origin",
    classification: "SQL_ONLY",
    sql: "SELECT 1",
    code: null,
    columns: ["Origin"],
    rows: [["USA"]],
  });
  // What the Slack side records of the channel: a thread the bot answered in and an upload it took.
  await runtime.store.slack.markThreadMember(ref.teamId, ref.channelId, "t1");
  await runtime.store.slack.claimUpload({ ...ref, fileId: "F1", shareTs: "1.0" }, "job-1");
  await digestCommand({ store: runtime.store, queue: await runtime.queue() }, "daily 09:00", { ...ref, userId: "U1" });
  return { archiveId };
}

export interface Census {
  duckdbFiles: string[];
  tables: number;
  session: boolean;
  datasets: number;
  conversations: number;
  messages: number;
  insights: number;
  schedules: number;
  traces: number;
  slackThreads: number;
  slackUploads: number;
  archived: number;
}

/** What is left of the channel everywhere it can live (read without creating anything). */
export async function census(runtime: Runtime, ref: ChannelRef): Promise<Census> {
  const file = runtime.engine.databases.pathFor(ref);
  const duckdbFiles = (await readdir(path.dirname(file)).catch(() => [] as string[])).filter((name) =>
    name.startsWith(path.basename(file)),
  );
  const tables = existsSync(file) ? (await runtime.engine.datasets(ref)).length : 0;
  const db = runtime.store.db;
  const count = async (sql: string, params: unknown[]) =>
    Number((await db.query<{ n: number }>(sql, params))[0]?.n ?? 0);
  const session = await runtime.store.sessions.find(ref.teamId, ref.channelId);
  const bySession = (table: string) =>
    session ? count(`SELECT count(*) AS n FROM ${table} WHERE session_id = $1`, [session.id]) : Promise.resolve(0);
  const channelArchive = path.join(answerArchiveDir(runtime.config), ref.teamId, ref.channelId);
  const archived = (await readdir(channelArchive).catch(() => [] as string[])).length;
  return {
    duckdbFiles,
    tables,
    session: session !== null,
    datasets: await bySession("datasets"),
    conversations: await bySession("conversations"),
    messages: session
      ? await count(
          "SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.session_id = $1",
          [session.id],
        )
      : 0,
    insights: await bySession("insights"),
    schedules: await bySession("schedules"),
    traces: await count("SELECT count(*) AS n FROM traces WHERE team_id = $1 AND channel_id = $2", [
      ref.teamId,
      ref.channelId,
    ]),
    slackThreads: await count("SELECT count(*) AS n FROM slack_threads WHERE team_id = $1 AND channel_id = $2", [
      ref.teamId,
      ref.channelId,
    ]),
    slackUploads: await count("SELECT count(*) AS n FROM slack_uploads WHERE team_id = $1 AND channel_id = $2", [
      ref.teamId,
      ref.channelId,
    ]),
    archived,
  };
}

export const NOTHING: Census = {
  duckdbFiles: [],
  tables: 0,
  session: false,
  datasets: 0,
  conversations: 0,
  messages: 0,
  insights: 0,
  schedules: 0,
  traces: 0,
  slackThreads: 0,
  slackUploads: 0,
  archived: 0,
};

/** The deps `runtime.forget` uses, with a hook before each step (to stop it there). */
export function forgetDeps(runtime: Runtime, beforeStep?: ForgetDeps["beforeStep"]): ForgetDeps {
  return {
    engine: runtime.engine,
    store: runtime.store,
    dataDir: runtime.config.DATA_DIR,
    logger: runtime.logger,
    archive: () => runtime.archive(),
    queue: () => runtime.queue(),
    ...(beforeStep ? { beforeStep } : {}),
  };
}
