// Questions over the Events API and buttons: progress edits, the answer with chart and buttons, retries, isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/index.js";
import { FAKE_BOT } from "../fakes/slack-server.js";
import { blockText, buttons, editsOf, inThread, type SlackHarness, startSlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  await h.upload("CQ", "cars.json");
  await h.fake.waitFor((calls) => inThread(calls, "chat.update", "CQ").length > 0);
});
afterAll(async () => {
  await h?.close();
});

/** Waits for the answer in `threadTs`: an edit of the bot's progress message that carries the tools buttons. */
async function answerIn(channel: string, threadTs: string, after = 0) {
  let found: { ts: string; blocks: unknown; text: string } | null = null;
  await h.fake.waitFor(() => {
    const replies = h.fake.state.messages.filter(
      (m) => m.channel === channel && m.thread_ts === threadTs && m.user === FAKE_BOT.userId,
    );
    for (const reply of replies.slice(after)) {
      const last = editsOf(h.fake.calls, channel, reply.ts).at(-1);
      if (last && /insightx_(show_code|download_csv)|:warning:|no data yet/.test(blockText(last.fields.blocks))) {
        found = { ts: reply.ts, blocks: last.fields.blocks, text: String(last.fields.text) };
        return true;
      }
    }
    return false;
  }, 45_000);
  return found!;
}

