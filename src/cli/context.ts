// Builds what CLI commands need from the environment, once, and closes it when the command ends.
import { type Config, loadConfig } from "../config/index.js";
import { type ChannelRef, DataEngine } from "../data/index.js";

export interface CliContext {
  config: Config;
  engine: DataEngine;
  close(): Promise<void>;
}

export const LOCAL_TEAM = "local";
export const LOCAL_CHANNEL = "local";

/** `--channel C` (optionally `T:C`) → a channel ref; the default is the local channel. */
export function channelRef(channel: string | undefined): ChannelRef {
  if (!channel) return { teamId: LOCAL_TEAM, channelId: LOCAL_CHANNEL };
  const [team, id] = channel.includes(":") ? channel.split(":", 2) : [LOCAL_TEAM, channel];
  return { teamId: team || LOCAL_TEAM, channelId: id || LOCAL_CHANNEL };
}

export async function openContext(): Promise<CliContext> {
  const config = loadConfig();
  const engine = new DataEngine({ config });
  return {
    config,
    engine,
    close: () => engine.close(),
  };
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
