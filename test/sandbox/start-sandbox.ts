// Starts a real sandbox for tests: the given isolation, a small pool, silent logs.
import { loadConfig } from "../../src/config/index.js";
import { createSandbox, type Sandbox, type SandboxMode } from "../../src/sandbox/index.js";
import { createLogger } from "../../src/util/index.js";

export function startSandbox(mode: SandboxMode, poolSize = 1, env: Record<string, string> = {}): Promise<Sandbox> {
  const config = loadConfig({
    SANDBOX: mode,
    SANDBOX_POOL_SIZE: String(poolSize),
    SANDBOX_TIMEOUT_MS: "10000",
    ...env,
  });
  return createSandbox({ config, logger: createLogger("silent") });
}
