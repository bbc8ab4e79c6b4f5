// manifests/slack-app.yaml parsed with a real YAML parser and checked against Slack's manifest reference
// (docs.slack.dev/reference/app-manifest, slackapi/manifest-schema) and against the code: the events the listeners
// subscribe to and the Web API methods the app calls decide the events and scopes, no more and no fewer.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { z } from "zod";
import { COMMAND } from "../../src/slack/listeners/commands.js";

const text = (min: number, max: number) => z.string().min(min).max(max);
const url = z
  .string()
  .regex(/^https?:\/\//)
  .max(3000);
const prompts = z.array(z.object({ title: text(1, 75), message: text(1, 2000) }).strict());

/** The manifest fields Slack accepts (additional properties are refused, as in Slack's own schema). */
const manifestSchema = z
  .object({
    _metadata: z.object({ major_version: z.number().int(), minor_version: z.number().int() }).strict().optional(),
    display_information: z
      .object({
        name: text(1, 35),
        description: text(1, 140),
        // The reference says 174 to 4,000; Slack's published schema says 175: stay inside both.
        long_description: text(175, 4000).optional(),
        background_color: z
          .string()
          .regex(/^#([0-9a-fA-F]{3}){1,2}$/)
          .optional(),
      })
      .strict(),
    features: z
      .object({
        app_home: z
          .object({
            home_tab_enabled: z.boolean().optional(),
            messages_tab_enabled: z.boolean().optional(),
            messages_tab_read_only_enabled: z.boolean().optional(),
          })
          .strict()
          .optional(),
        bot_user: z.object({ display_name: text(1, 80), always_online: z.boolean().optional() }).strict(),
        agent_view: z
          .object({ agent_description: text(1, 300), suggested_prompts: prompts.max(4).optional() })
          .strict()
          .optional(),
        slash_commands: z
          .array(
            z
              .object({
                command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
                url: url.optional(),
                description: text(1, 2000),
                usage_hint: text(1, 1000).optional(),
                should_escape: z.boolean().optional(),
              })
              .strict(),
          )
          .min(1)
          .max(50)
          .optional(),
      })
      .strict(),
    oauth_config: z
      .object({
        scopes: z.object({ bot: z.array(text(1, 50)).max(255), user: z.array(text(1, 50)).optional() }).strict(),
        redirect_urls: z.array(z.string().max(2500)).optional(),
      })
      .strict(),
    settings: z
      .object({
        event_subscriptions: z
          .object({ request_url: url.max(3500).optional(), bot_events: z.array(text(1, 50)).max(100) })
          .strict(),
        interactivity: z.object({ is_enabled: z.boolean(), request_url: url.max(3500).optional() }).strict(),
        org_deploy_enabled: z.boolean().optional(),
        socket_mode_enabled: z.boolean().optional(),
        token_rotation_enabled: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

/** Bot scopes Slack knows (docs.slack.dev/reference/scopes). */
const KNOWN_BOT_SCOPES = new Set(
  (
    "app_mentions:read assistant:write bookmarks:read bookmarks:write calls:read calls:write canvases:read " +
    "canvases:write channels:history channels:join channels:manage channels:read channels:write.invites " +
    "channels:write.topic chat:write chat:write.customize chat:write.public commands conversations.connect:manage " +
    "conversations.connect:read conversations.connect:write dnd:read emoji:read files:read files:write " +
    "groups:history groups:read groups:write groups:write.invites groups:write.topic im:history im:read im:write " +
    "im:write.topic incoming-webhook links.embed:write links:read links:write lists:read lists:write " +
    "metadata.message:read mpim:history mpim:read mpim:write mpim:write.topic pins:read pins:write reactions:read " +
    "reactions:write reminders:read reminders:write remote_files:read remote_files:share remote_files:write " +
    "team.billing:read team.preferences:read team:read triggers:read triggers:write usergroups:read " +
    "usergroups:write users.profile:read users:read users:read.email users:write workflow.steps:execute"
  ).split(" "),
);

/** What each event needs (any one of the scopes; [] = none). From each event's reference page. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ["app_mentions:read"],
  "message.channels": ["channels:history"],
  "message.groups": ["groups:history"],
  "message.im": ["im:history"],
  "message.mpim": ["mpim:history"],
  file_shared: ["files:read"],
  app_home_opened: [],
  // Needs features.agent_view rather than a scope.
  app_context_changed: [],
  member_joined_channel: ["channels:read", "groups:read"],
};

/** What each Web API method needs (any one of; [] = none). From each method's reference page. */
const METHOD_SCOPES: Record<string, string[]> = {
  "auth.test": [],
  "chat.postMessage": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.startStream": ["chat:write"],
  "chat.appendStream": ["chat:write"],
  "chat.stopStream": ["chat:write"],
  "files.info": ["files:read"],
  // files.getUploadURLExternal + files.completeUploadExternal
  filesUploadV2: ["files:write"],
  "reactions.add": ["reactions:write"],
  "views.open": [],
  "views.publish": [],
  "conversations.replies": ["channels:history", "groups:history", "im:history", "mpim:history"],
  "assistant.threads.setStatus": ["chat:write", "assistant:write"],
  "assistant.threads.setSuggestedPrompts": ["assistant:write"],
  "assistant.threads.setTitle": ["assistant:write"],
  "users.info": ["users:read"],
  // Downloading url_private_download with the bot token.
  "files:download": ["files:read"],
};

/** `app.message` receives every message.* subscription; the listener handles channels, private channels and DMs. */
const MESSAGE_EVENTS = ["message.channels", "message.groups", "message.im", "message.mpim"];

async function sources(dir: string): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (entry.name.endsWith(".ts")) out.push({ file: full, text: await readFile(full, "utf8") });
  }
  return out;
}

/** The events, methods and commands the Slack surface's code uses, read from its source. */
async function usedByCode() {
  const files = await sources(path.resolve("src/slack"));
  const events = new Set<string>();
  const methods = new Set<string>(["auth.test"]);
  let actions = false;
  let commands = false;
  for (const { text } of files) {
    for (const m of text.matchAll(/app\.event\(\s*"([a-z_]+)"/g)) events.add(m[1]!);
    if (/app\.message\(/.test(text)) for (const e of MESSAGE_EVENTS) events.add(e);
    if (/app\.action\(/.test(text)) actions = true;
    if (/app\.command\(/.test(text)) commands = true;
    for (const m of text.matchAll(/\bclient\s*\.\s*([a-z]+)\s*\.\s*([a-zA-Z]+)(?:\s*\.\s*([a-zA-Z]+))?\s*\(/g))
      methods.add([m[1], m[2], m[3]].filter(Boolean).join("."));
    if (/\bclient\s*\.\s*filesUploadV2\s*\(/.test(text)) methods.add("filesUploadV2");
    if (/url_private_download/.test(text)) methods.add("files:download");
  }
  return { events, methods, actions, commands };
}

const raw = await readFile(path.resolve("manifests/slack-app.yaml"), "utf8");

describe("the Slack app manifest", () => {
  it("is valid YAML 1.2 with no warnings", () => {
    const doc = parseDocument(raw, { prettyErrors: true, uniqueKeys: true });
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    expect(doc.warnings.map((e) => e.message)).toEqual([]);
  });

  const manifest = parseDocument(raw).toJS() as Record<string, unknown>;

  it("has only fields Slack's manifest reference knows, of the right types and lengths", () => {
    const parsed = manifestSchema.safeParse(manifest);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
  });

  it("uses the agent experience (agent_view), not the legacy assistant_view", () => {
    const features = manifest.features as Record<string, unknown>;
    expect(features.assistant_view).toBeUndefined();
    expect(features.agent_view).toBeDefined();
    const events = (manifest.settings as { event_subscriptions: { bot_events: string[] } }).event_subscriptions
      .bot_events;
    expect(events.filter((e) => e.startsWith("assistant_thread_"))).toEqual([]);
  });

  it("asks only for bot scopes Slack knows, each once", () => {
    const scopes = (manifest.oauth_config as { scopes: { bot: string[] } }).scopes.bot;
    expect(scopes.filter((s) => !KNOWN_BOT_SCOPES.has(s))).toEqual([]);
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it("subscribes to exactly the events the listeners handle, with the scope each needs", async () => {
    const used = await usedByCode();
    const subscribed = (manifest.settings as { event_subscriptions: { bot_events: string[] } }).event_subscriptions
      .bot_events;
    expect([...new Set(subscribed)].sort()).toEqual([...used.events].sort());
    const scopes = new Set((manifest.oauth_config as { scopes: { bot: string[] } }).scopes.bot);
    for (const event of subscribed) {
      const needs = EVENT_SCOPES[event];
      expect(needs, `no scope rule for ${event}: add it to EVENT_SCOPES from its reference page`).toBeDefined();
      if (needs!.length > 0)
        expect(
          needs!.some((s) => scopes.has(s)),
          `${event} needs one of ${needs}`,
        ).toBe(true);
    }
    if (subscribed.includes("app_context_changed")) expect(manifest.features as object).toHaveProperty("agent_view");
  });

  it("asks for the scopes the app's Web API calls and events need, and no others", async () => {
    const used = await usedByCode();
    const scopes = (manifest.oauth_config as { scopes: { bot: string[] } }).scopes.bot;
    const needed = new Set<string>();
    for (const method of used.methods) {
      const needs = METHOD_SCOPES[method];
      expect(needs, `no scope rule for ${method}: add it to METHOD_SCOPES from its reference page`).toBeDefined();
      expect(needs!.length === 0 || needs!.some((s) => scopes.includes(s)), `${method} needs one of ${needs}`).toBe(
        true,
      );
      for (const s of needs!) if (scopes.includes(s)) needed.add(s);
    }
    for (const event of used.events) for (const s of EVENT_SCOPES[event] ?? []) if (scopes.includes(s)) needed.add(s);
    if (used.commands) needed.add("commands");
    expect(scopes.filter((s) => !needed.has(s))).toEqual([]);
  });

  it("declares the slash command the code answers, and interactivity for its buttons", async () => {
    const used = await usedByCode();
    const features = manifest.features as { slash_commands?: Array<{ command: string }> };
    expect(features.slash_commands?.map((c) => c.command)).toEqual(used.commands ? [COMMAND] : undefined);
    const settings = manifest.settings as { interactivity: { is_enabled: boolean } };
    expect(settings.interactivity.is_enabled).toBe(used.actions);
  });

  it("finds the listeners and calls it checks (the reading of the code cannot silently find nothing)", async () => {
    const used = await usedByCode();
    expect(used.events.size).toBeGreaterThanOrEqual(9);
    for (const m of ["chat.postMessage", "chat.update", "files.info", "filesUploadV2", "views.open"])
      expect(used.methods.has(m), m).toBe(true);
  });
});
