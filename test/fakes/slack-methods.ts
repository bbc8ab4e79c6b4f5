// The fake Slack's Web API methods: answers shaped like Slack's, with Slack's error codes for misuse.
import { FAKE_BOT, FAKE_TEAM, type FakeFile, type SlackState } from "./slack-state.js";

export interface MethodContext {
  state: SlackState;
  base: string;
  uploads: Map<string, { filename: string; bytes: Buffer }>;
}

type Fields = Record<string, unknown>;
type Reply = Record<string, unknown>;

const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));

export function handleMethod(method: string, f: Fields, ctx: MethodContext): Reply {
  const { state } = ctx;
  switch (method) {
    case "auth.test":
      return {
        ok: true,
        url: "https://fake.slack.test/",
        team: "Fake",
        user: "insightx",
        team_id: FAKE_TEAM,
        user_id: FAKE_BOT.userId,
        bot_id: FAKE_BOT.botId,
      };
    case "chat.postMessage": {
      if (!f.channel) return fail("channel_not_found");
      if (!f.text && !f.blocks) return fail("no_text");
      const message = state.post({
        channel: str(f.channel),
        user: FAKE_BOT.userId,
        bot_id: FAKE_BOT.botId,
        text: str(f.text),
        ...(f.blocks ? { blocks: f.blocks as unknown[] } : {}),
        ...(f.thread_ts ? { thread_ts: str(f.thread_ts) } : {}),
        ...(f.metadata ? { metadata: f.metadata } : {}),
      });
      return { ok: true, channel: message.channel, ts: message.ts, message };
    }
    case "chat.update": {
      const message = state.find(str(f.channel), str(f.ts));
      if (!message) return fail("message_not_found");
      if (message.user !== FAKE_BOT.userId) return fail("cant_update_message");
      message.text = str(f.text);
      if (f.blocks) message.blocks = f.blocks as unknown[];
      return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
    }
    case "chat.postEphemeral":
      if (!f.channel || !f.user) return fail("invalid_arguments");
      return { ok: true, message_ts: state.nextTs() };
    case "files.info": {
      const file = state.files.get(str(f.file));
      return file ? { ok: true, file: fileObject(file, ctx.base) } : fail("file_not_found");
    }
    case "files.getUploadURLExternal": {
      if (!f.filename || !f.length) return fail("invalid_arguments");
      const id = state.nextId("F");
      ctx.uploads.set(id, { filename: str(f.filename), bytes: Buffer.alloc(0) });
      return { ok: true, upload_url: `${ctx.base}/upload/${id}`, file_id: id };
    }
    case "files.completeUploadExternal":
      return completeUpload(f, ctx);
    case "reactions.add":
      return state.find(str(f.channel), str(f.timestamp)) ? { ok: true } : fail("message_not_found");
    case "views.open":
      if (!f.trigger_id) return fail("invalid_trigger_id");
      return { ok: true, view: { id: state.nextId("V"), ...(f.view as object) } };
    case "assistant.threads.setStatus":
    case "assistant.threads.setSuggestedPrompts":
    case "assistant.threads.setTitle":
      return f.channel_id && f.thread_ts ? { ok: true } : fail("invalid_arguments");
    case "conversations.replies": {
      const messages = state.thread(str(f.channel), str(f.ts));
      return messages.length > 0 ? { ok: true, messages, has_more: false } : fail("thread_not_found");
    }
    default:
      return fail("unknown_method");
  }
}

function completeUpload(f: Fields, ctx: MethodContext): Reply {
  const files = (f.files as Array<{ id: string; title?: string }> | undefined) ?? [];
  if (files.length === 0) return fail("invalid_arguments");
  for (const file of files) {
    const upload = ctx.uploads.get(file.id);
    if (!upload || upload.bytes.length === 0) return fail("file_not_found");
  }
  if (f.channel_id) {
    ctx.state.post({
      channel: str(f.channel_id),
      user: FAKE_BOT.userId,
      bot_id: FAKE_BOT.botId,
      text: str(f.initial_comment),
      files: files.map((file) => ({ id: file.id, name: ctx.uploads.get(file.id)!.filename })),
      ...(f.thread_ts ? { thread_ts: str(f.thread_ts) } : {}),
    });
  }
  return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title ?? "" })) };
}

/** A Slack file object as files.info and message events carry it. */
export function fileObject(file: FakeFile, base: string): Record<string, unknown> {
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    size: file.bytes.length,
    user: file.user,
    url_private: `${base}/files-pri/${file.id}/${encodeURIComponent(file.name)}`,
    url_private_download: `${base}/files-pri/${file.id}/download/${encodeURIComponent(file.name)}`,
    shares: { public: file.shares },
  };
}

const fail = (error: string): Reply => ({ ok: false, error });
