// N fork-servers: jobs queue when all are busy, a dead or hung server is replaced, shutdown is graceful.
import type { Logger } from "../util/index.js";
import { SandboxError } from "../util/index.js";
import { ForkServer, type LostJob, type WireJob } from "./fork-server.js";
import type { LaunchCommand } from "./launch.js";
import type { ResultMessage } from "./replies.js";

export interface PoolOptions {
  /** Number of fork-servers. @defaultValue 2 */
  size: number;
  /** A fresh command line for each server (docker needs a unique container name). */
  launch: () => LaunchCommand;
  logger: Logger;
  /** @defaultValue 60000 */
  startupTimeoutMs?: number;
  /** Consecutive failed restarts before queued jobs are refused. @defaultValue 5 */
  maxRestartFailures?: number;
}

interface Waiter {
  resolve: (server: ForkServer) => void;
  reject: (error: Error) => void;
}

export class WorkerPool {
  private readonly idle: ForkServer[] = [];
  private readonly busy = new Set<ForkServer>();
  private readonly waiters: Waiter[] = [];
  private failures = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  /** Starts every server; fails (and stops the ones that started) if any cannot start. */
  async start(): Promise<void> {
    const results = await Promise.allSettled(Array.from({ length: this.options.size }, () => this.spawn()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) {
      await this.close();
      throw failed.reason;
    }
    for (const r of results) if (r.status === "fulfilled") this.release(r.value);
  }

  /** Live servers, idle or busy. */
  get size(): number {
    return this.idle.length + this.busy.size;
  }

  async run(job: WireJob): Promise<ResultMessage | LostJob> {
    const server = await this.acquire();
    try {
      return await server.run(job);
    } finally {
      this.busy.delete(server);
      if (server.alive && !this.closed) this.release(server);
    }
  }

  private spawn(): Promise<ForkServer> {
    return ForkServer.start({
      launch: this.options.launch(),
      logger: this.options.logger,
      startupTimeoutMs: this.options.startupTimeoutMs ?? 60_000,
      onExit: (server) => this.lost(server),
    });
  }

  private acquire(): Promise<ForkServer> {
    if (this.closed) return Promise.reject(new SandboxError("sandbox_closed", "the Python sandbox has been shut down"));
    const server = this.idle.pop();
    if (server) {
      this.busy.add(server);
      return Promise.resolve(server);
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(server: ForkServer): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.busy.add(server);
      waiter.resolve(server);
    } else {
      this.idle.push(server);
    }
  }

  private lost(server: ForkServer): void {
    // A server that never became ready is reported by start() or replace(), not here.
    if (!server.ready) return;
    const index = this.idle.indexOf(server);
    if (index >= 0) this.idle.splice(index, 1);
    this.busy.delete(server);
    if (this.closed) return;
    this.options.logger.warn({ pid: server.pid }, "sandbox worker exited; starting a replacement");
    this.replace();
  }

  private replace(): void {
    const delay = this.failures === 0 ? 0 : Math.min(30_000, 500 * 2 ** this.failures);
    setTimeout(() => {
      this.spawn().then(
        (server) => {
          this.failures = 0;
          if (this.closed) void server.close();
          else this.release(server);
        },
        (error: unknown) => {
          this.failures += 1;
          this.options.logger.error({ err: error, failures: this.failures }, "sandbox worker failed to restart");
          if (this.failures >= (this.options.maxRestartFailures ?? 5) && this.size === 0) {
            for (const waiter of this.waiters.splice(0)) {
              waiter.reject(
                new SandboxError("sandbox_unavailable", "no Python worker could be started", { cause: error }),
              );
            }
          }
          if (!this.closed) this.replace();
        },
      );
    }, delay).unref();
  }

  /** Refuses new jobs, lets running ones finish (up to `timeoutMs`), then stops every server. */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(new SandboxError("sandbox_closed", "the Python sandbox has been shut down"));
    }
    const servers = [...this.idle.splice(0), ...this.busy];
    await Promise.all(servers.map((server) => server.close(timeoutMs)));
  }
}
