// Channel and DM messages: file uploads become ingest jobs; replies in the bot's threads and DMs become questions.
import type { App } from "@slack/bolt";
import { isDirectMessageChannel } from "../../store/index.js";
import { envelopeSchema, type MessageEvent, messageEventSchema, stripMention, unescapeSlack } from "../payloads.js";
import type { ListenerDeps } from "../types.js";

/** Message subtypes that are people talking; edits, joins, bot posts and the like are not questions. */
const HUMAN_SUBTYPES = new Set([undefined, "file_share", "thread_broadcast"]);

export function register(app: App, deps: ListenerDeps): void {
  app.message(async ({ message, body, context }) => {
    const event = messageEventSchema.parse(message);
    if (!HUMAN_SUBTYPES.has(event.subtype) || event.bot_id || !event.user) return;
    const envelope = envelopeSchema.parse(body);
    const base = { teamId: envelope.team_id, channelId: event.channel, userId: event.user };
    const threadTs = event.thread_ts ?? event.ts;

    if (event.files && event.files.length > 0) {
      for (const file of event.files) {
        if (/^(image|video|audio)\//.test(file.mimetype ?? "")) continue;
        // Keyed by file, not event: the message and its file_shared event name the same upload.
        await deps.intake.submit(
          `ingest:${event.channel}:${file.id}`,
          { kind: "ingest", ...base, threadTs, fileId: file.id, sourceId: envelope.event_id },
          context.retryNum,
        );
      }
    }

    const mentionsBot = context.botUserId !== undefined && event.text.includes(`<@${context.botUserId}`);
    const isDm = event.channel_type === "im" || isDirectMessageChannel(event.channel);
    // A mention in a channel arrives as app_mention too; that listener answers it.
    if (mentionsBot && !isDm) return;
    const text = unescapeSlack(stripMention(event.text, context.botUserId));
    if (!text) return;
    if (!isDm && !(await inBotThread(deps, event, context))) return;

    await deps.intake.submit(
      `event:${envelope.event_id}`,
      { kind: "question", ...base, threadTs, text, sourceId: envelope.event_id, source: isDm ? "mention" : "thread" },
      context.retryNum,
    );
  });
}

async function inBotThread(
  deps: ListenerDeps,
  event: MessageEvent,
  context: { botUserId?: string; botId?: string },
): Promise<boolean> {
  if (!event.thread_ts || event.thread_ts === event.ts) return false;
  if (event.parent_user_id && event.parent_user_id === context.botUserId) return true;
  try {
    return await deps.threads.includes(event.channel, event.thread_ts, {
      ...(context.botUserId ? { userId: context.botUserId } : {}),
      ...(context.botId ? { botId: context.botId } : {}),
    });
  } catch (error) {
    deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not read the thread");
    return false;
  }
}
