// The fields of a Slack file object we rely on (files.info), validated, and what kind of upload it is.
import path from "node:path";
import { z } from "zod";
import { SUPPORTED_EXTENSIONS } from "../../data/index.js";

const shareSchema = z.object({ ts: z.string(), thread_ts: z.string().optional() }).passthrough();

export const slackFileSchema = z
  .object({
    id: z.string(),
    name: z.string().default("upload"),
    title: z.string().optional(),
    size: z.number().nonnegative().default(0),
    mimetype: z.string().default(""),
    filetype: z.string().default(""),
    user: z.string().optional(),
    /** Set when an app uploaded the file. */
    bot_id: z.string().optional(),
    url_private_download: z.string().url().optional(),
    url_private: z.string().url().optional(),
    shares: z
      .object({
        public: z.record(z.string(), z.array(shareSchema)).optional(),
        private: z.record(z.string(), z.array(shareSchema)).optional(),
      })
      .optional(),
  })
  .passthrough();

export type SlackFile = z.infer<typeof slackFileSchema>;

export type FileKind = "data" | "media" | "unsupported";

/** Data files are ingested; pictures, video and audio are ignored; anything else gets a polite refusal. */
export function fileKind(file: Pick<SlackFile, "name" | "mimetype">): FileKind {
  if (/^(image|video|audio)\//.test(file.mimetype)) return "media";
  const ext = path.extname(file.name).toLowerCase();
  return SUPPORTED_EXTENSIONS.includes(ext) ? "data" : "unsupported";
}

/** The newest message that shared the file in `channel`, and the thread it is in; null when none is listed yet. */
export function latestShare(file: SlackFile, channel: string): { ts: string; threadTs: string } | null {
  const shares = [...(file.shares?.public?.[channel] ?? []), ...(file.shares?.private?.[channel] ?? [])];
  const share = shares.sort((a, b) => Number(b.ts) - Number(a.ts))[0];
  return share ? { ts: share.ts, threadTs: share.thread_ts ?? share.ts } : null;
}
