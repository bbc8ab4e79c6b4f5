// `--channel C` (or `TEAM:C`) as a channel ref; the default is the CLI's local channel (team "local").
import { type ChannelRef, parseChannelRef } from "../data/index.js";

export const LOCAL_TEAM = "local";
export const LOCAL_CHANNEL = "local";

export function channelRef(channel: string | undefined): ChannelRef {
  const local = { teamId: LOCAL_TEAM, channelId: LOCAL_CHANNEL };
  return channel ? parseChannelRef(channel, local) : local;
}
