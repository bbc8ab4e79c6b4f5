// The fake Slack workspace's state: channel messages (with threads) and files, as the Web API would see them.

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
}

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  user: string;
  bytes: Buffer;
  /** Channel → the messages that shared it. */
  shares: Record<string, Array<{ ts: string; thread_ts?: string }>>;
}

export class SlackState {
  readonly messages: FakeMessage[] = [];
  readonly files = new Map<string, FakeFile>();
  private clock = 1_715_600_000;
  private counter = 0;

  nextTs(): string {
    this.counter++;
    return `${this.clock + this.counter}.${String(this.counter).padStart(6, "0")}`;
  }

  nextId(prefix: string): string {
    this.counter++;
    return `${prefix}${String(this.counter).padStart(8, "0")}`;
  }

  post(message: Omit<FakeMessage, "ts">): FakeMessage {
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
  }): { file: FakeFile; message: FakeMessage } {
    const id = this.nextId("F");
    const message = this.post({
      channel: options.channel,
      user: options.user,
      text: options.text ?? "",
      files: [{ id, name: options.name }],
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    });
    const file: FakeFile = {
      id,
      name: options.name,
      title: options.name,
      mimetype: options.mimetype,
      filetype: options.filetype,
      user: options.user,
      bytes: options.bytes,
      shares: { [options.channel]: [{ ts: message.ts, ...(options.threadTs ? { thread_ts: options.threadTs } : {}) }] },
    };
    this.files.set(id, file);
    return { file, message };
  }
}
