// The fields of Slack deliveries that InsightX relies on, validated with zod where they enter.
import { z } from "zod";

export const mentionEventSchema = z.object({
  user: z.string(),
  text: z.string().default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel: z.string(),
});

const eventFileSchema = z
  .object({ id: z.string(), name: z.string().optional(), mimetype: z.string().optional() })
  .passthrough();

export const messageEventSchema = z.object({
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
  channel: z.string(),
  channel_type: z.string().optional(),
  files: z.array(eventFileSchema).optional(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

export const fileSharedEventSchema = z.object({
  file_id: z.string(),
  user_id: z.string().optional(),
  channel_id: z.string(),
});

export const envelopeSchema = z.object({
  event_id: z.string(),
  team_id: z.string(),
});

export const blockActionSchema = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable().optional(),
  channel: z.object({ id: z.string() }).optional(),
  container: z
    .object({ channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional() })
    .passthrough()
    .optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).passthrough().optional(),
  trigger_id: z.string().optional(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() }))
    .min(1),
});
export type BlockAction = z.infer<typeof blockActionSchema>;

/** Where a clicked button lives: its channel and the thread its message belongs to. */
export function actionTarget(body: BlockAction, teamFallback: string) {
  const channel = body.channel?.id ?? body.container?.channel_id ?? "";
  const messageTs = body.message?.ts ?? body.container?.message_ts ?? "";
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts ?? messageTs;
  return { teamId: body.team?.id ?? teamFallback, channel, messageTs, threadTs };
}

/** "<@UBOT> what is…" → "what is…" (every mention of the bot removed, whitespace tidied). */
export function stripMention(text: string, botUserId: string | undefined): string {
  const pattern = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g") : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(pattern, " ").replace(/\s+/g, " ").trim();
}

/** Slack escapes &, < and > in message text; questions want them back. */
export function unescapeSlack(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}
