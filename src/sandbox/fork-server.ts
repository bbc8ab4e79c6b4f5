// One fork-server process seen from Node: start it, send it one job at a time, notice when it dies.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import type { Logger } from "../util/index.js";
import { SandboxError } from "../util/index.js";
import type { LaunchCommand } from "./launch.js";
import { type ReadyMessage, type ResultMessage, workerMessage } from "./replies.js";
import { encodeMessage, MessageReader } from "./wire.js";

export interface ForkServerOptions {
  launch: LaunchCommand;
  logger: Logger;
  /** How long the server may take to import pandas & co. @defaultValue 60000 */
  startupTimeoutMs?: number;
  /** Called once when the process is gone, whatever the reason. */
  onExit?: (server: ForkServer) => void;
}

/** A job as the worker receives it: JSON header plus the columnar blob. */
export interface WireJob {
  header: Record<string, unknown>;
  chunks: Uint8Array[];
  blobLength: number;
  /** Node gives up on the server (kills and replaces it) after this long without a reply. */
  watchdogMs: number;
}

/** The server did not answer: it died, or stopped and was killed. The text says which. */
export interface LostJob {
  type: "lost";
  error: string;
}

const STDERR_KEEP = 4096;

export class ForkServer {
  readonly pid: number | undefined;
  ready: ReadyMessage | undefined;
  private readonly reader = new MessageReader(256 * 1024 * 1024);
  private pending: ((message: ResultMessage | LostJob) => void) | undefined;
  private stderrTail = "";
  private exited = false;
  private killed = false;
  private readonly exitPromise: Promise<void>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly options: ForkServerOptions,
  ) {
    this.pid = child.pid;
    this.exitPromise = new Promise((resolve) => child.once("close", () => resolve()));
  }

  /** Spawns the server and waits for its `ready` message. */
  static start(options: ForkServerOptions): Promise<ForkServer> {
    const { command, args, env, uid, gid } = options.launch;
    const ids = uid === undefined ? {} : { uid, ...(gid === undefined ? {} : { gid }) };
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"], ...ids });
    const server = new ForkServer(child, options);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        server.kill();
        reject(
          new SandboxError(
            "worker_start_timeout",
            `the Python worker did not start within ${options.startupTimeoutMs ?? 60_000} ms`,
          ),
        );
      }, options.startupTimeoutMs ?? 60_000);
      server.pending = (message) => {
        clearTimeout(timer);
        if (server.ready) resolve(server);
        else
          reject(
            new SandboxError(
              "worker_start_failed",
              `the Python worker failed to start: ${"error" in message ? message.error : "no ready message"}`,
            ),
          );
      };
      server.listen();
    });
  }

  /** False once the process has exited or been sent SIGKILL. */
  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  private listen(): void {
    this.child.stdout.on("data", (chunk: Buffer) => {
      try {
        for (const raw of this.reader.push(chunk)) this.receive(raw);
      } catch (error) {
        this.options.logger.error({ err: error, pid: this.pid }, "sandbox worker protocol error");
        this.kill();
      }
    });
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-STDERR_KEEP);
    });
    this.child.stdin.on("error", () => undefined);
    this.child.on("error", (error) => {
      this.stderrTail += `\n${error.message}`;
    });
    this.child.once("close", (code, signal) => {
      this.exited = true;
      const how = signal ?? (code === 137 ? "SIGKILL" : `code ${code}`);
      const tail = this.stderrTail.trim().slice(-800);
      const why = `the Python worker process died during the job (${how}), for example because the code signalled its parent; a fresh worker is started${tail ? `. Worker output: ${tail}` : ""}`;
      this.settle({ type: "lost", error: why });
      this.options.onExit?.(this);
    });
  }

  private receive(raw: unknown): void {
    const parsed = workerMessage.safeParse(raw);
    if (!parsed.success) throw new SandboxError("protocol", `unexpected worker message: ${parsed.error.message}`);
    const message = parsed.data;
    if (message.type === "ready") {
      this.ready = message;
      this.settle({ type: "lost", error: "ready" });
    } else if (message.type === "result") {
      this.settle(message);
    } else {
      this.options.logger.error({ pid: this.pid, error: message.error }, "sandbox worker reported a fatal error");
      this.kill();
    }
  }

  private settle(message: ResultMessage | LostJob): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.(message);
  }

  /** Sends one job and resolves with its result, or with `lost` if the server died or hung. */
  run(job: WireJob): Promise<ResultMessage | LostJob> {
    if (this.exited) return Promise.resolve({ type: "lost", error: "the Python worker is not running" });
    if (this.pending) throw new SandboxError("worker_busy", "a fork-server runs one job at a time");
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.options.logger.warn(
          { pid: this.pid, watchdogMs: job.watchdogMs },
          "sandbox worker stopped answering; killing it",
        );
        this.settle({
          type: "lost",
          error: `the Python worker stopped answering for ${job.watchdogMs} ms and was restarted (the code may have stopped or signalled it)`,
        });
        this.kill();
      }, job.watchdogMs);
      this.pending = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
      const stdin = this.child.stdin;
      stdin.cork();
      for (const piece of encodeMessage(job.header, job.chunks, job.blobLength)) stdin.write(piece);
      process.nextTick(() => stdin.uncork());
    });
  }

  /** Kills the server at once (and its container, if any). */
  kill(): void {
    this.killed = true;
    if (!this.exited) this.child.kill("SIGKILL");
    const stop = this.options.launch.stop;
    if (stop)
      spawn(stop.command, stop.args, { env: this.options.launch.env, stdio: "ignore" }).on("error", () => undefined);
  }

  /** Closes stdin so the server exits after its current job; kills it if that takes too long. */
  async close(timeoutMs = 5_000): Promise<void> {
    if (this.exited) return;
    this.child.stdin.end();
    const timer = setTimeout(() => this.kill(), timeoutMs);
    await this.exitPromise;
    clearTimeout(timer);
  }
}
