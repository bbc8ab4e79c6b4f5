// Per-key counters: kept in memory for `stats()`, and flushed as deltas to a sink (the store) in order.
import type { Logger } from "../util/index.js";
import type { KeyFailureReason } from "./errors.js";

/** What one or more requests added to a key's counters. */
export interface KeyStatsDelta {
  calls: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  lastReason?: KeyFailureReason;
}

/** Where counters are persisted; the store implements it. Keys are identified by index only. */
export interface KeyStatsSink {
  record(index: number, delta: KeyStatsDelta): Promise<void>;
}

/** Totals since the process started (the sink holds the long-run totals). */
export interface KeyTotals {
  index: number;
  calls: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  lastReason: KeyFailureReason | null;
}

/** A sink that adds deltas up in memory; for tests and for runs without a store. */
export class InMemoryKeyStatsSink implements KeyStatsSink {
  readonly totals = new Map<number, KeyTotals>();

  async record(index: number, delta: KeyStatsDelta): Promise<void> {
    addTo(this.totals, index, delta);
  }
}

export class KeyStatsRecorder {
  readonly #totals = new Map<number, KeyTotals>();
  readonly #sink: KeyStatsSink | undefined;
  readonly #logger: Logger;
  #writes: Promise<void> = Promise.resolve();

  constructor(size: number, sink: KeyStatsSink | undefined, logger: Logger) {
    for (let index = 0; index < size; index++) addTo(this.#totals, index, ZERO);
    this.#sink = sink;
    this.#logger = logger;
  }

  /** Adds a request's outcome and queues it for the sink without making the caller wait for the write. */
  add(index: number, delta: KeyStatsDelta): void {
    addTo(this.#totals, index, delta);
    const sink = this.#sink;
    if (!sink) return;
    this.#writes = this.#writes.then(() =>
      sink.record(index, delta).catch((error: unknown) => {
        this.#logger.warn({ keyIndex: index, err: error }, "could not persist LLM key counters");
      }),
    );
  }

  totals(): KeyTotals[] {
    return [...this.#totals.values()].map((totals) => ({ ...totals }));
  }

  /** Resolves once every queued write has reached the sink. */
  flush(): Promise<void> {
    return this.#writes;
  }
}

const ZERO: KeyStatsDelta = { calls: 0, failures: 0, promptTokens: 0, completionTokens: 0 };

function addTo(map: Map<number, KeyTotals>, index: number, delta: KeyStatsDelta): void {
  const totals = map.get(index) ?? {
    index,
    calls: 0,
    failures: 0,
    promptTokens: 0,
    completionTokens: 0,
    lastReason: null,
  };
  totals.calls += delta.calls;
  totals.failures += delta.failures;
  totals.promptTokens += delta.promptTokens;
  totals.completionTokens += delta.completionTokens;
  if (delta.lastReason !== undefined) totals.lastReason = delta.lastReason;
  map.set(index, totals);
}
