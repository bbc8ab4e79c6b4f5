// An upload, as a job: files.info (size and kind checked before any download) → claim the upload → download with
// the bot token → ingest into the channel → Data DNA reply. Both events of one upload lead here; one ingests.
import { SUPPORTED_EXTENSIONS } from "../../data/index.js";
import type { IngestJob, JobContext } from "../../jobs/index.js";
import { errorMessage, InsightError } from "../../util/index.js";
import { dnaReply, ingestFailedReply, ingestProgress } from "../blocks/dna.js";
import { formatSize } from "../blocks/format.js";
import { postMessage } from "../send.js";
import { downloadSlackFile } from "./file-download.js";
import type { ResolvedJobDeps } from "./job-deps.js";
import { ProgressMessage } from "./progress-message.js";
import { fileKind, latestShare, type SlackFile, slackFileSchema } from "./slack-file.js";

export async function runIngestJob(deps: ResolvedJobDeps, job: JobContext<IngestJob>): Promise<void> {
  const { client, logger } = deps;
  const data = job.data;
  const found = await findShare(deps, data);
  if (!found) {
    // Not spent: the upload's message event (or a retry of this one) still ingests it.
    logger.info({ file: data.fileId, channel: data.channelId }, "no share of the file visible in this channel yet");
    return;
  }
  const { file, share } = found;
  const threadTs = data.threadTs || share.threadTs;
  if (await isOtherBotsFile(deps, data, file)) {
    logger.info({ file: file.id, channel: data.channelId }, "a bot's file, not addressed to InsightX; ignored");
    return;
  }
  const kind = fileKind(file);
  if (kind === "media") return;
  const upload = { teamId: data.teamId, channelId: data.channelId, fileId: file.id, shareTs: share.ts };
  if (!(await deps.services.store.slack.claimUpload(upload, job.id))) {
    logger.info({ file: file.id, channel: data.channelId, job: job.id }, "upload already taken by another event");
    return;
  }
  const target = { channel: data.channelId, threadTs };
  // Whatever the reply, the bot is in this thread from now on: a question asked there is for it.
  await deps.threads.add(data.teamId, data.channelId, threadTs);
  if (kind === "unsupported") {
    await postMessage(client, target, ingestFailedReply(file.name, unsupportedText()));
    return;
  }
  const limit = deps.services.config.MAX_UPLOAD_BYTES;
  if (file.size > limit) {
    const problem = `it is ${formatSize(file.size)} and the upload limit is ${formatSize(limit)}. Split it or filter it to the rows you need, then upload again.`;
    await postMessage(client, target, ingestFailedReply(file.name, problem));
    return;
  }
  const ref = { teamId: data.teamId, channelId: data.channelId };
  const progress = new ProgressMessage({ client, logger, ...target });
  await progress.start(ingestProgress(file.name, file.size));
  try {
    const tables = await download(deps, file, (path) => deps.services.engine.ingest(ref, { path, name: file.name }));
    await progress.finish(
      dnaReply(
        file.name,
        tables.map((t) => ({ dna: t.dna, previousVersionTable: t.previousVersionTable, notes: t.notes })),
      ),
    );
    await client.reactions
      .add({ channel: data.channelId, timestamp: share.ts, name: "bar_chart" })
      .catch((error) => logger.debug({ err: errorMessage(error) }, "no reaction on the upload"));
    logger.info({ file: file.id, channel: data.channelId, tables: tables.map((t) => t.tableName) }, "file ingested");
  } catch (error) {
    if (!(error instanceof InsightError)) logger.error({ err: error, file: file.id }, "ingestion failed");
    await progress.finish(ingestFailedReply(file.name, errorMessage(error)));
  }
}

/**
 * The file and the share this job is about. A file_shared event can arrive before Slack lists the share in
 * files.info: then it reads again after short waits instead of giving up.
 */
async function findShare(deps: ResolvedJobDeps, data: IngestJob) {
  const waits = data.shareTs ? [] : (deps.shareWaitsMs ?? [500, 1000, 2000, 4000]);
  for (let attempt = 0; ; attempt++) {
    const file = slackFileSchema.parse((await deps.client.files.info({ file: data.fileId })).file);
    if (data.shareTs) return { file, share: { ts: data.shareTs, threadTs: data.threadTs || data.shareTs } };
    const share = latestShare(file, data.channelId);
    if (share) return { file, share };
    const wait = waits[attempt];
    if (wait === undefined) return null;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** One rule on both paths: the bot's own files never, another bot's only when its message mentions InsightX. */
async function isOtherBotsFile(deps: ResolvedJobDeps, data: IngestJob, file: SlackFile): Promise<boolean> {
  const bot = await deps.bot();
  if (file.user === bot.userId || (file.bot_id && file.bot_id === bot.botId)) return true;
  const fromBot = data.fromBot === true || Boolean(file.bot_id);
  return fromBot && data.mentionsBot !== true;
}

async function download<T>(deps: ResolvedJobDeps, file: SlackFile, use: (path: string) => Promise<T>): Promise<T> {
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
