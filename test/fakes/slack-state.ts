// The fake Slack workspace's state: channels and who is in them, messages (with threads), files and their shares,
// streams; as the Web API would see them.

export const FAKE_TEAM = "T1";
export const FAKE_BOT = { userId: "UBOT", botId: "BBOT", token: "xoxb-fake-bot-token" } as const;

export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user: string;
  bot_id?: string;
  text: string;
  blocks?: unknown[];
  files?: Array<{ id: string; name: string }>;
  metadata?: unknown;
  /** chat.startStream until chat.stopStream. */
  streaming?: boolean;
}

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  user: string;
  /** Set when an app uploaded it. */
  botId?: string;
  bytes: Buffer;
  /** Overrides the byte length as files.info reports it (a huge file without the bytes). */
  reportedSize?: number;
  /** Channel → the messages that shared it. */
  shares: Record<string, Array<{ ts: string; thread_ts?: string }>>;
  /** files.info lists no shares before this time (Slack adds them a moment after file_shared). */
  sharesVisibleAt?: number;
}

export interface FakeChannel {
  id: string;
  members: Set<string>;
  archived: boolean;
}

export class SlackState {
  readonly messages: FakeMessage[] = [];
  readonly files = new Map<string, FakeFile>();
  readonly channels = new Map<string, FakeChannel>();
  /** Users who are apps (their messages carry bot_id). */
  readonly bots = new Map<string, string>([[FAKE_BOT.userId, FAKE_BOT.botId]]);
  private counter = 0;
  private lastTs = 0;

  /** Like Slack's: the current time in seconds with microseconds, strictly increasing. */
  nextTs(): string {
    this.counter++;
    const micros = Math.max(Date.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
  }

  nextId(prefix: string): string {
    this.counter++;
    return `${prefix}${String(this.counter).padStart(8, "0")}`;
  }

  /**
   * The channel, created on first use with the bot in it (Slack only delivers events from channels the bot is
   * in); tests remove the bot or archive the channel to see Slack's refusals.
   */
  channel(id: string): FakeChannel {
    let channel = this.channels.get(id);
    if (!channel) {
      channel = { id, members: new Set([FAKE_BOT.userId]), archived: false };
      this.channels.set(id, channel);
    }
    return channel;
  }

  /** The DM channel between the bot and `user` (chat.postMessage to a user id lands here). */
  dmWith(user: string): string {
    const id = `D${user.replace(/^[UW]/, "")}`;
    this.channel(id).members.add(user);
    return id;
  }

  removeBot(channel: string): void {
    this.channel(channel).members.delete(FAKE_BOT.userId);
  }

  archive(channel: string): void {
    this.channel(channel).archived = true;
  }

  post(message: Omit<FakeMessage, "ts">): FakeMessage {
    this.channel(message.channel).members.add(message.user);
    const stored = { ...message, ts: this.nextTs() };
    this.messages.push(stored);
    return stored;
  }

  find(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** The parent and its replies, oldest first (conversations.replies). */
  thread(channel: string, ts: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts));
  }

  /** A message in `channel` (optionally a thread) by `user`, sharing a new file. */
  shareFile(options: {
    channel: string;
    user: string;
    name: string;
    bytes: Buffer;
    mimetype: string;
    filetype: string;
    threadTs?: string;
    text?: string;
    /** files.info shows no share for this long. */
    sharesDelayMs?: number;
    reportedSize?: number;
  }): { file: FakeFile; message: FakeMessage } {
    const id = this.nextId("F");
    const botId = this.bots.get(options.user);
    const message = this.post({
      channel: options.channel,
      user: options.user,
      text: options.text ?? "",
      files: [{ id, name: options.name }],
      ...(botId ? { bot_id: botId } : {}),
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    });
    const file: FakeFile = {
      id,
      name: options.name,
      title: options.name,
      mimetype: options.mimetype,
      filetype: options.filetype,
      user: options.user,
      ...(botId ? { botId } : {}),
      bytes: options.bytes,
      ...(options.reportedSize !== undefined ? { reportedSize: options.reportedSize } : {}),
      shares: { [options.channel]: [{ ts: message.ts, ...(options.threadTs ? { thread_ts: options.threadTs } : {}) }] },
      ...(options.sharesDelayMs ? { sharesVisibleAt: Date.now() + options.sharesDelayMs } : {}),
    };
    this.files.set(id, file);
    return { file, message };
  }
}
