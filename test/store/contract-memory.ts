// Contract tests for conversations, insights, schedules and LLM key counters, run against every backend.
import { expect, it } from "vitest";
import type { Backend } from "./backends.js";

const unique = () => Math.random().toString(36).slice(2, 10);

export function memoryContract(get: () => Backend): void {
  it("keeps one conversation per thread and returns its latest messages oldest first", async () => {
    const { store } = get();
    const session = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    const conversation = await store.conversations.ensure(session.id, "1700000000.000100");
    expect(await store.conversations.ensure(session.id, "1700000000.000100")).toEqual(conversation);
    expect(await store.conversations.get(conversation.id)).toEqual(conversation);
    const other = await store.conversations.ensure(session.id, "1700000000.000200");
    expect(other.id).not.toBe(conversation.id);

    for (let i = 1; i <= 5; i += 1) {
      await store.conversations.addMessage({
        conversationId: conversation.id,
        role: i % 2 === 1 ? "user" : "assistant",
        text: `m${i}`,
        ...(i === 4 ? { payload: { sql: "SELECT 1", metrics: [{ label: "n", value: 4 }] } } : {}),
      });
    }
    await store.conversations.addMessage({ conversationId: other.id, role: "user", text: "elsewhere" });
    const history = await store.conversations.history(conversation.id, 3);
    expect(history.map((m) => [m.text, m.role])).toEqual([
      ["m3", "user"],
      ["m4", "assistant"],
      ["m5", "user"],
    ]);
    expect(history[1]?.payload).toEqual({ sql: "SELECT 1", metrics: [{ label: "n", value: 4 }] });
    expect(history[0]?.payload).toBeNull();
    expect(history[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("keeps an answered turn's plan (turn state) as JSON beside its text, and none for other messages", async () => {
    const { store } = get();
    const session = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    const conversation = await store.conversations.ensure(session.id, "1700000000.000300");
    const plan = { by: "rules", version: 1, state: { table: "cars", intent: { kind: "aggregate", filters: [] } } };
    await store.conversations.addMessage({ conversationId: conversation.id, role: "user", text: "q" });
    await store.conversations.addMessage({ conversationId: conversation.id, role: "assistant", text: "a", plan });
    const [question, answer] = await store.conversations.history(conversation.id, 2);
    expect(question?.plan).toBeNull();
    expect(answer?.plan).toEqual(plan);
  });

  it("returns a channel's insights newest first and forgets them on request", async () => {
    const { store } = get();
    const session = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    const elsewhere = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    for (let i = 1; i <= 4; i += 1) {
      await store.insights.add({ sessionId: session.id, query: `q${i}`, finding: `f${i}`, confidence: i / 10 });
    }
    await store.insights.add({ sessionId: elsewhere.id, query: "other", finding: "other" });
    const recent = await store.insights.recent(session.id, 2);
    expect(recent.map((r) => [r.finding, r.confidence])).toEqual([
      ["f4", 0.4],
      ["f3", 0.3],
    ]);
    expect(await store.insights.removeAll(session.id)).toBe(4);
    expect(await store.insights.recent(session.id, 10)).toEqual([]);
    expect(await store.insights.recent(elsewhere.id, 10)).toHaveLength(1);
  });

  it("upserting a schedule with the same key replaces its cadence and keeps its id", async () => {
    const { store } = get();
    const session = await store.sessions.ensure("T1", `C${unique()}`, "channel");
    const digest = await store.schedules.upsert({ sessionId: session.id, kind: "digest", cadence: "daily 09:00" });
    expect(digest).toMatchObject({ kind: "digest", cadence: "daily 09:00", timezone: "UTC", question: null });
    const replaced = await store.schedules.upsert({
      sessionId: session.id,
      kind: "digest",
      cadence: "weekly mon 09:00",
      timezone: "Europe/Paris",
      createdBy: "U1",
    });
    expect(replaced).toMatchObject({
      id: digest.id,
      cadence: "weekly mon 09:00",
      timezone: "Europe/Paris",
      createdBy: "U1",
    });
    const saved = await store.schedules.upsert({
      sessionId: session.id,
      kind: "question",
      cadence: "daily 08:00",
      question: "revenue by region",
    });
    expect((await store.schedules.list(session.id)).map((s) => [s.kind, s.cadence, s.question])).toEqual([
      ["digest", "weekly mon 09:00", null],
      ["question", "daily 08:00", "revenue by region"],
    ]);
    const ranAt = new Date("2025-01-02T03:04:05.000Z");
    await store.schedules.markRun(saved.id, ranAt);
    expect((await store.schedules.get(saved.id))?.lastRunAt).toEqual(ranAt);
    expect((await store.schedules.listAll()).filter((s) => s.sessionId === session.id)).toHaveLength(2);
    expect((await store.schedules.remove(session.id, "digest"))?.id).toBe(digest.id);
    expect(await store.schedules.remove(session.id, "digest")).toBeNull();
    expect((await store.schedules.list(session.id)).map((s) => s.id)).toEqual([saved.id]);
  });

  it("adds key counters atomically under concurrent updates and keeps the last reason", async () => {
    const { store } = get();
    const index = 1000 + Math.floor(Math.random() * 100_000);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.keyStats.record(index, { calls: 1, promptTokens: 100, completionTokens: 10 + i }),
      ),
    );
    await store.keyStats.record(index, { failures: 1, reason: "429" });
    const after = await store.keyStats.record(index, { calls: 1 });
    expect(after).toMatchObject({
      keyIndex: index,
      calls: 11,
      failures: 1,
      promptTokens: 1000,
      completionTokens: 145,
      lastReason: "429",
    });
    expect(after.updatedAt).toBeInstanceOf(Date);
    expect((await store.keyStats.list()).find((k) => k.keyIndex === index)).toEqual(after);
  });
}
