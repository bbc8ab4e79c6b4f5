// An upload, as a job: files.info → download with the bot token → ingest into the channel → Data DNA reply.
import type { webApi } from "@slack/bolt";
import { SUPPORTED_EXTENSIONS } from "../../data/index.js";
import type { IngestJob, JobContext } from "../../jobs/index.js";
import { errorMessage, InsightError } from "../../util/index.js";
import { dnaReply, ingestFailedReply, ingestProgress } from "../blocks/dna.js";
import type { section } from "../blocks/kit.js";
import { downloadSlackFile } from "./file-download.js";
import type { SlackJobDeps } from "./job-deps.js";
import { ProgressMessage } from "./progress-message.js";
import { fileKind, type SlackFile, shareThread, shareTs, slackFileSchema } from "./slack-file.js";

export async function runIngestJob(deps: SlackJobDeps, job: JobContext<IngestJob>): Promise<void> {
  const { client, logger } = deps;
  const data = job.data;
  const info = await client.files.info({ file: data.fileId });
  const file = slackFileSchema.parse(info.file);
  const threadTs = data.threadTs || shareThread(file, data.channelId);
  if (!threadTs) {
    logger.info({ file: file.id, channel: data.channelId }, "file not shared in this channel; ignored");
    return;
  }
  const kind = fileKind(file);
  if (kind === "media") return;
  if (kind === "unsupported") {
    await post(client, data.channelId, threadTs, ingestFailedReply(file.name, unsupportedText()));
    return;
  }
  const ref = { teamId: data.teamId, channelId: data.channelId };
  const progress = new ProgressMessage({ client, logger, channel: data.channelId, threadTs });
  await progress.start(ingestProgress(file.name, file.size));
  deps.threads?.add(data.channelId, threadTs);
  try {
    const tables = await download(deps, file, async (path) =>
      deps.services.engine.ingest(ref, { path, name: file.name }),
    );
    await progress.finish(
      dnaReply(
        file.name,
        tables.map((t) => ({ dna: t.dna, previousVersionTable: t.previousVersionTable, notes: t.notes })),
      ),
    );
    const ts = shareTs(file, data.channelId);
    if (ts)
      await client.reactions.add({ channel: data.channelId, timestamp: ts, name: "bar_chart" }).catch(() => undefined);
    logger.info({ file: file.id, channel: data.channelId, tables: tables.map((t) => t.tableName) }, "file ingested");
  } catch (error) {
    const message = errorMessage(error);
    if (!(error instanceof InsightError)) logger.error({ err: error, file: file.id }, "ingestion failed");
    await progress.finish(ingestFailedReply(file.name, message));
  }
}

async function download<T>(deps: SlackJobDeps, file: SlackFile, use: (path: string) => Promise<T>): Promise<T> {
  const url = file.url_private_download ?? file.url_private;
  if (!url)
    throw new InsightError("slack_file_url", `Slack gave no download link for ${file.name}.`, {
      hint: "Upload it again.",
    });
  const downloaded = await downloadSlackFile({
    url,
    token: deps.botToken,
    name: file.name,
    maxBytes: deps.services.config.MAX_UPLOAD_BYTES,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  try {
    return await use(downloaded.path);
  } finally {
    await downloaded.cleanup();
  }
}

function unsupportedText(): string {
  return `that kind of file is not something I can read. Upload one of ${SUPPORTED_EXTENSIONS.join(" ")} (CSV, TSV, JSON, Parquet or Excel).`;
}

async function post(
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
  message: { text: string; blocks: unknown[] },
) {
  await client.chat.postMessage({
    channel,
    thread_ts: threadTs,
    text: message.text,
    blocks: message.blocks as ReturnType<typeof section>[],
    unfurl_links: false,
    unfurl_media: false,
  });
}
