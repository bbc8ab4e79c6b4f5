// Keeps each answer's SQL, code and result so its buttons (Show SQL & code, Download CSV) work later, in any process.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const archivedSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  channelId: z.string(),
  threadTs: z.string(),
  question: z.string(),
  classification: z.string().nullable(),
  sql: z.string().nullable(),
  code: z.string().nullable(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  rowCount: z.number().int().nonnegative(),
  createdAt: z.string(),
});

export type ArchivedAnswer = z.infer<typeof archivedSchema>;
export type NewArchivedAnswer = Omit<ArchivedAnswer, "id" | "createdAt" | "rowCount">;

export interface AnswerArchive {
  save(answer: NewArchivedAnswer): Promise<string>;
  /** The answer, only when it belongs to this channel (a button value from elsewhere finds nothing). */
  load(id: string, ref: { teamId: string; channelId: string }): Promise<ArchivedAnswer | null>;
  /** Deletes every answer of the channel (forgetting it); safe to repeat. */
  forget(ref: { teamId: string; channelId: string }): Promise<void>;
}

export interface FileAnswerArchiveOptions {
  /** Folder for the JSON files; shared storage when app and workers are separate processes. */
  dir: string;
  /** Most result rows kept per answer (the CSV download). @defaultValue 10000 */
  maxRows?: number;
  /** Answers older than this are deleted by `prune`. @defaultValue 30 days */
  maxAgeMs?: number;
}

/**
 * One JSON file per answer in a folder per channel, `dir/<team>/<channel>/<id>.json` (DATA_DIR is shared storage,
 * like the channels' DuckDB files), so forgetting a channel removes one folder.
 */
export class FileAnswerArchive implements AnswerArchive {
  constructor(private readonly options: FileAnswerArchiveOptions) {}

  async save(answer: NewArchivedAnswer): Promise<string> {
    const id = randomUUID();
    const rows = answer.rows.slice(0, this.options.maxRows ?? 10_000).map((row) => row.map(jsonSafe));
    const record: ArchivedAnswer = {
      ...answer,
      rows,
      rowCount: answer.rows.length,
      id,
      createdAt: new Date().toISOString(),
    };
    await mkdir(this.channelDir(answer), { recursive: true });
    await writeFile(this.file(id, answer), JSON.stringify(record));
    return id;
  }

  async load(id: string, ref: { teamId: string; channelId: string }): Promise<ArchivedAnswer | null> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    const text =
      (await readFile(this.file(id, ref), "utf8").catch(() => null)) ??
      (await readFile(this.legacyFile(id), "utf8").catch(() => null));
    if (text === null) return null;
    const parsed = archivedSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const record = parsed.data;
    return record.teamId === ref.teamId && record.channelId === ref.channelId ? record : null;
  }

  async forget(ref: { teamId: string; channelId: string }): Promise<void> {
    await rm(this.channelDir(ref), { recursive: true, force: true });
    // Answers saved before the per-channel folders, directly in `dir`.
    for (const name of await jsonFiles(this.options.dir)) {
      const file = path.join(this.options.dir, name);
      const record = await readFile(file, "utf8")
        .then((text) => archivedSchema.pick({ teamId: true, channelId: true }).parse(JSON.parse(text)))
        .catch(() => null);
      if (record?.teamId === ref.teamId && record.channelId === ref.channelId) await rm(file, { force: true });
    }
  }

  /** Deletes answers older than `maxAgeMs` (and folders left empty); returns how many. */
  async prune(now = Date.now()): Promise<number> {
    const maxAge = this.options.maxAgeMs ?? 30 * 86_400_000;
    const removeOld = async (dir: string): Promise<number> => {
      let removed = 0;
      for (const name of await jsonFiles(dir)) {
        const file = path.join(dir, name);
        const info = await stat(file).catch(() => null);
        if (info && now - info.mtimeMs > maxAge) {
          await rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    };
    let removed = await removeOld(this.options.dir);
    for (const team of await subdirs(this.options.dir)) {
      for (const channel of await subdirs(team)) {
        removed += await removeOld(channel);
        await rmdir(channel).catch(() => undefined); // only when empty
      }
      await rmdir(team).catch(() => undefined);
    }
    return removed;
  }

  private channelDir(ref: { teamId: string; channelId: string }): string {
    return path.join(this.options.dir, segment(ref.teamId), segment(ref.channelId));
  }

  private file(id: string, ref: { teamId: string; channelId: string }): string {
    return path.join(this.channelDir(ref), `${id}.json`);
  }

  private legacyFile(id: string): string {
    return path.join(this.options.dir, `${id}.json`);
  }
}

/** A team or channel id as a folder name: Slack's ids as they are, anything else made safe and kept unique. */
function segment(id: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(id)) return id;
  const digest = createHash("sha256").update(id).digest("hex").slice(0, 12);
  return `${id.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40)}~${digest}`;
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => e.name);
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
}

/** BigInt and Date values as JSON can hold them. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object")
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  return value;
}
