// The fake Slack's Web API methods: answers shaped like Slack's, and Slack's refusals — invalid_blocks with its
// messages, msg_too_long, not_in_channel, channel_not_found, is_archived — for what Slack would refuse.
import { validateBlocks, validateChunks, validateMessage, validateView } from "./slack-blocks.js";
import { FAKE_BOT, FAKE_TEAM, type FakeFile, type SlackState } from "./slack-state.js";

export interface MethodContext {
  state: SlackState;
  base: string;
  uploads: Map<string, { filename: string; bytes: Buffer }>;
  /** Called once per payload (text, blocks, view, chunks, prompts) that went through validation. */
  validated(method: string): void;
}

type Fields = Record<string, unknown>;
export type Reply = Record<string, unknown>;

const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const fail = (error: string, messages?: string[]): Reply => ({
  ok: false,
  error,
  ...(messages && messages.length > 0 ? { response_metadata: { messages } } : {}),
});

/** Where the bot may write: the channel must exist, have the bot in it and not be archived. */
function writable(state: SlackState, channelId: string): { channel: string } | { refused: Reply } {
  if (!channelId) return { refused: fail("channel_not_found") };
  const id = /^[UW]/.test(channelId) ? state.dmWith(channelId) : channelId;
  const channel = state.channels.get(id);
  if (!channel) return { refused: fail("channel_not_found") };
  if (channel.archived) return { refused: fail("is_archived") };
  if (!channel.members.has(FAKE_BOT.userId))
    return { refused: fail(id.startsWith("C") ? "not_in_channel" : "channel_not_found") };
  return { channel: id };
}

function checkMessage(method: string, f: Fields, ctx: MethodContext): Reply | null {
  const problem = validateMessage(f);
  ctx.validated(method);
  return problem ? fail(problem.error, problem.messages) : null;
}

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
      const target = writable(state, str(f.channel));
      if ("refused" in target) return target.refused;
      const refused = checkMessage(method, f, ctx);
      if (refused) return refused;
      const message = state.post({
        channel: target.channel,
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
      const target = writable(state, str(f.channel));
      if ("refused" in target) return target.refused;
      const message = state.find(target.channel, str(f.ts));
      if (!message) return fail("message_not_found");
      if (message.user !== FAKE_BOT.userId) return fail("cant_update_message");
      const refused = checkMessage(method, f, ctx);
      if (refused) return refused;
      message.text = str(f.text);
      if (f.blocks) message.blocks = f.blocks as unknown[];
      return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
    }
    case "chat.postEphemeral": {
      if (!f.channel || !f.user) return fail("invalid_arguments");
      const target = writable(state, str(f.channel));
      if ("refused" in target) return target.refused;
      if (!state.channel(target.channel).members.has(str(f.user))) return fail("user_not_in_channel");
      const refused = checkMessage(method, f, ctx);
      if (refused) return refused;
      return { ok: true, message_ts: state.nextTs() };
    }
    case "chat.startStream": {
      const target = writable(state, str(f.channel));
      if ("refused" in target) return target.refused;
      if (!f.thread_ts) return fail("invalid_arguments", ["[ERROR] missing required field: thread_ts"]);
      if (!target.channel.startsWith("D") && (!f.recipient_user_id || !f.recipient_team_id))
        return fail("invalid_arguments", ["[ERROR] recipient_user_id and recipient_team_id are required outside DMs"]);
      const streamed = checkStream(method, f, ctx);
      if (streamed) return streamed;
      const message = state.post({
        channel: target.channel,
        user: FAKE_BOT.userId,
        bot_id: FAKE_BOT.botId,
        text: str(f.markdown_text),
        thread_ts: str(f.thread_ts),
        streaming: true,
      });
      return { ok: true, channel: message.channel, ts: message.ts };
    }
    case "chat.appendStream":
    case "chat.stopStream": {
      const target = writable(state, str(f.channel));
      if ("refused" in target) return target.refused;
      const message = state.find(target.channel, str(f.ts));
      if (!message) return fail("message_not_found");
      if (!message.streaming) return fail("message_not_in_streaming_state");
      const streamed = checkStream(method, f, ctx);
      if (streamed) return streamed;
      if (method === "chat.stopStream" && f.blocks !== undefined) {
        const issues = validateBlocks(f.blocks, "message");
        if (issues.length > 0) return fail("invalid_blocks", issues);
        message.blocks = f.blocks as unknown[];
      }
      message.text += str(f.markdown_text);
      if (method === "chat.stopStream") message.streaming = false;
      return { ok: true, channel: message.channel, ts: message.ts };
    }
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
    case "reactions.add": {
      const target = writable(state, str(f.channel));
      if ("refused" in target) return target.refused;
      return state.find(target.channel, str(f.timestamp)) ? { ok: true } : fail("message_not_found");
    }
    case "views.open": {
      // Interactions carry trigger ids the fake delivery makes as trigger-<ms>-<n>; Slack honours them for 3 s.
      const at = Number(/^trigger-(\d+)-\d+$/.exec(str(f.trigger_id))?.[1] ?? Number.NaN);
      if (Number.isNaN(at)) return fail("invalid_trigger_id");
      if (Date.now() - at > 3_000) return fail("expired_trigger_id");
      const issues = validateView(f.view, "modal");
      ctx.validated(method);
      if (issues.length > 0) return fail("invalid_arguments", issues);
      return { ok: true, view: { id: state.nextId("V"), ...(f.view as object) } };
    }
    case "views.publish": {
      if (!f.user_id) return fail("invalid_arguments");
      const issues = validateView(f.view, "home");
      ctx.validated(method);
      if (issues.length > 0) return fail("invalid_arguments", issues);
      return { ok: true, view: { id: state.nextId("V"), ...(f.view as object) } };
    }
    case "assistant.threads.setStatus":
      if (!f.channel_id || !f.thread_ts) return fail("invalid_arguments");
      if (typeof f.status !== "string") return fail("invalid_arguments");
      return { ok: true };
    case "assistant.threads.setTitle":
      if (!f.channel_id || !f.thread_ts || !f.title) return fail("invalid_arguments");
      return { ok: true };
    case "assistant.threads.setSuggestedPrompts": {
      if (!f.channel_id) return fail("invalid_arguments");
      const prompts = f.prompts;
      ctx.validated(method);
      if (!Array.isArray(prompts) || prompts.length < 1 || prompts.length > 4)
        return fail("invalid_arguments", ["[ERROR] prompts must have 1 to 4 items [json-pointer:/prompts]"]);
      for (const [i, p] of prompts.entries()) {
        const prompt = p as { title?: unknown; message?: unknown };
        if (typeof prompt.title !== "string" || !prompt.title || typeof prompt.message !== "string" || !prompt.message)
          return fail("invalid_arguments", [`[ERROR] title and message are required [json-pointer:/prompts/${i}]`]);
      }
      return { ok: true };
    }
    case "conversations.replies": {
      const messages = state.thread(str(f.channel), str(f.ts));
      return messages.length > 0 ? { ok: true, messages, has_more: false } : fail("thread_not_found");
    }
    default:
      return fail("unknown_method");
  }
}

