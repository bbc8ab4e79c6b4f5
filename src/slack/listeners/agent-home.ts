// The agent pane (manifest `agent_view`): conversations happen in the app's Messages tab. Opening it
// (`app_home_opened`, tab "messages") gets suggested prompts from the DM's own tables; `app_context_changed` says
// which channel the person is looking at.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { clipText } from "../../blockkit/index.js";
import { errorMessage } from "../../util/index.js";
import { suggestQuestions } from "../blocks/suggestions.js";
import { envelopeSchema } from "../payloads.js";
import type { ListenerDeps } from "../types.js";

const STARTER_PROMPTS = [
  { title: "What can you answer?", message: "What kinds of questions can you answer?" },
  { title: "How do I add data?", message: "How do I upload a dataset?" },
];

const homeOpenedSchema = z.object({ user: z.string(), channel: z.string().optional(), tab: z.string().optional() });
const contextChangedSchema = z.object({
  user: z.string().optional(),
  context: z
    .object({ entities: z.array(z.object({ type: z.string(), value: z.string() }).passthrough()).optional() })
    .passthrough()
    .optional(),
});

export function register(app: App, deps: ListenerDeps): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    const opened = homeOpenedSchema.parse(event);
    // The Home tab is not published yet; the Messages tab is the agent pane.
    if (opened.tab !== "messages" || !opened.channel) return;
    const team = envelopeSchema.parse(body).team_id;
    const tables = await deps.engine.dna({ teamId: team, channelId: opened.channel }).catch(() => []);
    const prompts = tables[0]
      ? suggestQuestions(tables[0], 4).map((q) => ({ title: clipText(q, 75), message: q }))
      : STARTER_PROMPTS;
    // Agent apps set prompts for the conversation: a thread_ts would make Slack ignore the call.
    await client.assistant.threads
      .setSuggestedPrompts({ channel_id: opened.channel, prompts, title: "Try asking:" } as never)
      .catch((error) => deps.logger.debug({ err: errorMessage(error) }, "suggested prompts not set"));
  });

  app.event("app_context_changed", async ({ event }) => {
    const changed = contextChangedSchema.parse(event);
    const channel = changed.context?.entities?.find((e) => e.type === "slack#/types/channel_id")?.value;
    if (changed.user) deps.agentContext.set(changed.user, channel ?? null);
  });
}
