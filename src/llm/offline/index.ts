// The offline planner: answers common question shapes from the Data DNA alone, when no LLM key can.
export { suggestionsFor } from "./clarify.js";
export { composeOffline } from "./compose.js";
export { planOffline } from "./plan.js";
export type {
  Agg,
  ClarifyPlan,
  Classification,
  ExecutablePlan,
  Filter,
  Grain,
  GroupKey,
  Intent,
  IntentKind,
  OfflineAnswer,
  OfflinePlan,
  PlannerContext,
} from "./types.js";
