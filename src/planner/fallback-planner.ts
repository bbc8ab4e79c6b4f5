// FallbackPlanner(primary, fallback): the one place that decides when the fallback (the rule planner) answers,
// and records why for the answer's note: no model, every key cooling down, unusable output, repairs exhausted.
import {
  AllKeysCoolingDownError,
  LlmDeadlineError,
  LlmInvalidOutputError,
  LlmRequestError,
  LlmUnavailableError,
} from "../llm/index.js";
import { PlanUnusableError } from "./errors.js";
import type { ExecutablePlan, FallbackReason, Plan, Provenance, PythonPlan } from "./plan.js";
import type { Composition, FrameSummary, PlanContext, Planner, PlanResults, StepFailure } from "./planner.js";

type Reason = NonNullable<Provenance["fallback"]>;

/** Why the primary could not answer, or null when the error is not the model's (a bug, a bad question). */
export function fallbackReasonOf(error: unknown): Reason | null {
  if (error instanceof AllKeysCoolingDownError) return { reason: "keys_cooling_down", detail: error.message };
  if (error instanceof LlmUnavailableError) return { reason: "no_model", detail: error.message };
  if (error instanceof LlmInvalidOutputError || error instanceof PlanUnusableError)
    return { reason: "model_output_unusable", detail: `the AI model's reply could not be used (${error.code})` };
  if (error instanceof LlmDeadlineError) {
    return {
      reason: "model_failed",
      detail: `the AI model did not answer within ${Math.round(error.deadlineMs / 1000)} s`,
    };
  }
  if (error instanceof LlmRequestError)
    return { reason: "model_failed", detail: `the AI model failed (${error.code})` };
  return null;
}

export class FallbackPlanner implements Planner {
  readonly name = "fallback";
  readonly available = true;
  /** Which planner made each plan handed out this process, so repairs and compositions go back to it. */
  readonly #owners = new WeakMap<object, Planner>();

  constructor(
    readonly primary: Planner,
    readonly fallback: Planner,
  ) {}

  async plan(question: string, context: PlanContext): Promise<Plan> {
    if (!this.primary.available) {
      return this.#byFallback(question, context, { reason: "no_model", detail: "no LLM key is configured" });
    }
    try {
      return this.#own(this.primary, await this.primary.plan(question, context));
    } catch (error) {
      const reason = fallbackReasonOf(error);
      if (!reason) throw error;
      return this.#byFallback(question, context, reason);
    }
  }

  async writePython(plan: PythonPlan, frame: FrameSummary, context: PlanContext): Promise<ExecutablePlan> {
    const owner = this.#ownerOf(plan);
    try {
      return this.#own(owner, await owner.writePython(plan, frame, context));
    } catch (error) {
      const reason = owner === this.primary ? fallbackReasonOf(error) : null;
      if (!reason) throw error;
      const replaced = await this.#byFallback(plan.question, context, reason);
      if (replaced.classification === "CLARIFY") throw error;
      return replaced;
    }
  }

  async repair(plan: ExecutablePlan, failure: StepFailure, context: PlanContext): Promise<ExecutablePlan | null> {
    const owner = this.#ownerOf(plan);
    let next: ExecutablePlan | null = null;
    let reason: Reason = { reason: "repairs_exhausted", detail: repairsExhausted(failure) };
    try {
      next = await owner.repair(plan, failure, context);
    } catch (error) {
      const why = owner === this.primary ? fallbackReasonOf(error) : null;
      if (!why) throw error;
      reason = why;
    }
    if (next) return this.#own(owner, next);
    // An empty result the model saw and kept is the answer; only a model that could not look is replaced.
    if (failure.step === "empty" && reason.reason === "repairs_exhausted") return null;
    // A query stopped by the time limit would only make the person wait twice as long.
    if (owner !== this.primary || (failure.step === "sql" && failure.timedOut)) return null;
    const replaced = await this.#byFallback(plan.question, context, reason);
    return replaced.classification === "CLARIFY" ? null : replaced;
  }

  async compose(
    plan: ExecutablePlan,
    results: PlanResults,
    context: PlanContext,
    problems?: string[],
  ): Promise<Composition> {
    const owner = this.#ownerOf(plan);
    try {
      return await owner.compose(plan, results, context, problems);
    } catch (error) {
      if (owner !== this.primary || !fallbackReasonOf(error)) throw error;
      return this.fallback.compose(plan, results, context, problems);
    }
  }

  async #byFallback(question: string, context: PlanContext, fallback: Reason): Promise<Plan> {
    const plan = await this.fallback.plan(question, context);
    return this.#own(this.fallback, { ...plan, provenance: { planner: this.fallback.name, fallback } });
  }

  #own<P extends Plan>(planner: Planner, plan: P): P {
    this.#owners.set(plan, planner);
    return plan;
  }

  /** Plans this planner did not hand out (restored, or built by hand) belong to whoever their provenance names. */
  #ownerOf(plan: Plan): Planner {
    const known = this.#owners.get(plan);
    if (known) return known;
    return plan.provenance.planner === this.primary.name ? this.primary : this.fallback;
  }
}

function repairsExhausted(failure: StepFailure): string {
  const what = failure.step === "python" ? "Python code" : "SQL";
  return `the AI model's ${what} still failed after ${failure.attempt} attempt${failure.attempt === 1 ? "" : "s"}`;
}

export type { FallbackReason };
