// The composition root shared by every surface. The long-running processes' wiring (Slack, queue, HTTP) loads on
// demand, so one-shot commands that import this folder never pay for it.
import type { ProcessOptions, ProcessWiring } from "./process-wiring.js";
import type { Runtime } from "./runtime.js";

export {
  assertNotForgetting,
  FORGET_STEPS,
  type ForgetDeps,
  ForgetIncompleteError,
  type ForgetReport,
  type ForgetStep,
  forgetChannel,
  forgetPending,
  resumeForgets,
} from "./forget-channel.js";
export type { JobSettings, ProcessOptions, ProcessWiring } from "./process-wiring.js";
export { answerArchiveDir, createRuntime, type Runtime, type RuntimeOptions } from "./runtime.js";

/** The one wiring of `insightx start` and `insightx worker` (see process-wiring.ts), loaded when first called. */
export async function wireProcess(runtime: Runtime, options: ProcessOptions): Promise<ProcessWiring> {
  const wiring = await import("./process-wiring.js");
  return wiring.wireProcess(runtime, options);
}
