// Parses `/insightx <subcommand> [args]` and builds the reply; digest/schedule/stats go to the `commands` seam.

import { code, md, message, type SlackMessage, section } from "../../blockkit/index.js";
import { errorMessage } from "../../util/index.js";
import { dnaDetailReply, forgetConfirmReply, helpReply, tablesReply, textReply } from "../blocks/command-replies.js";
import type { CommandContext, ListenerDeps } from "../types.js";

export async function runInsightxCommand(
  text: string,
  ctx: CommandContext,
  deps: Pick<ListenerDeps, "engine" | "commands" | "logger">,
): Promise<SlackMessage> {
  const [sub = "", ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const args = rest.join(" ");
  const ref = { teamId: ctx.teamId, channelId: ctx.channelId };
  try {
    switch (sub.toLowerCase()) {
      case "":
      case "help":
        return helpReply();
      case "tables":
        return tablesReply(await deps.engine.datasets(ref));
      case "dna": {
        const dnas = await deps.engine.dna(ref, args || undefined);
        if (dnas.length === 0) return tablesReply([]);
        return dnaDetailReply(dnas);
      }
      case "forget": {
        const active = (await deps.engine.datasets(ref)).filter((d) => d.status === "active").length;
        return forgetConfirmReply(active, ctx.channelId);
      }
      case "digest":
        return plain(await deps.commands.digest(args, ctx));
      case "schedule":
        return plain(await deps.commands.schedule(args, ctx));
      case "stats":
        return plain(await deps.commands.stats(args, ctx));
      default:
        return helpReply(md`I don't know ${code(sub)}. Here is what I can do:`);
    }
  } catch (error) {
    deps.logger.warn({ err: errorMessage(error), sub }, "slash command failed");
    const problem = md`:warning: ${errorMessage(error)}`;
    return message(problem, [section(problem)]);
  }
}

/** The commands seam's replies quote what people typed: escaped like any other text. */
const plain = textReply;
