// Rendering and pacing without Slack deliveries: block limits, suggestions from real columns, CSV, coalesced edits.
import path from "node:path";
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { md, message } from "../../src/blockkit/index.js";
import type { DataDna } from "../../src/data/index.js";
import type { Answer } from "../../src/pipeline/index.js";
import { answerMessage } from "../../src/slack/blocks/answer.js";
import { ProgressState } from "../../src/slack/blocks/progress.js";
import { suggestQuestions } from "../../src/slack/blocks/suggestions.js";
import { ProgressMessage } from "../../src/slack/jobs/progress-message.js";
import { toCsv } from "../../src/slack/jobs/uploads.js";
import { stripMention } from "../../src/slack/payloads.js";
import { createLogger } from "../../src/util/logger.js";
import { FAKE_BOT, type FakeSlack, startFakeSlack } from "../fakes/slack-server.js";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});

const answer = (text: string, metrics: Record<string, number | string> = {}): Answer => ({
  final: {
    text,
    metrics,
    chart_spec: null,
    follow_ups: ["Average a by b", "Top 5 by a", "Summary statistics of a"],
    sql: "SELECT 1",
    code: null,
    grounded: true,
  },
  classification: "SQL_ONLY",
  result: { columns: ["a"], rows: [[1]] },
  sqlResult: null,
  pythonResult: null,
  chartPng: null,
  chartType: null,
  llmCalls: 0,
  offline: true,
  elapsedMs: 1234,
  error: null,
});

