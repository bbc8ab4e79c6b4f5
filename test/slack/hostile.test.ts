// A dataset written to abuse Slack mrkdwn — mentions, channel links, a disguised link, formatting, entities, emoji,
// 200-character names — driven through upload → Data DNA → question → answer → buttons → code modal → digest
// against the strict fake. Nothing the app sends may carry a live mention or link that came from the data.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDigest } from "../../src/jobs/index.js";
import { ACTIONS, slackDigestPoster } from "../../src/slack/index.js";
import { FAKE_BOT, type RecordedCall } from "../fakes/slack-server.js";
import { buttons, editsOf, inThread, type SlackHarness, startSlackHarness } from "./harness.js";

const CHANNEL = "CHOSTILE";
const LONG = `revenue_${"x".repeat(192)}`;
const csv = [
  `segment,<!here>,<@U0ADMIN>,note,value,${LONG}`,
  `<!channel>,<http://evil.example|Reset your password>,*bold*,A&B,10,1`,
  `<#C0GENERAL>,A&B,📈👨‍👩‍👧 up,<!everyone>,20,2`,
  `<!here>,<@U0ADMIN>,<!subteam^S0ADMINS>,@here please,30,3`,
  `<@U0ADMIN>,&lt;!here&gt;,"<https://evil.example>",x,40,4`,
].join("\n");
const FILE_NAME = "Q3 <!here> & <@U0ADMIN> 📈.csv";

/** The app's own live sequences: people who asked or clicked, and the channel itself. */
const ALLOWED = new Set(["<@U1>", "<@U2>", `<#${CHANNEL}>`]);

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Every string Slack would render from a call: text, blocks, views, comments, prompts, titles. */
function rendered(call: RecordedCall): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === "string") {
      if (["text", "initial_comment", "title", "alt_text", "message", "markdown_text", "status"].includes(key))
        out.push(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
  };
  for (const [key, value] of Object.entries(call.fields)) walk(value, key);
  return out;
}

const SENDS = new Set([
  "chat.postMessage",
  "chat.update",
  "chat.postEphemeral",
  "views.open",
  "files.completeUploadExternal",
  "assistant.threads.setSuggestedPrompts",
  "response_url",
]);