describe("Slack questions", () => {
  it("edits one progress message as steps finish, then replaces it with the answer, chart and buttons", async () => {
    const { ts } = await h.mention("CQ", "Average Horsepower by Origin");
    const answer = await answerIn("CQ", ts);
    const posted = inThread(h.fake.calls, "chat.postMessage", "CQ", ts);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.fields.unfurl_links).toBe("false");
    expect(posted[0]!.fields.unfurl_media).toBe("false");
    const edits = editsOf(h.fake.calls, "CQ", answer.ts);
    expect(blockText(posted[0]!.fields.blocks)).toContain("Loading the channel's data profile");
    // Intermediate edits (as many as the pipeline's pace allows) show finished steps; the last is the answer.
    for (const edit of edits.slice(0, -1)) expect(blockText(edit.fields.blocks)).toContain(":white_check_mark:");
    // Coalesced: never two edits of one message closer than the interval (250 ms in tests), give or take timers.
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(200);

    const text = blockText(answer.blocks);
    expect(text).toMatch(/Europe|Japan|USA/);
    expect(text).toContain("`SQL_ONLY`");
    expect(text).toMatch(/3 rows/);
    const tools = buttons(answer.blocks).map((b) => b.action_id);
    expect(tools).toContain(ACTIONS.showCode);
    expect(tools).toContain(ACTIONS.downloadCsv);

    await h.fake.waitFor((calls) => inThread(calls, "files.completeUploadExternal", "CQ", ts).length > 0);
    const complete = inThread(h.fake.calls, "files.completeUploadExternal", "CQ", ts)[0]!;
    const fileId = (complete.fields.files as Array<{ id: string }>)[0]!.id;
    const png = h.fake.uploads.get(fileId)!;
    expect(png.filename).toBe("chart.png");
    expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("answers a follow-up button in the same thread, attributed to whoever clicked", async () => {
    const { ts } = await h.mention("CQ", "Average Horsepower by Origin");
    const first = await answerIn("CQ", ts);
    const followUp = buttons(first.blocks).find((b) => b.action_id.startsWith(ACTIONS.askFollowUp));
    expect(followUp).toBeDefined();
    const click = await h.delivery.click({
      user: "U2",
      channel: "CQ",
      messageTs: first.ts,
      threadTs: ts,
      actionId: followUp!.action_id,
      value: followUp!.value,
    });
    expect(click.status).toBe(200);
    const second = await answerIn("CQ", ts, 1);
    expect(second.ts).not.toBe(first.ts);
    expect(blockText(second.blocks)).toContain("<@U2> asked");
    expect(blockText(second.blocks)).toContain(followUp!.value.slice(0, 20));
  });

  it("answers a retried delivery of the same event exactly once", async () => {
    const { ts, eventId } = await h.mention("CQ", "How many cars are there by Origin?");
    const retry = await h.delivery.event(
      {
        type: "app_mention",
        user: "U1",
        text: `<@${FAKE_BOT.userId}> How many cars are there by Origin?`,
        ts,
        channel: "CQ",
        event_ts: ts,
      },
      { eventId, retryNum: 1 },
    );
    expect(retry.status).toBe(200);
    await answerIn("CQ", ts);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(inThread(h.fake.calls, "chat.postMessage", "CQ", ts)).toHaveLength(1);
  });

  it("explains how to upload when a channel has no data", async () => {
    const { ts } = await h.mention("CEMPTY", "Average price by region");
    await h.fake.waitFor((calls) => inThread(calls, "chat.postMessage", "CEMPTY", ts).length > 0);
    const posted = inThread(h.fake.calls, "chat.postMessage", "CEMPTY", ts);
    expect(posted).toHaveLength(1);
    const text = blockText(posted[0]!.fields.blocks);
    expect(text).toContain("no data yet");
    expect(text).toMatch(/Drag a CSV, Excel, JSON or Parquet file/);
  });

  it("answers a plain reply in a thread the bot is in, and ignores replies in other threads", async () => {
    const { ts } = await h.mention("CQ", "Average Horsepower by Origin");
    await answerIn("CQ", ts);
    const reply = h.fake.state.post({ channel: "CQ", user: "U1", text: "Top 5 cars by Horsepower", thread_ts: ts });
    await h.delivery.event({
      type: "message",
      user: "U1",
      text: reply.text,
      ts: reply.ts,
      thread_ts: ts,
      parent_user_id: "U1",
      channel: "CQ",
      channel_type: "channel",
      event_ts: reply.ts,
    });
    const second = await answerIn("CQ", ts, 1);
    expect(blockText(second.blocks)).toMatch(/Horsepower/);

    const people = h.fake.state.post({ channel: "CQ", user: "U3", text: "lunch?" });
    const chatter = h.fake.state.post({ channel: "CQ", user: "U4", text: "sure", thread_ts: people.ts });
    await h.delivery.event({
      type: "message",
      user: "U4",
      text: "sure",
      ts: chatter.ts,
      thread_ts: people.ts,
      parent_user_id: "U3",
      channel: "CQ",
      channel_type: "channel",
      event_ts: chatter.ts,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(inThread(h.fake.calls, "chat.postMessage", "CQ", people.ts)).toHaveLength(0);
  });

  it("keeps direct messages apart from channel data", async () => {
    const dm = h.fake.state.post({ channel: "D1", user: "U1", text: "Average Horsepower by Origin" });
    await h.delivery.event({
      type: "message",
      user: "U1",
      text: dm.text,
      ts: dm.ts,
      channel: "D1",
      channel_type: "im",
      event_ts: dm.ts,
    });
    await h.fake.waitFor((calls) => inThread(calls, "chat.postMessage", "D1", dm.ts).length > 0);
    const posted = inThread(h.fake.calls, "chat.postMessage", "D1", dm.ts)[0]!;
    expect(blockText(posted.fields.blocks)).toContain("no data yet");
  });

  it("opens the SQL & code modal and uploads the result as CSV into the thread", async () => {
    const { ts } = await h.mention("CQ", "Average Horsepower by Origin");
    const answer = await answerIn("CQ", ts);
    const show = buttons(answer.blocks).find((b) => b.action_id === ACTIONS.showCode)!;
    await h.delivery.click({
      user: "U1",
      channel: "CQ",
      messageTs: answer.ts,
      threadTs: ts,
      actionId: show.action_id,
      value: show.value,
    });
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
    const view = h.fake.callsTo("views.open").at(-1)!.fields.view as { title: { text: string }; blocks: unknown[] };
    // Escaped like every plain_text: Slack shows "SQL & code".
    expect(view.title.text).toBe("SQL &amp; code");
    expect(blockText(view.blocks)).toMatch(/SELECT/i);
    expect(blockText(view.blocks)).toMatch(/Result \(3 rows\)/);

    const csv = buttons(answer.blocks).find((b) => b.action_id === ACTIONS.downloadCsv)!;
    const uploadsBefore = inThread(h.fake.calls, "files.completeUploadExternal", "CQ", ts).length;
    await h.delivery.click({
      user: "U1",
      channel: "CQ",
      messageTs: answer.ts,
      threadTs: ts,
      actionId: csv.action_id,
      value: csv.value,
    });
    await h.fake.waitFor((calls) => inThread(calls, "files.completeUploadExternal", "CQ", ts).length > uploadsBefore);
    const complete = inThread(h.fake.calls, "files.completeUploadExternal", "CQ", ts).at(-1)!;
    const file = h.fake.uploads.get((complete.fields.files as Array<{ id: string }>)[0]!.id)!;
    expect(file.filename).toMatch(/\.csv$/);
    expect(file.bytes.toString("utf8").split("\r\n")[0]).toMatch(/Origin/);
    expect(file.bytes.toString("utf8").trim().split("\r\n")).toHaveLength(4);
  });
});

describe("Slack agent pane", () => {
  it("sets suggested prompts for the conversation (no thread_ts) when the Messages tab opens and answers DMs with a status", async () => {
    await h.delivery.event({ type: "app_home_opened", user: "U1", channel: "D9", tab: "messages", event_ts: "1.1" });
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"));
    const prompts = h.fake.callsTo("assistant.threads.setSuggestedPrompts").at(-1)!;
    expect(prompts.fields.channel_id).toBe("D9");
    // Agent apps must not send thread_ts: Slack silently ignores the call then.
    expect(prompts.fields.thread_ts).toBeUndefined();
    expect((prompts.fields.prompts as unknown[]).length).toBeGreaterThan(0);

    await h.delivery.event({ type: "app_home_opened", user: "U1", channel: "D9", tab: "home", event_ts: "1.2" });
    const dm = h.fake.state.post({ channel: "D9", user: "U1", text: "Average price by region" });
    await h.delivery.event({
      type: "message",
      user: "U1",
      text: dm.text,
      ts: dm.ts,
      channel: "D9",
      channel_type: "im",
      event_ts: dm.ts,
    });
    await h.fake.waitFor((calls) => inThread(calls, "chat.postMessage", "D9", dm.ts).length > 0);
    const reply = inThread(h.fake.calls, "chat.postMessage", "D9", dm.ts).at(-1)!;
    // The DM has no uploads of its own: the channel's cars table is not visible here.
    expect(blockText(reply.fields.blocks)).toContain("no data yet");
    expect(h.fake.callsTo("assistant.threads.setSuggestedPrompts")).toHaveLength(1);
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === "assistant.threads.setStatus" && c.fields.channel_id === "D9"),
    );
  });
});
