// Channel and DM messages: file uploads become ingest jobs; DMs, and replies meant for the bot in its threads,
// become questions.
import type { App } from "@slack/bolt";
import { isDirectMessageChannel } from "../../store/index.js";
import { envelopeSchema, type MessageEvent, messageEventSchema, stripMention, unescapeSlack } from "../payloads.js";
import { replyIntent } from "../reply-intent.js";
import type { ListenerDeps } from "../types.js";

/** Message subtypes that are people (or apps) talking; edits, joins and the like are not. */
const TALK_SUBTYPES = new Set([undefined, "file_share", "thread_broadcast", "bot_message"]);

export function register(app: App, deps: ListenerDeps): void {
  app.message(async ({ message, body, context }) => {
    const event = messageEventSchema.parse(message);
    if (!TALK_SUBTYPES.has(event.subtype)) return;
    const self =
      (context.botUserId !== undefined && event.user === context.botUserId) ||
      (context.botId !== undefined && event.bot_id === context.botId);
    if (self) return;
    const envelope = envelopeSchema.parse(body);
    const fromBot = event.bot_id !== undefined || event.subtype === "bot_message";
    const mentionsBot = context.botUserId !== undefined && event.text.includes(`<@${context.botUserId}`);
    const user = event.user ?? "";
    const base = { teamId: envelope.team_id, channelId: event.channel, userId: user };
    const threadTs = event.thread_ts ?? event.ts;

    for (const file of event.files ?? []) {
      if (/^(image|video|audio)\//.test(file.mimetype ?? "")) continue;
      // Keyed by the sharing message and file: its file_shared event is another job, and the upload's claim in the
      // store lets only one of them ingest.
      await deps.intake.submit(
        `ingest:${event.channel}:${file.id}:${event.ts}`,
        {
          kind: "ingest",
          ...base,
          threadTs,
          fileId: file.id,
          sourceId: envelope.event_id,
          shareTs: event.ts,
          fromBot,
          mentionsBot,
        },
        context.retryNum,
      );
    }

    // Apps talk to InsightX only through uploads that mention it; their words are never questions.
    if (fromBot || !user) return;
    const isDm = event.channel_type === "im" || isDirectMessageChannel(event.channel);
    // A mention in a channel arrives as app_mention too; that listener answers it.
    if (mentionsBot && !isDm) return;
    const text = unescapeSlack(stripMention(event.text, context.botUserId));
    if (!text) return;
    if (!isDm && !(await meantForBot(deps, envelope.team_id, event, context))) return;

    await deps.intake.submit(
      `event:${envelope.event_id}`,
      { kind: "question", ...base, threadTs, text, sourceId: envelope.event_id, source: isDm ? "assistant" : "thread" },
      context.retryNum,
    );
  });
}

/** A reply in a thread the bot is in, that reads as a question or instruction and is not addressed to someone else. */
async function meantForBot(
  deps: ListenerDeps,
  teamId: string,
  event: MessageEvent,
  context: { botUserId?: string; botId?: string },
): Promise<boolean> {
  if (!event.thread_ts || event.thread_ts === event.ts) return false;
  if (replyIntent(event.text, context.botUserId) !== "question") return false;
  if (event.parent_user_id && event.parent_user_id === context.botUserId) return true;
  try {
    return await deps.threads.includes(teamId, event.channel, event.thread_ts, {
      userId: context.botUserId,
      botId: context.botId,
    });
  } catch (error) {
    deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "thread membership unknown");
    return false;
  }
}
