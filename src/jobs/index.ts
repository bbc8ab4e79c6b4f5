// Jobs: the question/ingest/digest queue (BullMQ on Redis, or in-process), digest schedules and the digest itself.
export { BullmqQueue, type BullmqQueueOptions } from "./bullmq-queue.js";
export { type Cadence, cadenceSpec, isTimeZone, nextRun, parseCadence } from "./cadence.js";
export { type CreateQueueOptions, createQueue } from "./create-queue.js";
export { InProcessQueue, type InProcessQueueOptions } from "./in-process-queue.js";
export { openRedis, type RedisClient, redisOptions } from "./redis-client.js";
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
