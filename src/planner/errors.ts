// Planner failures that are the model's fault: a reply that parsed but cannot be run as a plan.
import { UpstreamError } from "../util/index.js";

/** The model's plan contradicts itself (SQL_ONLY without SQL, PY_ONLY naming no table of the channel…). */
export class PlanUnusableError extends UpstreamError {
  constructor(problem: string) {
    super("llm_plan_unusable", `The AI model's plan could not be used: ${problem}`);
  }
}