describe("a hostile dataset", () => {
  it("never reaches Slack as a live mention, channel link or link, in any message, notification or modal", async () => {
    const upload = await h.upload(CHANNEL, FILE_NAME, { bytes: Buffer.from(csv), mimetype: "text/csv" });
    await h.fake.waitFor((calls) => inThread(calls, "chat.update", CHANNEL, undefined).length > 0, 30_000);
    const dna = inThread(h.fake.calls, "chat.update", CHANNEL).at(-1)!;
    expect(JSON.stringify(dna.fields.blocks)).toContain("Loaded");

    // Slack escapes what people type: the question arrives as &lt;!here&gt;.
    const questions = [
      "How many rows are there by segment?",
      "How many rows are there by note?",
      "average value by &lt;!here&gt;",
    ];
    for (const question of questions) {
      const { ts } = await h.mention(CHANNEL, question);
      await h.fake.waitFor(() => {
        const reply = h.fake.state.messages.find(
          (m) => m.channel === CHANNEL && m.thread_ts === ts && m.user === FAKE_BOT.userId,
        );
        const last = reply && editsOf(h.fake.calls, CHANNEL, reply.ts).at(-1);
        return Boolean(last && !String(last.fields.text).startsWith("Working on"));
      }, 45_000);
    }
    // Buttons: a follow-up (its label and value are data) and the code modal.
    const answered = h.fake.calls.filter(
      (c) =>
        c.method === "chat.update" &&
        c.fields.channel === CHANNEL &&
        JSON.stringify(c.fields.blocks ?? []).includes("insightx_"),
    );
    // The last answer that ran a query (a question the planner asks back about has no code to show).
    const last = answered.filter((c) => buttons(c.fields.blocks).some((b) => b.action_id === ACTIONS.showCode)).at(-1)!;
    const messageTs = String(last.fields.ts);
    const threadTs = h.fake.state.find(CHANNEL, messageTs)?.thread_ts ?? messageTs;
    const all = buttons(last.fields.blocks);
    const code = all.find((b) => b.action_id === ACTIONS.showCode);
    expect(code).toBeDefined();
    if (code) {
      await h.delivery.click({
        user: "U2",
        channel: CHANNEL,
        messageTs,
        threadTs,
        actionId: code.action_id,
        value: code.value,
      });
      await h.fake.waitFor((calls) => calls.some((c) => c.method === "views.open"));
    }
    const follow = all.find((b) => b.action_id.startsWith(ACTIONS.askFollowUp));
    expect(follow).toBeDefined();
    if (follow) {
      await h.delivery.click({
        user: "U2",
        channel: CHANNEL,
        messageTs,
        threadTs,
        actionId: follow.action_id,
        value: follow.value,
      });
      await h.fake.waitFor(
        (calls) =>
          calls.some(
            (c) =>
              c.method === "chat.postMessage" &&
              String(c.fields.text).includes("Working on") &&
              c.fields.thread_ts === threadTs &&
              c.at > last.at,
          ),
        30_000,
      );
    }
    // The channel's digest, posted by the Slack poster.
    const client = new webApi.WebClient(FAKE_BOT.token, { slackApiUrl: h.fake.apiUrl });
    const digest = await buildDigest(h.runtime, { teamId: "T1", channelId: CHANNEL }, { since: null });
    await slackDigestPoster(client)({ teamId: "T1", channelId: CHANNEL }, digest);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const sent = h.fake.calls.filter((c) => SENDS.has(c.method) && c.outcome === "ok");
    expect(sent.some((c) => String(c.fields.text).startsWith("Channel digest"))).toBe(true);
    expect(sent.some((c) => c.method === "views.open")).toBe(true);
    expect(sent.length).toBeGreaterThan(6);
    const live: string[] = [];
    const rawAmp: string[] = [];
    const parsedWords: string[] = [];
    for (const call of sent) {
      for (const text of rendered(call)) {
        for (const m of text.matchAll(/<[^<>]*>/g)) if (!ALLOWED.has(m[0])) live.push(`${call.method}: ${m[0]}`);
        if (/&(?!amp;|lt;|gt;)/.test(text)) rawAmp.push(`${call.method}: ${text.slice(0, 80)}`);
        if (/@(here|channel|everyone)\b/.test(text)) parsedWords.push(`${call.method}: ${text.slice(0, 80)}`);
      }
    }
    expect(live).toEqual([]);
    expect(rawAmp).toEqual([]);
    expect(parsedWords).toEqual([]);

    // The data is still there for people to read, escaped: the DNA names the columns, the digest the table.
    const everything = sent.flatMap(rendered).join("\n");
    expect(everything).toContain("&lt;!here&gt;");
    expect(everything).toContain("&lt;@U0ADMIN&gt;");
    expect(everything).toContain("A&amp;B");
    expect(everything).toContain("📈");
    // A ``` in SQL cannot close the fence, and `<` stays readable inside it.
    const modal = h.fake.callsTo("views.open").at(-1)!;
    expect(JSON.stringify(modal.fields.view)).toMatch(/```[^`]*SELECT/);
    // Every mrkdwn object is verbatim: Slack never auto-parses names, URLs or @words from it.
    const mrkdwn =
      JSON.stringify(sent.map((c) => c.fields.blocks ?? c.fields.view ?? null)).match(
        /"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"(,"verbatim":(true|false))?/g,
      ) ?? [];
    expect(mrkdwn.length).toBeGreaterThan(5);
    expect(mrkdwn.filter((m) => !m.endsWith('"verbatim":true'))).toEqual([]);
    expect(upload.fileId).toBeTruthy();
  }, 180_000);
});
