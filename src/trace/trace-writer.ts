// Batched, asynchronous trace writes that survive a briefly unreachable database (buffered, bounded, retried).
import type { NewTrace, NewTraceStep, TracesRepo } from "../store/index.js";
import type { Logger } from "../util/index.js";
import { errorMessage } from "../util/index.js";
import type { TraceSink } from "./tracer.js";

export interface TraceWriterOptions {
  traces: Pick<TracesRepo, "insertTraces" | "insertSteps">;
  logger: Logger;
  /** Flush at least this often. @defaultValue 500 */
  flushMs?: number;
  /** Flush as soon as this many rows wait. @defaultValue 200 */
  batchRows?: number;
  /** Rows kept while the database is away; the oldest steps are dropped past it. @defaultValue 50000 */
  maxBufferedRows?: number;
  /** Longest wait between retries of a failed write. @defaultValue 5000 */
  maxRetryMs?: number;
}

/** A TraceSink that writes in batches; `close` flushes what is left. */
export class TraceWriter implements TraceSink {
  private traces = new Map<string, NewTrace>();
  private steps: NewTraceStep[] = [];
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private retryAt = 0;
  private readonly timer: NodeJS.Timeout;
  /** Steps dropped because the buffer was full. */
  dropped = 0;
  /** Rows written so far. */
  written = 0;

  constructor(private readonly options: TraceWriterOptions) {
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 500);
    this.timer.unref();
  }

  trace(trace: NewTrace): void {
    const before = this.traces.get(trace.id);
    this.traces.set(trace.id, before ? { ...before, ...trace } : trace);
    this.afterAdd();
  }

  step(step: NewTraceStep): void {
    this.steps.push(step);
    const max = this.options.maxBufferedRows ?? 50_000;
    if (this.steps.length > max) {
      const excess = this.steps.length - max;
      this.steps.splice(0, excess);
      if (this.dropped === 0) this.options.logger.warn({ max }, "trace buffer full: dropping the oldest steps");
      this.dropped += excess;
    }
    this.afterAdd();
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.traces.size + this.steps.length;
  }

  /** Writes what is buffered now; a failure keeps it buffered for the next try and never throws. */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.pending === 0 || Date.now() < this.retryAt) return Promise.resolve();
    this.inFlight = this.write().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Stops the timer and keeps flushing until everything is written or `timeoutMs` passes. */
  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    clearInterval(this.timer);
    const deadline = Date.now() + (options.timeoutMs ?? 5_000);
    while (this.pending > 0 && Date.now() < deadline) {
      this.retryAt = 0;
      await this.flush();
      if (this.pending > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (this.pending > 0) this.options.logger.warn({ pending: this.pending }, "trace rows not written at shutdown");
  }

  private afterAdd(): void {
    if (this.pending >= (this.options.batchRows ?? 200)) void this.flush();
  }

  private async write(): Promise<void> {
    const traces = [...this.traces.values()];
    const steps = this.steps;
    this.traces = new Map();
    this.steps = [];
    try {
      // Traces first: a step batch never arrives before the trace it belongs to.
      await this.options.traces.insertTraces(traces);
      await this.options.traces.insertSteps(steps);
      this.written += traces.length + steps.length;
      if (this.failures > 0) this.options.logger.info({ rows: traces.length + steps.length }, "trace writes resumed");
      this.failures = 0;
    } catch (error) {
      // Put the batch back under anything newer, so a later update of the same trace still wins.
      for (const trace of traces) {
        const newer = this.traces.get(trace.id);
        this.traces.set(trace.id, newer ? { ...trace, ...newer } : trace);
      }
      this.steps = [...steps, ...this.steps];
      this.failures++;
      const wait = Math.min(this.options.maxRetryMs ?? 5_000, 100 * 2 ** this.failures);
      this.retryAt = Date.now() + wait;
      if (this.failures === 1 || this.failures % 10 === 0) {
        this.options.logger.warn({ err: errorMessage(error), pending: this.pending, wait }, "trace write failed");
      }
    }
  }
}
