// The Python sandbox: a pool of jailed fork-servers that run generated code on handed-over frames.
export { type CreateSandboxOptions, createSandbox } from "./create-sandbox.js";
export { type ColumnDescriptor, type EncodedFrames, encodeFrames, type FrameDescriptor } from "./frame-codec.js";
export {
  type BwrapCommandOptions,
  buildBwrapCommand,
  buildDockerCommand,
  buildUnsafeCommand,
  type DockerCommandOptions,
  type LaunchCommand,
} from "./launch.js";
export { defaultLimits, resolveLimits } from "./limits.js";
export { formatSandboxResult, type RunPythonOnceOptions, runPythonOnce } from "./run-once.js";
export type {
  ColumnType,
  Frame,
  FrameColumn,
  Sandbox,
  SandboxJob,
  SandboxLimits,
  SandboxMode,
  SandboxResult,
} from "./types.js";
