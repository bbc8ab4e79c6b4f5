// Builds the Sandbox the app uses: picks the isolation from SANDBOX, starts the pool, runs jobs.
import { randomUUID } from "node:crypto";
import { accessSync, constants, lstatSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Config } from "../config/index.js";
import { ConfigError, type Logger, SandboxError } from "../util/index.js";
import { encodeFrames } from "./frame-codec.js";
import { buildBwrapCommand, buildDockerCommand, buildUnsafeCommand, type LaunchCommand } from "./launch.js";
import { defaultLimits, resolveLimits } from "./limits.js";
import { WorkerPool } from "./pool.js";
import { pythonWorkerDir } from "./python-dir.js";
import type { Sandbox, SandboxJob, SandboxMode, SandboxResult } from "./types.js";

export interface CreateSandboxOptions {
  config: Config;
  logger: Logger;
  /** Where worker.py lives. @defaultValue the python/ directory next to this module */
  pythonDir?: string;
  /** @defaultValue "/usr/bin/bwrap" */
  bwrapPath?: string;
  /** @defaultValue "docker" */
  dockerPath?: string;
}

const NOBODY = 65534;
const SCRATCH_BYTES = 512 * 1024 * 1024;
/** Time Node allows beyond a job's own timeout before it declares the server hung. */
const WATCHDOG_GRACE_MS = 5_000;
const HANDOFF_BYTES_PER_MS = 50_000;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UNSAFE_WARNING =
  "SANDBOX=unsafe-process: generated Python runs WITHOUT isolation (host filesystem, network and user); development only";

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Which top-level directories are symlinks into /usr here (merged /usr), so the jail mirrors them. */
function usrLinks(): Record<string, string | null> {
  const links: Record<string, string | null> = {};
  for (const dir of ["/bin", "/lib", "/lib64", "/sbin", "/lib32"]) {
    try {
      links[dir] = lstatSync(dir).isSymbolicLink() ? readlinkSync(dir) : null;
    } catch {
      // absent on this host: nothing to mirror
    }
  }
  return links;
}

function launcher(
  options: CreateSandboxOptions,
  pythonDir: string,
): { launch: () => LaunchCommand; cleanup: () => void } {
  const { config } = options;
  const limits = defaultLimits(config);
  if (config.SANDBOX === "bwrap") {
    const bwrapPath = options.bwrapPath ?? "/usr/bin/bwrap";
    if (!executable(bwrapPath)) {
      throw new ConfigError(
        "sandbox_bwrap_missing",
        `SANDBOX=bwrap needs bubblewrap at ${bwrapPath}, which is missing: install it (apt-get install bubblewrap, or npm run setup), use SANDBOX=docker, or set SANDBOX=unsafe-process explicitly for development without isolation.`,
      );
    }
    if (!path.resolve(config.PYTHON_BIN).startsWith("/usr/")) {
      throw new ConfigError(
        "sandbox_python_outside_usr",
        `PYTHON_BIN=${config.PYTHON_BIN} must be under /usr for SANDBOX=bwrap (only /usr is visible in the jail); use /usr/bin/python3.`,
      );
    }
    const command = buildBwrapCommand({
      bwrapPath,
      pythonBin: config.PYTHON_BIN,
      pythonDir,
      scratchBytes: SCRATCH_BYTES,
      usrMerged: usrLinks(),
      ...(process.getuid?.() === 0 ? { runAs: { uid: NOBODY, gid: NOBODY } } : {}),
    });
    return { launch: () => command, cleanup: () => undefined };
  }
  if (config.SANDBOX === "docker") {
    const env: Record<string, string> = {};
    for (const key of [
      "PATH",
      "HOME",
      "DOCKER_HOST",
      "DOCKER_CONTEXT",
      "DOCKER_CONFIG",
      "DOCKER_CERT_PATH",
      "DOCKER_TLS_VERIFY",
    ]) {
      const value = process.env[key];
      if (value) env[key] = value;
    }
    const launch = () => {
      const command = buildDockerCommand({
        ...(options.dockerPath ? { dockerPath: options.dockerPath } : {}),
        image: config.SANDBOX_DOCKER_IMAGE,
        name: `insightx-py-${randomUUID().slice(0, 12)}`,
        memoryMb: limits.memoryMb + 512,
        pidsLimit: limits.maxProcesses + 16,
        scratchBytes: SCRATCH_BYTES,
      });
      return { ...command, env };
    };
    return { launch, cleanup: () => undefined };
  }
  options.logger.warn(UNSAFE_WARNING);
  const scratchRoot = mkdtempSync(path.join(os.tmpdir(), "insightx-py-"));
  const launch = () =>
    buildUnsafeCommand({
      pythonBin: config.PYTHON_BIN,
      pythonDir,
      scratchDir: mkdtempSync(path.join(scratchRoot, "w-")),
    });
  return { launch, cleanup: () => rmSync(scratchRoot, { recursive: true, force: true }) };
}

/** Starts the worker pool for `config.SANDBOX`; refuses bwrap mode without bubblewrap. */
export async function createSandbox(options: CreateSandboxOptions): Promise<Sandbox> {
  const { config, logger } = options;
  const mode: SandboxMode = config.SANDBOX;
  const pythonDir = options.pythonDir ?? pythonWorkerDir();
  const { launch, cleanup } = launcher(options, pythonDir);
  const pool = new WorkerPool({ size: config.SANDBOX_POOL_SIZE, launch, logger });
  await pool.start();
  logger.info({ mode, size: config.SANDBOX_POOL_SIZE }, "python sandbox ready");
  const defaults = defaultLimits(config);

  return {
    mode,
    async run(job: SandboxJob): Promise<SandboxResult> {
      const started = performance.now();
      if (mode === "unsafe-process") logger.warn(UNSAFE_WARNING);
      const limits = resolveLimits(defaults, job.limits);
      for (const name of Object.keys(job.frames ?? {})) {
        if (!IDENTIFIER.test(name))
          throw new SandboxError("frame_invalid", `frame name ${JSON.stringify(name)} is not a Python identifier`);
      }
      const encoded = encodeFrames(job.frames);
      const reply = await pool.run({
        header: { type: "job", code: job.code, limits, frames: encoded.frames },
        chunks: encoded.chunks,
        blobLength: encoded.byteLength,
        watchdogMs: limits.timeoutMs + WATCHDOG_GRACE_MS + Math.ceil(encoded.byteLength / HANDOFF_BYTES_PER_MS),
      });
      const elapsed_ms = Math.round((performance.now() - started) * 1000) / 1000;
      if (reply.type === "lost") return { result: null, stdout: "", elapsed_ms, error: reply.error };
      const result: SandboxResult = { result: reply.result, stdout: reply.stdout, elapsed_ms, error: reply.error };
      if (reply.truncated) result.truncated = true;
      return result;
    },
    async close(): Promise<void> {
      await pool.close();
      cleanup();
    },
  };
}
