// The sandbox contract: what the pipeline hands the Python worker and what comes back.

export type ColumnType = "number" | "integer" | "boolean" | "string" | "timestamp" | "date";

/**
 * One column of a frame. Values are JS values: number | bigint | string | boolean | Date | null.
 * Timestamps and dates accept Date, an ISO string, epoch milliseconds (number) or epoch
 * microseconds (bigint, as DuckDB returns them). A Float64Array is accepted for numbers.
 */
export interface FrameColumn {
  name: string;
  type: ColumnType;
  values: ArrayLike<unknown>;
}

/** A table handed to the worker; rowCount is the length of the columns' values. */
export interface Frame {
  columns: FrameColumn[];
}

export interface SandboxLimits {
  /** Wall-clock time of one job; the job's whole process group is killed after it. */
  timeoutMs: number;
  /** Address-space limit of the job process, in MiB (it includes the loaded libraries). */
  memoryMb: number;
  /** CPU seconds of the job process. */
  cpuSeconds: number;
  /** Bound on the JSON result and on captured stdout, each. */
  maxOutputBytes: number;
  /** Processes and threads the job may have (RLIMIT_NPROC). */
  maxProcesses: number;
  /** Largest file the job may write in its scratch directory. */
  maxFileBytes: number;
  /** Open file descriptors of the job. */
  maxOpenFiles: number;
}

/** A job: Python code plus named frames; the frame named "df" becomes `df`. */
export interface SandboxJob {
  code: string;
  frames?: Record<string, Frame>;
  limits?: Partial<SandboxLimits>;
}

/**
 * A job's outcome. User-code failures come back in `error` as text a person or a repair loop can
 * act on (exception type, message and the offending line); only infrastructure failures throw.
 */
export interface SandboxResult {
  result: unknown;
  stdout: string;
  elapsed_ms: number;
  error: string | null;
  truncated?: boolean;
}

export type SandboxMode = "bwrap" | "docker" | "unsafe-process";

export interface Sandbox {
  run(job: SandboxJob): Promise<SandboxResult>;
  close(): Promise<void>;
  readonly mode: SandboxMode;
}
