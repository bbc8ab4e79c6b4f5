// Downloads a Slack file with the bot token into a scratch folder, refusing what is too large or not a file.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UpstreamError, UserInputError } from "../../util/index.js";

export interface DownloadOptions {
  url: string;
  /** Sent as a bearer token; never logged or put in an error message. */
  token: string;
  name: string;
  maxBytes: number;
  fetch?: typeof fetch;
}

export interface DownloadedFile {
  path: string;
  bytes: number;
  /** Removes the scratch folder. */
  cleanup(): Promise<void>;
}

export async function downloadSlackFile(options: DownloadOptions): Promise<DownloadedFile> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(options.url, { headers: { Authorization: `Bearer ${options.token}` } });
  if (!response.ok || !response.body) {
    throw new UpstreamError(
      "slack_download_failed",
      `Slack refused the download of ${options.name} (HTTP ${response.status}).`,
      {
        hint: "Check that the app has the files:read scope and was reinstalled after adding it.",
      },
    );
  }
  // Without files:read Slack answers 200 with its sign-in page instead of the file.
  if ((response.headers.get("content-type") ?? "").startsWith("text/html") && !/\.html?$/i.test(options.name)) {
    throw new UpstreamError("slack_download_html", `Slack sent a web page instead of ${options.name}.`, {
      hint: "The app needs the files:read scope; add it in the app settings and reinstall the app.",
    });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "insightx-upload-"));
  const file = path.join(dir, safeName(options.name));
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) {
        callback(
          new UserInputError(
            "file_too_large",
            `${options.name} is over the ${Math.round(options.maxBytes / 1024 ** 2)} MB upload limit.`,
            {
              hint: "Split it or filter it to the rows you need, then upload again.",
            },
          ),
        );
      } else callback(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
      limit,
      createWriteStream(file),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: file, bytes, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Keeps the extension (ingestion reads it) and drops path separators. */
function safeName(name: string): string {
  const base = path.basename(name).replace(/[^\w.\- ]/g, "_");
  return base.length > 0 && base !== "." && base !== ".." ? base.slice(-200) : "upload";
}
