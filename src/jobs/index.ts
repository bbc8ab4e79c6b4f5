// Jobs: the question/ingest/digest queue (BullMQ on Redis, or in-process) and its workers.
export { InProcessQueue, type InProcessQueueOptions } from "./in-process-queue.js";
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
  type QueueCounts,
  type QuestionJob,
} from "./types.js";
