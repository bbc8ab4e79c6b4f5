// Forgetting a channel across its two homes: the DuckDB file (tables) and the store (dataset records, history,
// insights, traces, schedules), plus the answer archive and the queue's recurring jobs.
//
// Nothing can commit across a file, a database and Redis at once, so the forget is journaled: the store is read
// first (an unreachable store changes nothing), then a journal file records the intent, then each step runs in an
// order where every prefix is safe, and the journal goes last. A forget stopped anywhere (an error, a crash) leaves
// the journal; the next forget of the channel, or the next start of any InsightX process, runs the same steps again
// (each is idempotent) and completes it. While a journal exists the channel refuses new uploads, so a completed
// forget never deletes data uploaded after it was asked for.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ChannelRef, DataEngine } from "../data/index.js";
import { type Store, storeOver } from "../store/index.js";
import { errorMessage, InsightError, type Logger, UserInputError } from "../util/index.js";

/** The steps in the order they run; `beforeStep` sees each name (tests stop there to play a crash). */
export const FORGET_STEPS = ["tables", "archive", "store", "schedules"] as const;
export type ForgetStep = (typeof FORGET_STEPS)[number];

export interface ForgetDeps {
  engine: Pick<DataEngine, "datasets" | "forget">;
  store: Store;
  dataDir: string;
  logger: Logger;
  /** The answer archive, when this installation has one (null: nothing archived). */
  archive: () => Promise<{ forget(ref: ChannelRef): Promise<void> } | null>;
  /** The queue holding the channel's recurring jobs, when one is reachable from here (null: none). */
  queue: () => Promise<{ removeSchedule(id: string): Promise<void> } | null>;
  /** Called before each step. @defaultValue none */
  beforeStep?: (step: ForgetStep, ref: ChannelRef) => void | Promise<void>;
}

export interface ForgetReport {
  /** The tables (current and previous versions) that were deleted. */
  tables: string[];
  /** Whether an earlier, unfinished forget of this channel was found and completed with this one. */
  resumed: boolean;
}

interface Journal {
  teamId: string;
  channelId: string;
  /** Recurring jobs to remove from the queue (read from the store before its rows go). */
  scheduleIds: string[];
  startedAt: string;
}

/** Deletes everything the channel holds; see the file comment for how a stopped forget is completed. */
export async function forgetChannel(deps: ForgetDeps, ref: ChannelRef): Promise<ForgetReport> {
  const file = journalPath(deps.dataDir, ref);
  const earlier = await readJournal(file);
  // Reads first: when the store or the channel's file cannot be read, nothing has changed yet.
  const tables = (await deps.engine.datasets(ref)).map((entry) => entry.tableName);
  const session = await deps.store.sessions.find(ref.teamId, ref.channelId);
  const schedules = session ? await deps.store.schedules.list(session.id) : [];
  const journal: Journal = {
    teamId: ref.teamId,
    channelId: ref.channelId,
    scheduleIds: [...new Set([...(earlier?.scheduleIds ?? []), ...schedules.map((s) => s.id)])],
    startedAt: earlier?.startedAt ?? new Date().toISOString(),
  };
  await writeJournal(file, journal);
  try {
    await runSteps(deps, ref, journal);
  } catch (error) {
    deps.logger.warn({ channel: `${ref.teamId}:${ref.channelId}`, err: errorMessage(error) }, "forget stopped");
    throw new ForgetIncompleteError(error);
  }
  await rm(file, { force: true });
  return { tables, resumed: earlier !== null };
}

/** Completes every forget that an error or a crash left unfinished; returns the channels completed. */
export async function resumeForgets(deps: ForgetDeps): Promise<ChannelRef[]> {
  const dir = journalDir(deps.dataDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const done: ChannelRef[] = [];
  for (const name of names.filter((n) => n.endsWith(".json"))) {
    const journal = await readJournal(path.join(dir, name));
    if (!journal) continue;
    const ref = { teamId: journal.teamId, channelId: journal.channelId };
    try {
      await forgetChannel(deps, ref);
      done.push(ref);
      deps.logger.info({ channel: `${ref.teamId}:${ref.channelId}` }, "completed an unfinished forget");
    } catch (error) {
      deps.logger.warn(
        { channel: `${ref.teamId}:${ref.channelId}`, err: errorMessage(error) },
        "forget still unfinished",
      );
    }
  }
  return done;
}

/** Whether a forget of the channel was started and has not finished (uploads wait for it). */
export function forgetPending(dataDir: string, ref: ChannelRef): boolean {
  return existsSync(journalPath(dataDir, ref));
}

/** Refuses an upload into a channel whose forget has not finished. */
export function assertNotForgetting(dataDir: string, ref: ChannelRef): void {
  if (!forgetPending(dataDir, ref)) return;
  throw new UserInputError(
    "forget_pending",
    "This channel's data is still being forgotten: an earlier forget stopped.",
    {
      hint: "Run `/insightx forget` (or `insightx forget`) again to finish it, then upload the file.",
    },
  );
}

/** A forget that stopped part-way: what is left is finished by the next forget or the next start. */
export class ForgetIncompleteError extends InsightError {
  constructor(cause: unknown) {
    super("forget_incomplete", `Forgetting this channel stopped before it finished: ${errorMessage(cause)}.`, {
      cause,
      hint: "Run forget again to finish it (InsightX also finishes it at its next start); uploads to the channel wait until then.",
    });
  }
}

async function runSteps(deps: ForgetDeps, ref: ChannelRef, journal: Journal): Promise<void> {
  const step = async (name: ForgetStep, fn: () => Promise<unknown>) => {
    await deps.beforeStep?.(name, ref);
    await fn();
  };
  // The data itself first: once the file is gone no question, digest or button can show it.
  await step("tables", () => deps.engine.forget(ref));
  await step("archive", async () => (await deps.archive())?.forget(ref));
  // One transaction: the session row takes its datasets, conversations, messages, insights and schedules along;
  // the channel's traces and its Slack threads and upload claims go with it.
  await step("store", () =>
    deps.store.db.transaction(async (tx) => {
      const store = storeOver(tx);
      await store.traces.removeChannel(ref.teamId, ref.channelId);
      await store.slack.removeChannel(ref.teamId, ref.channelId);
      await store.sessions.remove(ref.teamId, ref.channelId);
    }),
  );
  await step("schedules", async () => {
    const queue = await deps.queue();
    for (const id of journal.scheduleIds) await queue?.removeSchedule(id);
  });
}

function journalDir(dataDir: string): string {
  return path.join(dataDir, "forgetting");
}

function journalPath(dataDir: string, ref: ChannelRef): string {
  const digest = createHash("sha256").update(`${ref.teamId}\u0000${ref.channelId}`).digest("hex").slice(0, 32);
  return path.join(journalDir(dataDir), `${digest}.json`);
}

async function readJournal(file: string): Promise<Journal | null> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<Journal>;
    if (typeof value.teamId !== "string" || typeof value.channelId !== "string") return null;
    return {
      teamId: value.teamId,
      channelId: value.channelId,
      scheduleIds: Array.isArray(value.scheduleIds) ? value.scheduleIds.filter((id) => typeof id === "string") : [],
      startedAt: typeof value.startedAt === "string" ? value.startedAt : new Date().toISOString(),
    };
  } catch {
    return null;
  }
}

/** Written whole or not at all: a temporary file renamed over the journal. */
async function writeJournal(file: string, journal: Journal): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(journal));
  await rename(temporary, file);
}