describe("Slack rendering", () => {
  it("splits long SQL across the modal's blocks instead of cutting it, inside Slack's view limits", async () => {
    const { codeModal } = await import("../../src/slack/blocks/code-modal.js");
    const { validateView } = await import("../fakes/slack-blocks.js");
    const sql = Array.from({ length: 600 }, (_, i) => `SELECT ${i} AS n, 'a < b & c' AS t UNION ALL`).join("\n");
    const view = codeModal({
      id: "x",
      teamId: "T",
      channelId: "C",
      threadTs: "1",
      question: "q",
      classification: "SQL_ONLY",
      sql,
      code: null,
      columns: ["n"],
      rows: [[1]],
      rowCount: 1,
      createdAt: "",
    });
    expect(validateView(view, "modal")).toEqual([]);
    const shown = (view.blocks as Array<{ type: string; text?: { text: string } }>)
      .filter((b) => b.type === "section" && b.text?.text.startsWith("```SELECT"))
      .map((b) => b.text!.text.slice(3, -3))
      .join("\n");
    expect(shown.replaceAll("&lt;", "<").replaceAll("&amp;", "&")).toBe(sql);
  });

  it("keeps a huge answer inside Slack's section, field and message limits", () => {
    const metrics = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`metric_${i}`, "x".repeat(5000)]));
    const message = answerMessage({
      question: "q",
      askedBy: "U2",
      answer: answer("y".repeat(20_000), metrics),
      archiveId: "00000000-0000-0000-0000-000000000000",
    });
    const json = JSON.stringify(message.blocks);
    expect(json.length).toBeLessThan(12_000);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks as Array<{ text?: { text: string }; fields?: Array<{ text: string }> }>) {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      if (block.fields) expect(block.fields.length).toBeLessThanOrEqual(10);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    expect(json).toContain("insightx_show_code");
    expect(json).toContain("`SQL_ONLY` · 1 row · 1.2 s · offline planner");
  });

  it("shows a year metric as a year and other integers with separators", () => {
    const message = answerMessage({
      question: "q",
      askedBy: "U2",
      answer: answer("Peak in 1970.", { year: 1970, n_cars: 12345 }),
      archiveId: "00000000-0000-0000-0000-000000000000",
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("*year*\\n1970");
    expect(json).toContain("*n_cars*\\n12,345");
  });

  it("suggests three distinct questions naming real columns of cars.json", async () => {
    const { DataEngine } = await import("../../src/data/index.js");
    const { loadConfig } = await import("../../src/config/index.js");
    const os = await import("node:os");
    const dir = path.join(os.tmpdir(), `insightx-suggest-${process.pid}`);
    const engine = new DataEngine({ config: loadConfig({ DATA_DIR: dir }) });
    try {
      const [table] = await engine.ingest(
        { teamId: "T", channelId: "C" },
        { path: path.resolve("node_modules/vega-datasets/data/cars.json"), name: "cars.json" },
      );
      const dna = table!.dna as DataDna;
      const questions = suggestQuestions(dna);
      expect(new Set(questions).size).toBe(3);
      const names = dna.columns.map((c) => c.name);
      for (const q of questions) expect(names.some((n) => q.includes(n)) || q.includes("cars")).toBe(true);
    } finally {
      await engine.close();
      await (await import("node:fs/promises")).rm(dir, { recursive: true, force: true });
    }
  });

  it("shows the progress checklist: profile, plan with classification, SQL rows and time, Python, then composing", () => {
    const state = new ProgressState("Average x by y", null);
    state.apply({ type: "status", message: "", data: { stage: "loading", message: "" } });
    state.apply({
      type: "orchestrator_result",
      data: { classification: "SQL_THEN_PY", reasoning: "needs a trend", columns_needed: [] },
    });
    state.apply({
      type: "sql_result",
      data: { query: "SELECT 1", rows: 1234, columns: ["a"], preview: [], elapsed_ms: 42, attempt: 2 },
    });
    state.apply({
      type: "python_result",
      data: { code: "", results: {}, summary: "trend fitted", elapsed_ms: 1500, attempt: 1 },
    });
    state.apply({ type: "status", message: "", data: { stage: "composition", message: "" } });
    const text = JSON.stringify(state.render().blocks);
    expect(text).toContain(":white_check_mark: Data profile loaded");
    expect(text).toContain("Plan: *SQL_THEN_PY* — needs a trend");
    expect(text).toContain("SQL: 1,234 rows in 42 ms (fixed after 2 tries)");
    expect(text).toContain("Python: trend fitted in 1.5 s");
    expect(text).toContain(":hourglass_flowing_sand: Composing the answer…");
    expect(state.status).toBe("composing the answer");
  });

  it("quotes CSV fields holding commas, quotes and line breaks", () => {
    expect(
      toCsv({
        columns: ["name", "note"],
        rows: [
          ["a,b", 'say "hi"'],
          [null, "two\nlines"],
        ],
      }),
    ).toBe('name,note\r\n"a,b","say ""hi"""\r\n,"two\nlines"\r\n');
  });

  it("strips every mention of the bot from a question", () => {
    expect(stripMention("<@UBOT> average <@UBOT|insightx> price", "UBOT")).toBe("average price");
  });

  it("coalesces rapid progress states into few edits, never two within the interval, and always sends the final state", async () => {
    const client = new webApi.WebClient(FAKE_BOT.token, { slackApiUrl: fake.apiUrl });
    const channel = "CPACE";
    fake.state.channel(channel);
    const progress = new ProgressMessage({
      client,
      logger: createLogger("silent"),
      channel,
      threadTs: "1.0",
      minIntervalMs: 300,
    });
    await progress.start(message(md`step 0`));
    for (let i = 1; i <= 40; i++) {
      progress.show(message(md`step ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    progress.show(message(md`step 40`));
    await progress.finish(message(md`final`));
    const edits = fake.calls.filter(
      (c) => c.method === "chat.update" && c.outcome === "ok" && c.fields.channel === channel,
    );
    expect(edits.length).toBeLessThanOrEqual(5);
    expect(edits.at(-1)!.fields.text).toBe("final");
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(280);
    expect(new Set(edits.map((e) => e.fields.text)).size).toBe(edits.length);
  });
});
