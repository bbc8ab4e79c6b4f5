// The assistant pane (Bolt's Assistant): suggested prompts when a thread starts; each message is a question.
import { type App, Assistant } from "@slack/bolt";
import { suggestQuestions } from "../blocks/suggestions.js";
import { envelopeSchema, messageEventSchema, unescapeSlack } from "../payloads.js";
import type { ListenerDeps } from "../types.js";

const STARTER_PROMPTS = [
  { title: "What can you answer?", message: "What kinds of questions can you answer?" },
  { title: "How do I add data?", message: "How do I upload a dataset?" },
];

export function register(app: App, deps: ListenerDeps): void {
  app.assistant(
    new Assistant({
      // Threads are keyed by DM channel; context (the channel being viewed) is not used: DMs have their own data.
      threadContextStore: { get: async () => ({}), save: async () => undefined },
      threadStarted: async ({ event, body, setSuggestedPrompts, say }) => {
        const thread = event.assistant_thread;
        const team = envelopeSchema.parse(body).team_id;
        const tables = await deps.engine.dna({ teamId: team, channelId: thread.channel_id }).catch(() => []);
        const first = tables[0];
        const prompts = first
          ? suggestQuestions(first).map((q) => ({ title: q.slice(0, 75), message: q }))
          : STARTER_PROMPTS;
        await say(
          first
            ? `Hi! Ask me about ${tables.map((t) => `\`${t.table}\``).join(", ")}, or upload another file here.`
            : "Hi! Upload a CSV, Excel, JSON or Parquet file here and ask me about it. What you upload here stays in this conversation.",
        );
        await setSuggestedPrompts({ prompts, title: "Try asking:" });
      },
      userMessage: async ({ message, body, context }) => {
        const event = messageEventSchema.parse(message);
        if (event.bot_id || !event.user || !event.thread_ts) return;
        const envelope = envelopeSchema.parse(body);
        const base = {
          teamId: envelope.team_id,
          channelId: event.channel,
          userId: event.user,
          threadTs: event.thread_ts,
        };
        for (const file of event.files ?? []) {
          await deps.intake.submit(
            `ingest:${event.channel}:${file.id}`,
            { kind: "ingest", ...base, fileId: file.id, sourceId: envelope.event_id },
            context.retryNum,
          );
        }
        const text = unescapeSlack(event.text).trim();
        if (!text) return;
        await deps.intake.submit(
          `event:${envelope.event_id}`,
          { kind: "question", ...base, text, sourceId: envelope.event_id, source: "assistant" },
          context.retryNum,
        );
      },
    }),
  );
}
