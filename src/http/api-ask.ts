// POST /api/ask: one question's PipelineEvents as server-sent events (seed 000's names), for front ends other than Slack.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { parseChannelRef } from "../data/index.js";
import { withStoreFallback } from "../jobs/index.js";
import type { PipelineDeps } from "../pipeline/index.js";
import { type TraceSink, tracedQuestion } from "../trace/index.js";
import type { Logger } from "../util/index.js";
import { errorMessage } from "../util/index.js";
import type { Metrics } from "./metrics.js";

export interface AskDeps {
  pipelineDeps(): PipelineDeps;
  /** Bearer tokens accepted; none means the endpoint is off. */
  tokens: string[];
  traces: TraceSink;
  metrics?: Metrics;
  logger: Logger;
}

const bodySchema = z.object({
  /** `C123` or `T123:C123`. */
  channel: z.string().trim().min(1).max(100),
  question: z.string().trim().min(1).max(4_000),
  thread: z.string().trim().min(1).max(100).optional(),
  team: z.string().trim().min(1).max(100).optional(),
});

const MAX_BODY = 64 * 1024;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function authorized(header: string | undefined, tokens: string[]): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  return tokens.some((token) => {
    const wanted = Buffer.from(token);
    return wanted.length === given.length && timingSafeEqual(wanted, given);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function handleAsk(deps: AskDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (deps.tokens.length === 0) return json(res, 404, { error: "the API is off: set API_TOKENS to enable it" });
  if (!authorized(req.headers.authorization, deps.tokens))
    return json(res, 401, { error: "missing or wrong bearer token" });
  let body: z.infer<typeof bodySchema>;
  try {
    body = bodySchema.parse(JSON.parse(await readBody(req)));
  } catch (error) {
    return json(res, 400, { error: `expected JSON {channel, question, thread?}: ${errorMessage(error)}` });
  }
  const { teamId, channelId } = parseChannelRef(body.channel, {
    teamId: body.team ?? "local",
    channelId: body.channel,
  });
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  let gone = false;
  res.on("close", () => {
    gone = true;
  });
  const request = { ref: { teamId, channelId }, question: body.question, threadId: body.thread ?? "api" };
  const { tracer, events } = tracedQuestion(await withStoreFallback(deps.pipelineDeps()), request, {
    sink: deps.traces,
    ...(deps.metrics ? { onStep: deps.metrics.step } : {}),
  });
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) {
        const answer = next.value;
        deps.metrics?.question(answer.classification, answer.error ? "failed" : "answered");
        break;
      }
      deps.metrics?.event(next.value);
      if (gone) {
        await events.return(undefined as never);
        break;
      }
      res.write(`data: ${JSON.stringify(next.value)}\n\n`);
    }
    tracer.finish();
  } catch (error) {
    tracer.finish(error);
    deps.logger.error({ err: errorMessage(error) }, "api ask failed");
    if (!gone)
      res.write(
        `data: ${JSON.stringify({ type: "error", message: "Internal error", data: { message: "Internal error", stage: "loading", retryable: true } })}\n\n`,
      );
  }
  res.end();
}
