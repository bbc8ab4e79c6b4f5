// The pipeline: questions in, PipelineEvents and answers out; knows nothing about Slack.

export {
  CLASSIFICATIONS,
  type Classification,
  type FinalResponse,
  type PipelineEvent,
  pipelineEventSchema,
  STAGES,
  type Stage,
} from "./events.js";
export { checkText, collectNumbers, findNumbers, isGrounded } from "./grounding.js";
export { answerQuestion, defaultPlanner, runQuestion } from "./orchestrator.js";
export { frameFromColumns, frameFromQuery } from "./steps/frames.js";
export type { Answer, PipelineDeps, QuestionContext, QuestionRequest } from "./types.js";
