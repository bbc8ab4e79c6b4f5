// Every message InsightX sends goes out here: escaped SlackMessages only, no unfurls, no mention parsing.
import type { webApi } from "@slack/bolt";
import { channelMention, md, message, type SlackMessage, section } from "../blockkit/index.js";
import { errorMessage, type Logger } from "../util/index.js";
import { type SlackFailure, slackFailure } from "./platform-errors.js";

/** Fields every post and edit carries: links from data never unfurl, words like @here are never parsed. */
const SAFE_SEND = { unfurl_links: false, unfurl_media: false, parse: "none", link_names: false } as const;

export interface ThreadTarget {
  channel: string;
  /** The thread to reply in; empty posts at the top of the channel. */
  threadTs: string;
}

export async function postMessage(client: webApi.WebClient, target: ThreadTarget, msg: SlackMessage): Promise<string> {
  const result = await client.chat.postMessage({
    channel: target.channel,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    text: msg.text,
    ...(msg.blocks.length > 0 ? { blocks: msg.blocks } : {}),
    ...SAFE_SEND,
  });
  return result.ts ?? "";
}

export async function updateMessage(client: webApi.WebClient, channel: string, ts: string, msg: SlackMessage) {
  await client.chat.update({ channel, ts, text: msg.text, blocks: msg.blocks, parse: "none", link_names: false });
}

/** An ephemeral in the thread it is about (without thread_ts Slack shows it at the bottom of the channel). */
export async function postEphemeral(
  client: webApi.WebClient,
  target: ThreadTarget & { user: string },
  msg: SlackMessage,
): Promise<void> {
  await client.chat.postEphemeral({
    channel: target.channel,
    user: target.user,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    text: msg.text,
    blocks: msg.blocks,
    parse: "none",
    link_names: false,
  });
}

/** What to tell the person whose question or upload could not be answered because of `failure`. */
export function failureNotice(failure: SlackFailure, channel: string): SlackMessage {
  const where = channelMention(channel);
  let text = md`I could not reply in ${where}: Slack refused my message (\`${failure.code}\`). This is a problem on my side; whoever runs InsightX can find it in the logs.`;
  if (failure.code === "is_archived")
    text = md`I could not reply in ${where}: the channel is archived. Unarchive it, or ask me somewhere else.`;
  else if (failure.kind === "membership")
    text = md`I could not reply in ${where}: I'm not a member of it. Invite me with \`/invite @InsightX\` in ${where} (or add me from the channel's settings → Integrations), then ask again.`;
  else if (failure.kind === "install")
    text = md`I could not reply in ${where}: my Slack install is missing something (\`${failure.code}\`). Ask whoever manages InsightX to reinstall it from the app's settings.`;
  return message(text, [section(text)]);
}

/**
 * Tells the asker why nothing came: an ephemeral in the thread when the bot can still write there, else a direct
 * message (an ephemeral cannot reach a channel the bot is not in). Never throws.
 */
export async function tellAsker(
  client: webApi.WebClient,
  logger: Logger,
  target: ThreadTarget & { user: string },
  failure: SlackFailure,
): Promise<void> {
  if (!target.user) return;
  const notice = failureNotice(failure, target.channel);
  try {
    if (failure.kind !== "membership") {
      await postEphemeral(client, target, notice);
      return;
    }
  } catch (error) {
    logger.debug({ err: errorMessage(error) }, "ephemeral notice failed; sending a direct message");
  }
  try {
    await postMessage(client, { channel: target.user, threadTs: "" }, notice);
  } catch (error) {
    logger.warn({ err: errorMessage(error), code: slackFailure(error)?.code }, "could not tell the asker either");
  }
}
