// Where the app meets real Slack: the upload race, bots' files, oversized files, replies in the bot's threads,
// permanent platform errors, and rate limits.

import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, ThreadMembership } from "../../src/slack/index.js";
import { FAKE_BOT } from "../fakes/slack-server.js";
import { blockText, editsOf, inThread, type SlackHarness, startSlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({
    // chat.update: 1 a second with a burst of 3, so concurrent answers run into Slack's 429s.
    fake: { rateLimits: { perMinute: { "chat.update": 60 }, burst: { "chat.update": 3 } } },
  });
  await h.upload("CPLAT", "cars.json");
  await h.fake.waitFor((calls) => inThread(calls, "chat.update", "CPLAT").length > 0);
});
afterAll(async () => {
  await h?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const downloadsOf = (fileId: string) => h.fake.callsTo("download").filter((c) => c.fields.file === fileId);
const botPosts = (channel: string, threadTs?: string) => inThread(h.fake.calls, "chat.postMessage", channel, threadTs);

/** The last edit of the bot's `nth` reply in the thread, once it is a final answer (buttons or a warning). */
async function answerIn(channel: string, threadTs: string, nth = 0, timeoutMs = 45_000) {
  let text = "";
  await h.fake.waitFor(() => {
    const reply = h.fake.state.messages.filter(
      (m) => m.channel === channel && m.thread_ts === threadTs && m.user === FAKE_BOT.userId,
    )[nth];
    const last = reply && editsOf(h.fake.calls, channel, reply.ts).at(-1);
    text = last ? blockText(last.fields.blocks) : "";
    return /insightx_(show_code|download_csv)|:warning:/.test(text);
  }, timeoutMs);
  return text;
}

async function reply(channel: string, threadTs: string, text: string, user = "U1") {
  const message = h.fake.state.post({ channel, user, text, thread_ts: threadTs });
  await h.delivery.event({
    type: "message",
    user,
    text,
    ts: message.ts,
    thread_ts: threadTs,
    parent_user_id: "U1",
    channel,
    channel_type: "channel",
    event_ts: message.ts,
  });
  return message.ts;
}

describe("uploads against real Slack's timing", () => {
  it("ingests once and replies once when file_shared comes first and files.info shows no share yet", async () => {
    const { ts, fileId } = await h.upload("CRACE", "seattle-weather.csv", { sharesDelayMs: 900, noMessageEvent: true });
    const infoBefore = h.fake.callsTo("files.info").length;
    await h.fileShared("CRACE", fileId);
    await sleep(300);
    // The upload's own message event comes second, while the first job is still waiting for the share.
    const file = h.fake.state.files.get(fileId)!;
    await h.delivery.event({
      type: "message",
      subtype: "file_share",
      user: "U1",
      text: "",
      upload: true,
      files: [{ id: fileId, name: file.name, mimetype: file.mimetype }],
      ts,
      channel: "CRACE",
      channel_type: "channel",
      event_ts: ts,
    });
    await h.fake.waitFor((calls) => inThread(calls, "chat.update", "CRACE").length > 0);
    await sleep(1500);
    expect(downloadsOf(fileId)).toHaveLength(1);
    expect(botPosts("CRACE", ts)).toHaveLength(1);
    expect((await h.runtime.engine.datasets({ teamId: "T1", channelId: "CRACE" })).map((d) => d.tableName)).toEqual([
      "seattle_weather",
    ]);
    // It read files.info again rather than giving up on the first empty answer.
    expect(h.fake.callsTo("files.info").length - infoBefore).toBeGreaterThanOrEqual(3);
  });

  it("ingests an upload that only ever arrives as file_shared, once its share shows", async () => {
    const { ts, fileId } = await h.upload("CSOLO", "seattle-weather.csv", { sharesDelayMs: 500, noMessageEvent: true });
    await h.fileShared("CSOLO", fileId);
    await h.fake.waitFor(() => inThread(h.fake.calls, "chat.update", "CSOLO", undefined).length > 0, 20_000);
    expect(downloadsOf(fileId)).toHaveLength(1);
    expect(botPosts("CSOLO", ts)).toHaveLength(1);
  });

  it("ignores another app's file on both paths unless its message mentions InsightX", async () => {
    h.fake.state.bots.set("UREPORTER", "BREPORTER");
    const quiet = await h.upload("CBOTS", "seattle-weather.csv", { user: "UREPORTER" });
    await h.fileShared("CBOTS", quiet.fileId, "UREPORTER");
    await sleep(1500);
    expect(downloadsOf(quiet.fileId)).toHaveLength(0);
    expect(botPosts("CBOTS")).toHaveLength(0);

    const asked = await h.upload("CBOTS", "seattle-weather.csv", {
      user: "UREPORTER",
      text: `<@${FAKE_BOT.userId}> here is today's export`,
    });
    await h.fileShared("CBOTS", asked.fileId, "UREPORTER");
    await h.fake.waitFor(() => downloadsOf(asked.fileId).length > 0, 20_000);
    await sleep(800);
    expect(downloadsOf(asked.fileId)).toHaveLength(1);
  });

  it("refuses a file over the upload limit from files.info's size, before any download, naming the limit", async () => {
    const { ts, fileId } = await h.upload("CHUGE", "seattle-weather.csv", { reportedSize: 5 * 1024 ** 3 });
    await h.fake.waitFor(() => botPosts("CHUGE", ts).length > 0);
    const text = blockText(botPosts("CHUGE", ts)[0]!.fields.blocks);
    expect(text).toContain("5.0 GB");
    expect(text).toContain("the upload limit is 1.0 GB");
    expect(downloadsOf(fileId)).toHaveLength(0);
  });
});

describe("replies in the bot's threads", () => {
  it("takes up questions and instructions, not thanks, chatter or replies addressed to someone else", async () => {
    const { ts } = await h.mention("CPLAT", "Average Horsepower by Origin");
    await answerIn("CPLAT", ts);
    const repliesBefore = h.fake.callsTo("conversations.replies").length;

    await reply("CPLAT", ts, "thanks!");
    await reply("CPLAT", ts, "<@U4> can you check this?");
    await reply("CPLAT", ts, "I think the Japan number looks high");
    await sleep(800);
    expect(botPosts("CPLAT", ts)).toHaveLength(1);

    await reply("CPLAT", ts, "now by Cylinders");
    await h.fake.waitFor(() => botPosts("CPLAT", ts).length > 1, 20_000);
    expect(String(botPosts("CPLAT", ts)[1]!.fields.text)).toBe("Working on: now by Cylinders");
    // Membership came from the store, not from Slack.
    expect(h.fake.callsTo("conversations.replies").length - repliesBefore).toBe(0);
    const member = await h.runtime.store.slack.markedMember("T1", "CPLAT", ts);
    expect(member).toBe(true);
  });

  it("stays out of threads it is not in, without asking Slack", async () => {
    const before = h.fake.callsTo("conversations.replies").length;
    const parent = h.fake.state.post({ channel: "CPLAT", user: "U3", text: "standup notes" });
    await reply("CPLAT", parent.ts, "what is the plan for today?", "U4");
    await reply("CPLAT", parent.ts, "what about tomorrow?", "U4");
    await sleep(500);
    expect(botPosts("CPLAT", parent.ts)).toHaveLength(0);
    expect(h.fake.callsTo("conversations.replies").length - before).toBe(0);
  });
});

describe("thread membership", () => {
  it("asks Slack once about a thread older than the record, then answers from the store both ways", async () => {
    const client = new webApi.WebClient(FAKE_BOT.token, { slackApiUrl: h.fake.apiUrl });
    const threads = new ThreadMembership({ store: h.runtime.store.slack, client });
    const old = (ts: string, user: string) =>
      h.fake.state.messages.push({
        channel: "COLD",
        ts,
        user,
        text: "old",
        ...(ts.endsWith("1") ? {} : { thread_ts: "1600000000.000001" }),
      });
    h.fake.state.channel("COLD");
    old("1600000000.000001", "U1");
    old("1600000000.000002", FAKE_BOT.userId);
    old("1600000100.000001", "U3");
    const bot = { userId: FAKE_BOT.userId, botId: FAKE_BOT.botId };
    expect(await threads.includes("T1", "COLD", "1600000000.000001", bot)).toBe(true);
    // conversations.replies allows about one call a minute: the next old thread is "unknown" at once, not held.
    const started = Date.now();
    expect(await threads.includes("T1", "COLD", "1600000100.000001", bot)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await h.runtime.store.slack.markedMember("T1", "COLD", "1600000100.000001")).toBeNull();
    // Another process reads the first answer from the store, without Slack.
    const fresh = new ThreadMembership({ store: h.runtime.store.slack, client });
    expect(await fresh.includes("T1", "COLD", "1600000000.000001", bot)).toBe(true);
    expect(fresh.slackLookups).toBe(0);
    expect(threads.slackLookups).toBe(2);
  });
});

describe("Slack's permanent refusals", () => {
  it("does not retry a reply to a channel the bot was removed from, and tells the asker how to fix it", async () => {
    h.fake.state.channel("CGONE");
    const { ts } = await h.mention("CGONE", "Average Horsepower by Origin");
    h.fake.state.removeBot("CGONE");
    await h.fake.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage" && c.fields.channel === "U1"));
    await sleep(500);
    const attempts = h.fake.calls.filter((c) => c.method === "chat.postMessage" && c.fields.channel === "CGONE");
    expect(attempts.map((c) => c.outcome)).toEqual(["not_in_channel"]);
    const dm = h.fake.calls.filter((c) => c.method === "chat.postMessage" && c.fields.channel === "U1").at(-1)!;
    expect(String(dm.fields.text)).toContain("Invite me with `/invite @InsightX` in <#CGONE>");
    expect(inThread(h.fake.calls, "chat.postMessage", "CGONE", ts)).toHaveLength(0);
  });

  it("tells the asker when the channel is archived", async () => {
    h.fake.state.channel("CARCH");
    await h.mention("CARCH", "Average Horsepower by Origin");
    h.fake.state.archive("CARCH");
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && String(c.fields.text).includes("archived")),
    );
    const attempts = h.fake.calls.filter((c) => c.method === "chat.postMessage" && c.fields.channel === "CARCH");
    expect(attempts.map((c) => c.outcome)).toEqual(["is_archived"]);
  });

  it("puts 'no longer available' ephemerals in the button's thread", async () => {
    const { ts } = await h.mention("CPLAT", "How many cars are there by Origin?");
    await answerIn("CPLAT", ts);
    const before = h.fake.callsTo("chat.postEphemeral").length;
    await h.delivery.click({
      user: "U1",
      channel: "CPLAT",
      messageTs: ts,
      threadTs: ts,
      actionId: ACTIONS.showCode,
      value: "00000000-0000-0000-0000-000000000000",
    });
    await h.fake.waitFor((calls) => calls.filter((c) => c.method === "chat.postEphemeral").length > before);
    const ephemeral = h.fake.callsTo("chat.postEphemeral").at(-1)!;
    expect(ephemeral.fields.thread_ts).toBe(ts);
    expect(String(ephemeral.fields.text)).toContain("no longer available");
  });
});

