// Uploads over the Events API: Data DNA replies with question buttons, refusals that change nothing, signatures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/index.js";
import { blockText, buttons, editsOf, inThread, type SlackHarness, startSlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("Slack file uploads", () => {
  it("answers url_verification with the challenge and refuses a bad signature with 401", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "abc123", token: "x" });
    const ok = await h.delivery.post(body, "application/json");
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ challenge: "abc123" });
    const forged = await h.delivery.post(body, "application/json", h.delivery.sign(body, undefined, "wrong-secret"));
    expect(forged.status).toBe(401);
    const stale = await h.delivery.post(
      body,
      "application/json",
      h.delivery.sign(body, Math.floor(Date.now() / 1000) - 600),
    );
    expect(stale.status).toBe(401);
  });

  it("downloads a shared file with the bot token and replies in its thread with the Data DNA and three question buttons", async () => {
    const { ts } = await h.upload("CUPLOAD", "cars.json");
    await h.fake.waitFor((calls) => editsOf(calls, "CUPLOAD", progressTs(ts)).length > 0);
    const downloads = h.fake.callsTo("download");
    expect(downloads.length).toBe(1);
    expect(downloads[0]!.authorized).toBe(true);

    const posted = inThread(h.fake.calls, "chat.postMessage", "CUPLOAD", ts);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.fields.unfurl_links).toBe("false");
    const reply = editsOf(h.fake.calls, "CUPLOAD", progressTs(ts)).at(-1)!;
    const text = blockText(reply.fields.blocks);
    expect(text).toContain("406 rows × 9 columns");
    expect(text).toContain("Horsepower");
    const questions = buttons(reply.fields.blocks);
    expect(questions).toHaveLength(3);
    for (const q of questions) expect(q.action_id.startsWith(ACTIONS.askFollowUp)).toBe(true);
    // Built from real columns of cars.json.
    expect(questions.map((q) => q.value).join(" ")).toMatch(
      /Miles_per_Gallon|Horsepower|Origin|Cylinders|Weight_in_lbs/,
    );
    expect((await h.runtime.engine.datasets({ teamId: "T1", channelId: "CUPLOAD" })).map((d) => d.tableName)).toEqual([
      "cars",
    ]);
    expect(h.fake.callsTo("reactions.add").some((c) => c.fields.timestamp === ts)).toBe(true);
  });

  it("ingests an upload once when both the file_share message and file_shared event arrive", async () => {
    const before = h.fake.callsTo("download").length;
    const { fileId } = await h.upload("CTWICE", "seattle-weather.csv");
    await h.delivery.event({
      type: "file_shared",
      file_id: fileId,
      user_id: "U1",
      file: { id: fileId },
      channel_id: "CTWICE",
      event_ts: "1",
    });
    await h.fake.waitFor((calls) => inThread(calls, "chat.update", "CTWICE").length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.fake.callsTo("download").length - before).toBe(1);
    expect(inThread(h.fake.calls, "chat.postMessage", "CTWICE")).toHaveLength(1);
  });

  it("replies clearly to an unsupported file without downloading it or adding a table", async () => {
    const { ts, fileId } = await h.upload("CPDF", "report.pdf", {
      bytes: Buffer.from("%PDF-1.7\n..."),
      mimetype: "application/pdf",
    });
    await h.fake.waitFor((calls) => inThread(calls, "chat.postMessage", "CPDF", ts).length > 0);
    const reply = inThread(h.fake.calls, "chat.postMessage", "CPDF", ts)[0]!;
    expect(String(reply.fields.text)).toContain("could not load report.pdf");
    expect(blockText(reply.fields.blocks)).toMatch(/\.csv.*\.parquet/);
    expect(h.fake.callsTo("download").filter((c) => c.fields.file === fileId)).toHaveLength(0);
    expect(await h.runtime.engine.datasets({ teamId: "T1", channelId: "CPDF" })).toEqual([]);
  });

  it("edits the progress message with the reason when a data file is broken, and changes nothing", async () => {
    const { ts } = await h.upload("CBROKEN", "broken.json", {
      bytes: Buffer.from('[{"a": 1, "b": '),
      mimetype: "application/json",
    });
    await h.fake.waitFor((calls) => editsOf(calls, "CBROKEN", progressTs(ts)).length > 0);
    const edit = editsOf(h.fake.calls, "CBROKEN", progressTs(ts)).at(-1)!;
    expect(String(edit.fields.text)).toMatch(/could not load broken\.json/);
    expect(blockText(edit.fields.blocks)).toContain("Nothing in this channel's data changed.");
    expect(await h.runtime.engine.datasets({ teamId: "T1", channelId: "CBROKEN" })).toEqual([]);
  });

  it("ignores pictures shared in a channel", async () => {
    await h.upload("CPIC", "screenshot.png", { bytes: Buffer.from("not really a png"), mimetype: "image/png" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inThread(h.fake.calls, "chat.postMessage", "CPIC")).toHaveLength(0);
  });
});

/** The ts of the bot's first reply in the thread of `ts` (the progress message). */
function progressTs(ts: string): string {
  const reply = h.fake.state.messages.find((m) => m.thread_ts === ts && m.user === "UBOT");
  return reply?.ts ?? "none";
}
