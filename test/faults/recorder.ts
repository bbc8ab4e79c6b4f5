// Records what workers "post" (progress messages and answers) over real HTTP, as a fake Slack would.
import { createServer } from "node:http";

export interface Posted {
  job: string;
  progressTs?: string;
  pid: number;
}

export interface Recorder {
  url: string;
  progress: Posted[];
  answers: Posted[];
  /** Jobs a worker is working on, its progress message saved on the job. */
  working: Posted[];
  close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
  const progress: Posted[] = [];
  const answers: Posted[] = [];
  const working: Posted[] = [];
  let ts = 1000;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as Posted;
    if (req.url === "/progress") progress.push(body);
    else if (req.url === "/working") working.push(body);
    else answers.push(body);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ts: `${ts++}.000100` }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    progress,
    answers,
    working,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
