// Contract tests for migrations, sessions, datasets and transactions, run against every backend.
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { applyMigrations, createStore, findPackageRoot, loadMigrations } from "../../src/store/index.js";
import type { Backend } from "./backends.js";

const migrationsDir = path.join(findPackageRoot(import.meta.url), "migrations");
const unique = () => Math.random().toString(36).slice(2, 10);

export function coreContract(get: () => Backend): void {
  it("re-running the migrations applies nothing and records each file once", async () => {
    const { store } = get();
    const migrations = await loadMigrations(migrationsDir);
    const again = await applyMigrations(store.db, migrations);
    expect(again).toEqual({ applied: [], skipped: migrations.length });
    const rows = await store.db.query<{ version: number; n: number }>(
      "SELECT version, COUNT(*) AS n FROM schema_migrations GROUP BY version ORDER BY version",
    );
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, n: 1 })));
  });

  it("two stores opening at once apply a new migration exactly once", async () => {
    const backend = get();
    const dir = await mkdtemp(path.join(os.tmpdir(), "insightx-migrations-"));
    try {
      for (const m of await loadMigrations(migrationsDir))
        await copyFile(path.join(migrationsDir, m.name), path.join(dir, m.name));
      // Not idempotent on purpose: a second application would fail on the existing table.
      await writeFile(path.join(dir, "900_race_probe.sql"), "CREATE TABLE race_probe (id integer);\n");
      const opened = await Promise.all(
        [1, 2, 3].map(() => createStore({ config: backend.config, migrationsDir: dir })),
      );
      await Promise.all(opened.map((store) => store.close()));
      const rows = await backend.store.db.query("SELECT version FROM schema_migrations WHERE version = 900");
      expect(rows).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("sends plain objects as JSON and returns jsonb, timestamptz and bigint as JS values", async () => {
    const { store } = get();
    const at = new Date("2024-02-29T23:59:58.123Z");
    const [row] = await store.db.query(
      "SELECT $1::jsonb AS j, $2::timestamptz AS t, $3::bigint * 2 AS n, 1.5::numeric AS x",
      [{ a: [1, { b: null }], s: "ü" }, at, 2 ** 40],
    );
    expect(row).toEqual({ j: { a: [1, { b: null }], s: "ü" }, t: at, n: 2 ** 41, x: 1.5 });
    expect(store.db.kind).toBe(get().name);
  });

  it("ensure returns the same session for the same team and channel", async () => {
    const { store } = get();
    const channel = `C${unique()}`;
    const [a, b] = await Promise.all([
      store.sessions.ensure("T1", channel, "channel"),
      store.sessions.ensure("T1", channel, "dm"),
    ]);
    expect(a.id).toBe(b.id);
    // Both calls race on separate connections: whichever insert lands first decides the kind, for both.
    expect(["channel", "dm"]).toContain(a.kind);
    expect(b.kind).toBe(a.kind);
    expect(a.createdAt).toBeInstanceOf(Date);
    expect(await store.sessions.get(a.id)).toEqual(a);
    expect(await store.sessions.find("T1", channel)).toEqual(a);
    expect(await store.sessions.find("T2", channel)).toBeNull();
    expect((await store.sessions.list()).filter((s) => s.channelId === channel)).toHaveLength(1);
  });

  it("removing a session takes its datasets, conversations, messages, insights and schedules along", async () => {
    const { store } = get();
    const channel = `C${unique()}`;
    const session = await store.sessions.ensure("T1", channel, "channel");
    const kept = await store.sessions.ensure("T1", `${channel}-other`, "channel");
    for (const s of [session, kept]) {
      await store.datasets.record({
        sessionId: s.id,
        tableName: "t",
        sourceFile: "t.csv",
        rowCount: 1,
        columnCount: 1,
        dataDna: {},
      });
      const conversation = await store.conversations.ensure(s.id, "1.0");
      await store.conversations.addMessage({ conversationId: conversation.id, role: "user", text: "q" });
      await store.insights.add({ sessionId: s.id, query: "q", finding: "f" });
      await store.schedules.upsert({ sessionId: s.id, kind: "digest", cadence: "daily 09:00" });
    }
    expect(await store.sessions.remove("T1", channel)).toBe(true);
    expect(await store.sessions.remove("T1", channel)).toBe(false);
    for (const table of ["datasets", "conversations", "insights", "schedules"]) {
      const count = async (id: string) =>
        Number(
          (await store.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE session_id = $1`, [id]))[0]?.n,
        );
      expect(await count(session.id), table).toBe(0);
      expect(await count(kept.id), table).toBe(1);
    }
    const messages = await store.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.session_id = $1",
      [kept.id],
    );
    expect(messages).toEqual([{ n: 1 }]);
  });

  it("records dataset versions, keeping one active and the rest superseded", async () => {
    const { store } = get();
    const session = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    expect(await store.datasets.nextVersion(session.id, "sales")).toBe(1);
    const dna = { rowCount: 3, columns: [{ name: "region", role: "dimension", top: ["N", "S"] }], ok: true };
    const first = await store.datasets.record({
      sessionId: session.id,
      tableName: "sales",
      sourceFile: "sales.csv",
      rowCount: 3,
      columnCount: 1,
      dataDna: dna,
      sourceBytes: 5_000_000_000,
    });
    expect(first).toMatchObject({
      version: 1,
      status: "active",
      rowCount: 3,
      sourceBytes: 5_000_000_000,
      format: null,
    });
    expect(first.dataDna).toEqual(dna);
    expect(first.createdAt).toBeInstanceOf(Date);
    expect(await store.datasets.nextVersion(session.id, "sales")).toBe(2);
    const { version: _v1, ...rest } = first;
    const second = await store.datasets.record({ ...rest, format: "csv", rowCount: 4, dataDna: [1, 2] });
    expect(second).toMatchObject({ version: 2, status: "active", rowCount: 4, format: "csv", dataDna: [1, 2] });
    expect((await store.datasets.get(session.id, "sales"))?.id).toBe(second.id);
    expect((await store.datasets.versions(session.id, "sales")).map((d) => [d.version, d.status])).toEqual([
      [2, "active"],
      [1, "superseded"],
    ]);
    expect(await store.datasets.get(session.id, "other")).toBeNull();
  });

  it("concurrent re-uploads of one table get distinct versions and one active", async () => {
    const { store } = get();
    const session = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    const input = {
      sessionId: session.id,
      tableName: "t",
      sourceFile: "t.csv",
      rowCount: 1,
      columnCount: 1,
      dataDna: {},
    };
    const rows = await Promise.all([1, 2, 3, 4].map(() => store.datasets.record(input)));
    expect(rows.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
    const versions = await store.datasets.versions(session.id, "t");
    expect(versions.filter((v) => v.status === "active").map((v) => v.version)).toEqual([4]);
    await store.datasets.record({ ...input, tableName: "u" });
    expect((await store.datasets.listActive(session.id)).map((d) => `${d.tableName}@${d.version}`)).toEqual([
      "t@4",
      "u@1",
    ]);
    expect(await store.datasets.removeAll(session.id)).toBe(5);
    expect(await store.datasets.listActive(session.id)).toEqual([]);
  });

  it("a failed record leaves the previous version active", async () => {
    const { store } = get();
    const session = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    const input = {
      sessionId: session.id,
      tableName: "t",
      sourceFile: "t.csv",
      rowCount: 1,
      columnCount: 1,
      dataDna: {},
    };
    const first = await store.datasets.record(input);
    // Version 0 breaks the CHECK constraint after the stale-row delete ran: the whole record must roll back.
    await expect(store.datasets.record({ ...input, version: 0 })).rejects.toMatchObject({ code: "store_query_failed" });
    expect(await store.datasets.get(session.id, "t")).toEqual(first);
  });

  it("an explicit version replaces rows left from an earlier life of the channel's file", async () => {
    const { store } = get();
    const session = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    const input = {
      sessionId: session.id,
      tableName: "t",
      sourceFile: "t.csv",
      rowCount: 1,
      columnCount: 1,
      dataDna: {},
    };
    await store.datasets.record({ ...input, version: 1 });
    await store.datasets.record({ ...input, version: 2 });
    const fresh = await store.datasets.record({ ...input, version: 1, rowCount: 7 });
    expect(fresh).toMatchObject({ version: 1, rowCount: 7, status: "active" });
    expect((await store.datasets.versions(session.id, "t")).map((d) => d.version)).toEqual([1]);
  });

  it("a transaction that throws leaves nothing behind, and a failed savepoint only undoes itself", async () => {
    const { store } = get();
    const channel = `C${unique()}`;
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query("INSERT INTO channel_sessions (id, team_id, channel_id, kind) VALUES ($1, 'T1', $2, 'local')", [
          channel,
          channel,
        ]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await store.sessions.find("T1", channel)).toBeNull();

    await store.db.transaction(async (tx) => {
      await tx.query("INSERT INTO channel_sessions (id, team_id, channel_id, kind) VALUES ($1, 'T1', $1, 'local')", [
        channel,
      ]);
      await expect(
        tx.transaction(async (inner) => {
          await inner.query(
            "INSERT INTO channel_sessions (id, team_id, channel_id, kind) VALUES ($1, 'T2', $1, 'local')",
            [`${channel}x`],
          );
          throw new Error("inner");
        }),
      ).rejects.toThrow("inner");
    });
    expect(await store.sessions.find("T1", channel)).not.toBeNull();
    expect(await store.sessions.find("T2", `${channel}x`)).toBeNull();
  });
}
