// Digests over a real runtime: what changed, anomalies and movers, the quiet line, and the slash commands that schedule them.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../src/app/index.js";
import { loadConfig } from "../../src/config/index.js";
import { buildDigest, createSlashCommands, InProcessQueue, nextRun, parseCadence } from "../../src/jobs/index.js";
import { createLogger } from "../../src/util/logger.js";

const REF = { teamId: "T1", channelId: "CDIGEST" };
const CTX = { ...REF, userId: "U1" };

/** 30 quiet days of sales in two regions, then a last day when the north sells five times as much. */
function salesCsv(): string {
  const lines = ["day,region,sales"];
  for (let d = 1; d <= 31; d++) {
    const day = `2024-01-${String(d).padStart(2, "0")}`;
    lines.push(`${day},north,${d === 31 ? 500 : 100 + (d % 3)}`, `${day},south,${100 - (d % 2)}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("digests", () => {
  let runtime: Runtime;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "insightx-digest-"));
    runtime = await createRuntime({
      config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" }),
      logger: createLogger("silent"),
    });
    const file = path.join(dir, "sales.csv");
    await writeFile(file, salesCsv());
    await runtime.engine.ingest(REF, { path: file, name: "sales.csv" });
  });
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("reports rows, the latest period against its history, the anomaly and the top mover, with a chart", async () => {
    const digest = await buildDigest(runtime, REF, { since: null });
    const sales = digest.data.datasets[0]!;
    expect(sales.rowCount).toBe(62);
    expect(sales.periods?.latestPeriod).toBe("2024-01-31");
    const measure = sales.periods?.measures.find((m) => m.column === "sales");
    expect(measure?.latest).toBe(599);
    expect(measure?.anomaly).toBe(true);
    expect(sales.periods?.movers?.items[0]).toMatchObject({ value: "north", change: 400 });
    expect(digest.text).toContain("unusual");
    expect(digest.blocks[0]).toMatchObject({ type: "header" });
    expect(digest.chartPng?.subarray(1, 4).toString()).toBe("PNG");
  });

  it("says one quiet line when nothing changed since the last digest", async () => {
    const digest = await buildDigest(runtime, REF, { since: new Date(Date.now() + 1_000) });
    expect(digest.data.quiet).toBe(true);
    expect(digest.blocks).toHaveLength(1);
    expect(digest.text).toMatch(/^Nothing changed since the last digest/);
    expect(digest.chartPng).toBeNull();
  });

  it("schedules, replaces and turns off a channel's digest through the slash commands", async () => {
    const queue = new InProcessQueue({ logger: createLogger("silent") });
    const commands = createSlashCommands({ store: runtime.store, queue });
    expect(await commands.digest("daily 09:00 Europe/Paris", CTX)).toContain("daily 09:00 (Europe/Paris)");
    expect(await commands.digest("weekly mon 08:30", CTX)).toContain("weekly mon 08:30 (UTC)");
    const session = await runtime.store.sessions.find(REF.teamId, REF.channelId);
    const stored = await runtime.store.schedules.list(session!.id);
    expect(stored.map((s) => [s.kind, s.cadence, s.timezone])).toEqual([["digest", "weekly mon 08:30", "UTC"]]);
    expect(await commands.schedule('"total sales by region" daily 07:00', CTX)).toContain("Scheduled");
    expect(await commands.digest("", CTX)).toContain('"total sales by region": daily 07:00');
    expect(await commands.digest("off", CTX)).toBe("Digest turned off for this channel.");
    expect(await commands.digest("hourly", CTX)).toContain("is not a cadence");
    await queue.close();
  });
});

describe("cadences", () => {
  it("runs a daily 09:00 Paris digest at 08:00 UTC in winter and 07:00 UTC in summer", () => {
    const spec = { pattern: "0 9 * * *", tz: "Europe/Paris" };
    expect(nextRun(spec, new Date("2024-01-15T10:00:00Z")).toISOString()).toBe("2024-01-16T08:00:00.000Z");
    expect(nextRun(spec, new Date("2024-07-15T06:00:00Z")).toISOString()).toBe("2024-07-15T07:00:00.000Z");
  });

  it("runs a weekly Monday digest on the next Monday in its time zone", () => {
    const cadence = parseCadence(["weekly", "mon", "09:00", "America/New_York"]);
    const at = nextRun({ pattern: "0 9 * * 1", tz: cadence.tz }, new Date("2024-03-06T12:00:00Z"));
    expect(at.toISOString()).toBe("2024-03-11T13:00:00.000Z");
  });
});
