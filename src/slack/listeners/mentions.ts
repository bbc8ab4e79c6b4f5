// @mentions in channels start a question in the mention's thread.
import type { App } from "@slack/bolt";
import { md } from "../../blockkit/index.js";
import { isDirectMessageChannel } from "../../store/index.js";
import { helpReply } from "../blocks/command-replies.js";
import { envelopeSchema, mentionEventSchema, stripMention, unescapeSlack } from "../payloads.js";
import { postMessage } from "../send.js";
import type { ListenerDeps } from "../types.js";

export function register(app: App, deps: ListenerDeps): void {
  app.event("app_mention", async ({ event, body, context, client }) => {
    const mention = mentionEventSchema.parse(event);
    const envelope = envelopeSchema.parse(body);
    // Messages in a DM with the bot are handled as messages (every one of them is for the bot).
    if (isDirectMessageChannel(mention.channel)) return;
    const threadTs = mention.thread_ts ?? mention.ts;
    // The bot is about to answer here: later plain replies in this thread may be for it.
    await deps.threads.add(envelope.team_id, mention.channel, threadTs);
    const text = unescapeSlack(stripMention(mention.text, context.botUserId));
    if (!text) {
      const help = helpReply(
        md`Ask me a question about this channel's data, for example \`@InsightX average price by region\`.`,
      );
      await postMessage(client, { channel: mention.channel, threadTs }, help);
      return;
    }
    await deps.intake.submit(
      `event:${envelope.event_id}`,
      {
        kind: "question",
        teamId: envelope.team_id,
        channelId: mention.channel,
        threadTs,
        userId: mention.user,
        text,
        sourceId: envelope.event_id,
        source: "mention",
      },
      context.retryNum,
    );
  });
}
