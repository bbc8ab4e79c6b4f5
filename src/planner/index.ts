// The Planner seam: plans questions (LlmPlanner, RulePlanner, FallbackPlanner), repairs failed steps, composes.
export { requestedChartType } from "./chart-request.js";
export { PlanUnusableError } from "./errors.js";
export { FallbackPlanner, fallbackReasonOf } from "./fallback-planner.js";
export { LlmPlanner, MAX_PYTHON_ATTEMPTS, MAX_SQL_ATTEMPTS } from "./llm/llm-planner.js";
export {
  type ChartIntent,
  CLASSIFICATIONS,
  type ClarifyPlan,
  type Classification,
  type EvidenceQuery,
  type ExecutablePlan,
  type FallbackReason,
  type GlossaryTermUse,
  hasPython,
  hasSql,
  type Plan,
  type Provenance,
  type PyOnlyPlan,
  type PythonPlan,
  provenanceNote,
  type SqlOnlyPlan,
  type SqlThenPyPlan,
  type TurnState,
} from "./plan.js";
export type {
  Composition,
  FrameSummary,
  PlanContext,
  Planner,
  PlanResults,
  PriorTurn,
  StepFailure,
} from "./planner.js";
export { RulePlanner } from "./rules/rule-planner.js";
export { TurnLog } from "./turn-log.js";
