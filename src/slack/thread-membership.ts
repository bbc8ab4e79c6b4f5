// Which threads the bot takes part in, so a plain reply there can be a question and elsewhere is ignored. Kept in
// the store (every process sees what any process posted) with a memory cache of both answers; Slack is asked only
// about threads older than the record, once each (conversations.replies is rate-limited to ~1 a minute).
import { webApi } from "@slack/bolt";
import type { SlackStateRepo } from "../store/index.js";
import { errorMessage, type Logger } from "../util/index.js";

export interface ThreadMembershipOptions {
  store: SlackStateRepo;
  client: webApi.WebClient;
  logger?: Logger;
  /** Threads remembered in memory. @defaultValue 10000 */
  remember?: number;
  /**
   * How long a "not a member" answer is trusted from memory (another process may post in the thread meanwhile;
   * the store is read again after this).
   * @defaultValue 30000
   */
  negativeTtlMs?: number;
}

export interface BotIdentity {
  userId?: string | undefined;
  botId?: string | undefined;
}

export class ThreadMembership {
  private readonly known = new Map<string, { member: boolean; at: number }>();
  /**
   * conversations.replies is limited to about one call a minute: a rate-limited lookup is answered "unknown" at
   * once (the reply is not taken up, nothing is recorded, the next reply asks again) rather than held for a minute.
   */
  private readonly lookups: webApi.WebClient;
  /** conversations.replies calls made (tests and metrics). */
  slackLookups = 0;

  constructor(private readonly options: ThreadMembershipOptions) {
    const { client } = options;
    this.lookups = new webApi.WebClient(client.token, {
      slackApiUrl: client.slackApiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logger: {
        debug() {},
        info() {},
        warn() {},
        error() {},
        setLevel() {},
        getLevel: () => webApi.LogLevel.ERROR,
        setName() {},
      },
    });
  }

  /** The bot is (about to be) in this thread. */
  async add(teamId: string, channelId: string, threadTs: string): Promise<void> {
    if (!threadTs) return;
    this.cache(teamId, channelId, threadTs, true);
    await this.options.store.markThreadMember(teamId, channelId, threadTs);
  }

  async includes(teamId: string, channelId: string, threadTs: string, bot: BotIdentity): Promise<boolean> {
    const key = `${teamId}:${channelId}:${threadTs}`;
    const cached = this.known.get(key);
    if (cached && (cached.member || Date.now() - cached.at < (this.options.negativeTtlMs ?? 30_000)))
      return cached.member;
    const stored = await this.options.store.markedMember(teamId, channelId, threadTs);
    if (stored !== null) return this.cache(teamId, channelId, threadTs, stored);
    // Started after membership was first recorded and never recorded: the bot has not posted there.
    if (Number(threadTs) >= (await this.options.store.threadsRecordedSince()))
      return this.cache(teamId, channelId, threadTs, false);
    const member = await this.askSlack(channelId, threadTs, bot);
    if (member === null) return false;
    if (member) await this.options.store.markThreadMember(teamId, channelId, threadTs);
    else await this.options.store.markNotThreadMember(teamId, channelId, threadTs);
    return this.cache(teamId, channelId, threadTs, member);
  }

  private async askSlack(channelId: string, threadTs: string, bot: BotIdentity): Promise<boolean | null> {
    this.slackLookups++;
    try {
      const replies = await this.lookups.conversations.replies({ channel: channelId, ts: threadTs, limit: 200 });
      return (replies.messages ?? []).some(
        (m) =>
          (bot.userId !== undefined && m.user === bot.userId) || (bot.botId !== undefined && m.bot_id === bot.botId),
      );
    } catch (error) {
      this.options.logger?.warn({ err: errorMessage(error) }, "could not read the thread");
      return null;
    }
  }

  private cache(teamId: string, channelId: string, threadTs: string, member: boolean): boolean {
    const key = `${teamId}:${channelId}:${threadTs}`;
    this.known.delete(key);
    this.known.set(key, { member, at: Date.now() });
    if (this.known.size > (this.options.remember ?? 10_000))
      this.known.delete(this.known.keys().next().value as string);
    return member;
  }
}
