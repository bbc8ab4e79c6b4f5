// Keeps each answer's SQL, code and result so its buttons (Show SQL & code, Download CSV) work later, in any process.
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
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
}

export interface FileAnswerArchiveOptions {
  /** Folder for the JSON files; shared storage when app and workers are separate processes. */
  dir: string;
  /** Most result rows kept per answer (the CSV download). @defaultValue 10000 */
  maxRows?: number;
  /** Answers older than this are deleted by `prune`. @defaultValue 30 days */
  maxAgeMs?: number;
}

/** One JSON file per answer under `dir` (DATA_DIR is shared storage, like the channels' DuckDB files). */
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
    await mkdir(this.options.dir, { recursive: true });
    await writeFile(this.file(id), JSON.stringify(record));
    return id;
  }

  async load(id: string, ref: { teamId: string; channelId: string }): Promise<ArchivedAnswer | null> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    const text = await readFile(this.file(id), "utf8").catch(() => null);
    if (text === null) return null;
    const parsed = archivedSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const record = parsed.data;
    return record.teamId === ref.teamId && record.channelId === ref.channelId ? record : null;
  }

  /** Deletes answers older than `maxAgeMs`; returns how many. */
  async prune(now = Date.now()): Promise<number> {
    const maxAge = this.options.maxAgeMs ?? 30 * 86_400_000;
    const names = await readdir(this.options.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.options.dir, name);
      const info = await stat(file).catch(() => null);
      if (info && now - info.mtimeMs > maxAge) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private file(id: string): string {
    return path.join(this.options.dir, `${id}.json`);
  }
}

/** BigInt and Date values as JSON can hold them. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object")
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  return value;
}
