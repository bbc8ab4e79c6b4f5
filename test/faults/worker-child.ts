// A worker process for the fault tests: consumes a BullMQ queue and "answers" like the Slack handler does —
// one progress message (its ts saved on the job), then the answer edited into that same message.
import { BullmqQueue, type QuestionJob } from "../../src/jobs/index.js";
import { createLogger } from "../../src/util/logger.js";

const [url, name, recorder, workMs] = process.argv.slice(2) as [string, string, string, string];

async function post(pathname: string, body: unknown): Promise<{ ts: string }> {
  const res = await fetch(`${recorder}${pathname}`, { method: "POST", body: JSON.stringify(body) });
  return (await res.json()) as { ts: string };
}

const queue = await BullmqQueue.open({
  url,
  name,
  logger: createLogger("silent"),
  lockDurationMs: 1_500,
  stalledIntervalMs: 500,
});
await queue.process(
  async (job) => {
    const data = job.data as QuestionJob;
    let progressTs = data.progressTs;
    if (!progressTs) {
      progressTs = (await post("/progress", { job: job.id, pid: process.pid })).ts;
      await job.update({ progressTs });
    }
    await post("/working", { job: job.id, progressTs, pid: process.pid });
    await new Promise((resolve) => setTimeout(resolve, Number(workMs)));
    await post("/answer", { job: job.id, progressTs, pid: process.pid });
  },
  { concurrency: 2 },
);
process.stdout.write("ready\n");
process.once("SIGTERM", () => void queue.close().then(() => process.exit(0)));
