// Knows which threads the bot takes part in, so a plain reply there is a question and elsewhere is ignored.
import type { webApi } from "@slack/bolt";

export interface ThreadMembershipOptions {
  client: webApi.WebClient;
  /** Threads remembered in memory. @defaultValue 10000 */
  remember?: number;
}

/** Memory first (threads this process posted in), then `conversations.replies` (threads a worker answered). */
export class ThreadMembership {
  private readonly known = new Set<string>();
  private bot: { userId: string; botId: string } | null = null;

  constructor(private readonly options: ThreadMembershipOptions) {}

  /** The bot's identity from auth.test (Bolt's context carries it too; this is for processes without Bolt). */
  setBot(bot: { userId: string; botId: string }): void {
    this.bot = bot;
  }

  add(channelId: string, threadTs: string): void {
    this.known.add(`${channelId}:${threadTs}`);
    if (this.known.size > (this.options.remember ?? 10_000))
      this.known.delete(this.known.values().next().value as string);
  }

  async includes(channelId: string, threadTs: string, bot: { userId?: string; botId?: string }): Promise<boolean> {
    if (this.known.has(`${channelId}:${threadTs}`)) return true;
    const userId = bot.userId ?? this.bot?.userId;
    const botId = bot.botId ?? this.bot?.botId;
    const replies = await this.options.client.conversations.replies({ channel: channelId, ts: threadTs, limit: 100 });
    const found = (replies.messages ?? []).some(
      (m) => (userId !== undefined && m.user === userId) || (botId !== undefined && m.bot_id === botId),
    );
    if (found) this.add(channelId, threadTs);
    return found;
  }
}
