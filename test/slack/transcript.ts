// Prints a transcript of one fake-Slack run: upload → Data DNA, mention → progress → answer + chart, follow-up click.
// Run: npx tsx test/slack/transcript.ts > out/slack-transcript.txt
import type { RecordedCall } from "../fakes/slack-server.js";
import { buttons, editsOf, inThread, startSlackHarness } from "./harness.js";

const CHANNEL = "CDEMO";
// Progress edits are spaced 250 ms apart here (1 s in production) so the fast offline answer still shows its steps.
const h = await startSlackHarness({ progressIntervalMs: 250 });
const started = Date.now();
try {
  const upload = await h.upload(CHANNEL, "cars.json");
  await h.fake.waitFor((calls) => inThread(calls, "chat.update", CHANNEL).length > 0);

  const { ts } = await h.mention(CHANNEL, "Average Horsepower by Origin");
  await h.fake.waitFor((calls) => inThread(calls, "files.completeUploadExternal", CHANNEL, ts).length > 0, 60_000);
  const answerTs = h.fake.state.messages.find((m) => m.thread_ts === ts && m.user === "UBOT")!.ts;
  const answer = editsOf(h.fake.calls, CHANNEL, answerTs).at(-1)!;
  const followUp = buttons(answer.fields.blocks).find((b) => b.action_id.startsWith("insightx_ask"))!;
  await h.delivery.click({
    user: "U2",
    channel: CHANNEL,
    messageTs: answerTs,
    threadTs: ts,
    actionId: followUp.action_id,
    value: followUp.value,
  });
  await h.fake.waitFor(
    (calls) =>
      inThread(calls, "files.completeUploadExternal", CHANNEL, ts).length > 1 ||
      calls.filter(
        (c) =>
          c.method === "chat.update" &&
          JSON.stringify(c.fields.blocks).includes("<@U2> asked") &&
          JSON.stringify(c.fields.blocks).includes("insightx_"),
      ).length > 0,
    60_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const out: string[] = [
    "InsightX against the fake Slack Web API: every call the app made, in order, with its fields (blocks as JSON).",
    `Deliveries: file_share message (cars.json, file ${upload.fileId}); app_mention "Average Horsepower by Origin" (ts ${ts}); block_actions click by U2 on "${followUp.text}".`,
    "",
  ];
  for (const call of h.fake.calls) out.push(render(call, started));
  process.stdout.write(`${out.join("\n")}\n`);
} finally {
  await h.close();
}

function render(call: RecordedCall, t0: number): string {
  const at = `+${String(Math.max(0, call.at - t0)).padStart(5)} ms`;
  const { blocks, view, token: _token, ...rest } = call.fields;
  const lines = [`${at}  ${call.method}${call.authorized ? "" : "  (no bot token)"}  ${JSON.stringify(rest)}`];
  if (blocks) lines.push(`          blocks: ${JSON.stringify(blocks, null, 2).replaceAll("\n", "\n          ")}`);
  if (view) lines.push(`          view: ${JSON.stringify(view, null, 2).replaceAll("\n", "\n          ")}`);
  return lines.join("\n");
}
