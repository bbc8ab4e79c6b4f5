// The `/insightx digest|schedule|stats` handlers the Slack app routes to; each answers with ephemeral text.
import type { Store } from "../store/index.js";
import { runStats, splitWords } from "../trace/index.js";
import { errorMessage, InsightError } from "../util/index.js";
import { type CommandContext, digestCommand, scheduleCommand } from "./schedule-commands.js";
import type { JobQueue } from "./types.js";

export type SlashCommand = (args: string, ctx: CommandContext) => Promise<string>;

export interface SlashCommands {
  digest: SlashCommand;
  schedule: SlashCommand;
  stats: SlashCommand;
}

/** A person's mistake comes back as text to fix it; anything else is thrown for the caller to log. */
function answering(fn: SlashCommand): SlashCommand {
  return async (args, ctx) => {
    try {
      return await fn(args, ctx);
    } catch (error) {
      if (error instanceof InsightError) return errorMessage(error);
      throw error;
    }
  };
}

export function createSlashCommands(deps: { store: Store; queue: JobQueue }): SlashCommands {
  return {
    digest: answering((args, ctx) => digestCommand(deps, args, ctx)),
    schedule: answering((args, ctx) => scheduleCommand(deps, args, ctx)),
    stats: answering(async (args) => `\`\`\`\n${await runStats(deps.store.traces, splitWords(args))}\n\`\`\``),
  };
}
