// A real runtime (DuckDB, PGlite, no LLM key: the rule planner answers) over a temp data dir, for eval runs.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRuntime, type Runtime } from "../../src/app/index.js";
import { loadConfig } from "../../src/config/index.js";
import { createLogger } from "../../src/util/index.js";

export interface EvalRuntime {
  runtime: Runtime;
  dir: string;
  close(): Promise<void>;
}

export async function startEvalRuntime(): Promise<EvalRuntime> {
  const dir = await mkdtemp(path.join(tmpdir(), "insightx-eval-"));
  const config = loadConfig({ DATA_DIR: dir, LLM_API_KEYS: "", SANDBOX: "bwrap", SANDBOX_POOL_SIZE: "1" });
  const runtime = await createRuntime({ config, logger: createLogger("silent") });
  return {
    runtime,
    dir,
    async close() {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
