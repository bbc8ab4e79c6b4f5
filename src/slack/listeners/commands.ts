// `/insightx …`: acknowledged at once; the reply is shown only to whoever typed it.
import type { App } from "@slack/bolt";
import { runInsightxCommand } from "../commands/insightx-command.js";
import { postEphemeral } from "../send.js";
import type { ListenerDeps } from "../types.js";

export const COMMAND = "/insightx";

export function register(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ ack, command, client, respond }) => {
    await ack();
    const ctx = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
    const reply = await runInsightxCommand(command.text ?? "", ctx, deps);
    try {
      await postEphemeral(client, { channel: ctx.channelId, threadTs: "", user: ctx.userId }, reply);
    } catch {
      // Not in the channel (or a DM with someone else): the command's response_url still reaches the person.
      await respond({ response_type: "ephemeral", text: reply.text, blocks: reply.blocks });
    }
  });
}
