// Jobs: the question/ingest/digest queue (BullMQ on Redis, or in-process), digest schedules and the digest itself.
export { BullmqQueue, type BullmqQueueOptions } from "./bullmq-queue.js";
export { type Cadence, cadenceSpec, isTimeZone, nextRun, parseCadence } from "./cadence.js";
export { type CreateQueueOptions, createQueue } from "./create-queue.js";
export { type BuildDigestOptions, buildDigest, type Digest, type DigestDeps } from "./digest.js";
export { digestBlocks, type SlackBlock } from "./digest-blocks.js";
export { type DigestPoster, runDigestJob } from "./digest-job.js";
export type { MeasureChange, Mover } from "./digest-measures.js";
export type { DatasetDigest, DigestData } from "./digest-types.js";
export { InProcessQueue, type InProcessQueueOptions } from "./in-process-queue.js";
export { openRedis, type RedisClient, redisOptions } from "./redis-client.js";
export {
  type CommandContext,
  digestCommand,
  restoreSchedules,
  type ScheduleCommandDeps,
  scheduleCommand,
} from "./schedule-commands.js";
export { createSlashCommands, type SlashCommand, type SlashCommands } from "./slash-commands.js";
export { type StoreFallbackOptions, withStoreFallback } from "./store-fallback.js";
export {
  type DigestJob,
  type EnqueueResult,
  type IngestJob,
  type JobContext,
  type JobData,
  type JobHandler,
  type JobKind,
  type JobQueue,
  jobGroup,
  PermanentJobError,
  type QuestionJob,
  type QueueCounts,
  type ScheduleSpec,
} from "./types.js";
