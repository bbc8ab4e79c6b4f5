// Builds what CLI commands need from the environment, once, and closes it when the command ends.
import { createRuntime, type Runtime } from "../app/index.js";
import { loadConfig } from "../config/index.js";
import { type ChannelRef, parseChannelRef } from "../data/index.js";
import { createLogger } from "../util/index.js";

export type CliContext = Runtime;

export const LOCAL_TEAM = "local";
export const LOCAL_CHANNEL = "local";

/** `--channel C` (optionally `T:C`) → a channel ref; the default is the local channel. */
export function channelRef(channel: string | undefined): ChannelRef {
  const local = { teamId: LOCAL_TEAM, channelId: LOCAL_CHANNEL };
  return channel ? parseChannelRef(channel, local) : local;
}

export async function openContext(): Promise<CliContext> {
  const config = loadConfig();
  // The CLI's stdout is for results: logs go to stderr, quietly unless asked.
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
  return createRuntime({ config, logger });
}

/** Opens a context, runs `fn`, always closes. */
export async function withContext<T>(fn: (context: CliContext) => Promise<T>): Promise<T> {
  const context = await openContext();
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}
