// The Slack surface: the Bolt app and its listeners, and the job handler that renders answers to Slack.

export { ACTIONS } from "./blocks/action-ids.js";
export { boltLogger } from "./bolt-logger.js";
export { slackDigestPoster } from "./digest-poster.js";
export { type AnswerArchive, type ArchivedAnswer, FileAnswerArchive } from "./jobs/answer-archive.js";
export type { SlackJobDeps } from "./jobs/job-deps.js";
export { createSlackJobHandler } from "./jobs/job-handler.js";
export {
  createUpdateBudgets,
  LocalUpdateBudgets,
  RedisUpdateBudgets,
  type UpdateBudget,
  type UpdateBudgets,
} from "./jobs/update-budget.js";
export { type SlackFailure, SlackPlatformError, slackFailure } from "./platform-errors.js";
export { createSlackApp, LISTENERS, type SlackApp, type SlackAppOptions } from "./slack-app.js";
export { ThreadMembership } from "./thread-membership.js";
export type { CommandContext, SlackCommands, SlackServices } from "./types.js";
export { createSlackClient } from "./web-client.js";
