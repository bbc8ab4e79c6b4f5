// Graceful shutdown on SIGTERM/SIGINT: stop taking work, let running jobs finish (or requeue them), then close.

import type { Logger } from "../util/index.js";
import { errorMessage } from "../util/index.js";

export interface ShutdownStep {
  name: string;
  /** `force` is true once the grace period is over. */
  run(force: boolean): Promise<void>;
}

export interface ShutdownOptions {
  logger: Logger;
  /** In order: first stop intake (HTTP, Slack), then the queue, then trace flush, then the runtime. */
  steps: ShutdownStep[];
  /** How long running work may take before it is forced. @defaultValue 25000 */
  graceMs?: number;
  /** @defaultValue ["SIGTERM", "SIGINT"] */
  signals?: NodeJS.Signals[];
  /** @defaultValue process.exit */
  exit?: (code: number) => void;
}

/** Installs the handlers; returns `shutdown` for callers that want to trigger it themselves. */
export function installShutdown(options: ShutdownOptions): { shutdown: (reason: string) => Promise<void> } {
  let running: Promise<void> | null = null;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const shutdown = (reason: string) => {
    running ??= (async () => {
      options.logger.info({ reason }, "shutting down");
      const deadline = Date.now() + (options.graceMs ?? 25_000);
      let code = 0;
      for (const step of options.steps) {
        const left = deadline - Date.now();
        try {
          if (left <= 0) await step.run(true);
          else {
            let timer: NodeJS.Timeout | undefined;
            const late = new Promise<"late">((resolve) => {
              timer = setTimeout(() => resolve("late"), left);
            });
            const outcome = await Promise.race([step.run(false).then(() => "done" as const), late]);
            clearTimeout(timer);
            if (outcome === "late") {
              options.logger.warn({ step: step.name }, "grace period over: forcing");
              await step.run(true);
            }
          }
        } catch (error) {
          code = 1;
          options.logger.error({ step: step.name, err: errorMessage(error) }, "shutdown step failed");
        }
      }
      options.logger.info("shutdown complete");
      exit(code);
    })();
    return running;
  };
  for (const signal of options.signals ?? ["SIGTERM", "SIGINT"]) process.once(signal, () => void shutdown(signal));
  return { shutdown };
}
