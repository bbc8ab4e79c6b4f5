// Picks the queue: BullMQ when REDIS_URL is set, else the in-process queue with the same contract.
import type { Config } from "../config/index.js";
import type { Logger } from "../util/index.js";
import { BullmqQueue, type BullmqQueueOptions } from "./bullmq-queue.js";
import { InProcessQueue } from "./in-process-queue.js";
import type { JobQueue } from "./types.js";

export interface CreateQueueOptions {
  config: Pick<Config, "REDIS_URL">;
  logger: Logger;
  /** Overrides for the BullMQ queue (name, timings); ignored without REDIS_URL. */
  bullmq?: Omit<BullmqQueueOptions, "url" | "logger">;
}

export async function createQueue(options: CreateQueueOptions): Promise<JobQueue> {
  const { config, logger } = options;
  if (config.REDIS_URL) return BullmqQueue.open({ url: config.REDIS_URL, logger, ...options.bullmq });
  return new InProcessQueue({ logger });
}