describe("Slack's rate limits", () => {
  it("waits out 429s (Retry-After) and still delivers every answer's final state", async () => {
    const limitedBefore = h.fake.stats.rateLimited;
    const callsBefore = h.fake.calls.length;
    const threads = await Promise.all(
      ["CRATE1", "CRATE2", "CRATE3"].map(async (channel) => {
        await h.upload(channel, "cars.json");
        return { channel };
      }),
    );
    await h.fake.waitFor((calls) => threads.every((t) => inThread(calls, "chat.update", t.channel).length > 0), 60_000);
    const asked = await Promise.all(threads.map((t) => h.mention(t.channel, "Average Horsepower by Origin")));
    for (const [i, t] of threads.entries()) await answerIn(t.channel, asked[i]!.ts, 0, 90_000);
    expect(h.fake.stats.rateLimited - limitedBefore).toBeGreaterThan(0);
    // Nothing dropped: every call Slack answered with 429 was sent again after Retry-After and went through.
    const same = (c: (typeof h.fake.calls)[number]) =>
      JSON.stringify([c.method, c.fields.channel, c.fields.ts, c.fields.thread_ts, c.fields.text]);
    h.fake.calls.forEach((call, i) => {
      if (i < callsBefore || call.outcome !== "ratelimited") return;
      expect(h.fake.calls.slice(i + 1).some((later) => later.outcome === "ok" && same(later) === same(call))).toBe(
        true,
      );
    });
  }, 120_000);
});
