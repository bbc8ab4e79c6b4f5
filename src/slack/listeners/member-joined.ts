// When someone adds InsightX to a channel (`member_joined_channel` for the bot itself), it says what it can do there.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { md, message, section, userMention } from "../../blockkit/index.js";
import { errorMessage } from "../../util/index.js";
import { postMessage } from "../send.js";
import type { ListenerDeps } from "../types.js";

const joinedSchema = z.object({ user: z.string(), channel: z.string(), inviter: z.string().optional() });

export function register(app: App, deps: ListenerDeps): void {
  app.event("member_joined_channel", async ({ event, context, client }) => {
    const joined = joinedSchema.parse(event);
    if (joined.user !== context.botUserId) return;
    const thanks = joined.inviter ? md`Thanks for adding me, ${userMention(joined.inviter)}! ` : md``;
    const text = md`${thanks}Upload a CSV, Excel, JSON or Parquet file here and I'll profile it, then mention me with a question about it. This channel's data stays in this channel.`;
    await postMessage(client, { channel: joined.channel, threadTs: "" }, message(text, [section(text)])).catch(
      (error) => deps.logger.warn({ err: errorMessage(error) }, "could not introduce myself in the channel"),
    );
  });
}
