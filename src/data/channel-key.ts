// Names a channel's session and its DuckDB file: team + channel id, made safe for a file name.
import { createHash } from "node:crypto";
import path from "node:path";

export interface ChannelRef {
  teamId: string;
  channelId: string;
}

/** Stable key "T1:C1" used for locks and caches. */
export function channelKey(ref: ChannelRef): string {
  return `${ref.teamId}:${ref.channelId}`;
}

/**
 * The one reader of `TEAM:CHANNEL` (the form `channelKey` writes): "T1:C1", or "C1" in the default team. A part
 * left empty ("T1:", ":C1") takes the default.
 */
export function parseChannelRef(text: string, defaults: ChannelRef): ChannelRef {
  const at = text.indexOf(":");
  const [team, channel] = at < 0 ? [defaults.teamId, text] : [text.slice(0, at), text.slice(at + 1)];
  return { teamId: team || defaults.teamId, channelId: channel || defaults.channelId };
}

/** `${dataDir}/duckdb/<team>/<channel>.duckdb`; odd characters are replaced and a hash keeps names unique. */
export function channelDbPath(dataDir: string, ref: ChannelRef): string {
  const safe = (part: string) => {
    const cleaned = part.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
    if (cleaned === part && part.length > 0) return cleaned;
    const digest = createHash("sha256").update(part).digest("hex").slice(0, 10);
    return `${cleaned || "x"}-${digest}`;
  };
  return path.join(dataDir, "duckdb", safe(ref.teamId), `${safe(ref.channelId)}.duckdb`);
}
