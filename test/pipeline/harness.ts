// Builds a real runtime (DuckDB, PGlite, sandbox) over a temp data dir, optionally pointed at the fake OpenAI server.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { createRuntime, type Runtime } from "../../src/app/index.js";
import { loadConfig } from "../../src/config/index.js";
import { vegaDatasetsDir } from "../../src/util/index.js";
import { createLogger } from "../../src/util/logger.js";

export const DATASETS = vegaDatasetsDir();

export interface Harness {
  runtime: Runtime;
  logs: string[];
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = await mkdtemp(path.join(tmpdir(), "insightx-pipeline-"));
  const config = loadConfig({
    DATA_DIR: dir,
    SANDBOX: "bwrap",
    SANDBOX_POOL_SIZE: "1",
    LLM_TIMEOUT_MS: "2000",
    LLM_MAX_RETRIES: "2",
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const runtime = await createRuntime({ config, logger: createLogger("debug", sink) });
  return {
    runtime,
    logs,
    async close() {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function load(runtime: Runtime, channelId: string, ...files: string[]) {
  const ref = { teamId: "T1", channelId };
  for (const file of files) await runtime.engine.ingest(ref, { path: path.join(DATASETS, file), name: file });
  return ref;
}
