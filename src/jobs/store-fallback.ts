// Degraded mode for a store outage: a question whose store does not answer runs without thread history and
// insights rather than failing (the pipeline treats a missing store as "every question stands alone").
import type { PipelineDeps } from "../pipeline/index.js";
import { errorMessage } from "../util/index.js";

export interface StoreFallbackOptions {
  /** How long the store may take to answer `SELECT 1`. @defaultValue 1000 */
  timeoutMs?: number;
}

/** `deps` as they are when the store answers; without the store (and a warning) when it does not. */
export async function withStoreFallback(deps: PipelineDeps, options: StoreFallbackOptions = {}): Promise<PipelineDeps> {
  const store = deps.store;
  if (!store) return deps;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      store.db.query("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("no answer")), options.timeoutMs ?? 1_000);
      }),
    ]);
    return deps;
  } catch (error) {
    deps.logger.warn({ err: errorMessage(error) }, "store unreachable: answering without thread history or insights");
    const { store: _unreachable, ...rest } = deps;
    return rest;
  } finally {
    clearTimeout(timer);
  }
}
