// zod schemas for what the fork-server says on stdout: parsed once, typed from here on.
import { z } from "zod";

export const readyMessage = z.object({
  type: z.literal("ready"),
  pid: z.number().int(),
  versions: z.record(z.string(), z.string()),
});

export const resultMessage = z.object({
  type: z.literal("result"),
  result: z.unknown(),
  stdout: z.string(),
  error: z.string().nullable(),
  truncated: z.boolean(),
});

export const fatalMessage = z.object({ type: z.literal("fatal"), error: z.string() });

export const workerMessage = z.discriminatedUnion("type", [readyMessage, resultMessage, fatalMessage]);

export type ReadyMessage = z.infer<typeof readyMessage>;
export type ResultMessage = z.infer<typeof resultMessage>;
export type WorkerMessage = z.infer<typeof workerMessage>;