function checkStream(method: string, f: Fields, ctx: MethodContext): Reply | null {
  ctx.validated(method);
  if (typeof f.markdown_text === "string" && f.markdown_text.length > 12_000) return fail("msg_too_long");
  if (f.chunks !== undefined) {
    const issues = validateChunks(f.chunks);
    if (issues.length > 0) return fail("invalid_chunks", issues);
  }
  return null;
}

function completeUpload(f: Fields, ctx: MethodContext): Reply {
  const files = (f.files as Array<{ id: string; title?: string }> | undefined) ?? [];
  if (files.length === 0) return fail("invalid_arguments");
  for (const file of files) {
    const upload = ctx.uploads.get(file.id);
    if (!upload || upload.bytes.length === 0) return fail("file_not_found");
  }
  if (f.channel_id) {
    const target = writable(ctx.state, str(f.channel_id));
    if ("refused" in target) return target.refused;
    if (typeof f.initial_comment === "string" && f.initial_comment.length > 40_000) return fail("msg_too_long");
    ctx.validated("files.completeUploadExternal");
    ctx.state.post({
      channel: target.channel,
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
export function fileObject(file: FakeFile, base: string, now = Date.now()): Record<string, unknown> {
  const sharesVisible = file.sharesVisibleAt === undefined || now >= file.sharesVisibleAt;
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    size: file.reportedSize ?? file.bytes.length,
    user: file.user,
    ...(file.botId ? { bot_id: file.botId } : {}),
    url_private: `${base}/files-pri/${file.id}/${encodeURIComponent(file.name)}`,
    url_private_download: `${base}/files-pri/${file.id}/download/${encodeURIComponent(file.name)}`,
    shares: sharesVisible ? { public: file.shares } : {},
  };
}
