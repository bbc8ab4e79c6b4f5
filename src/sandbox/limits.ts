// Default per-job limits, derived from configuration, and the merge of a job's own overrides.
import type { Config } from "../config/index.js";
import { SandboxError } from "../util/index.js";
import type { SandboxLimits } from "./types.js";

/** The limits a job gets unless it asks for others. */
export function defaultLimits(config: Pick<Config, "SANDBOX_TIMEOUT_MS" | "SANDBOX_MEMORY_MB">): SandboxLimits {
  return {
    timeoutMs: config.SANDBOX_TIMEOUT_MS,
    memoryMb: config.SANDBOX_MEMORY_MB,
    cpuSeconds: Math.max(1, Math.ceil(config.SANDBOX_TIMEOUT_MS / 1000)),
    maxOutputBytes: 1024 * 1024,
    maxProcesses: 16,
    maxFileBytes: 256 * 1024 * 1024,
    maxOpenFiles: 256,
  };
}

const MINIMUM: SandboxLimits = {
  timeoutMs: 100,
  memoryMb: 256,
  cpuSeconds: 1,
  maxOutputBytes: 1024,
  maxProcesses: 1,
  maxFileBytes: 0,
  maxOpenFiles: 16,
};

/** Overrides on top of defaults; each must be a whole number at or above a workable minimum. */
export function resolveLimits(defaults: SandboxLimits, overrides: Partial<SandboxLimits> = {}): SandboxLimits {
  const merged = { ...defaults };
  for (const key of Object.keys(MINIMUM) as (keyof SandboxLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < MINIMUM[key]) {
      throw new SandboxError("limits_invalid", `Sandbox limit ${key} must be a whole number ≥ ${MINIMUM[key]}`);
    }
    merged[key] = value;
  }
  return merged;
}
