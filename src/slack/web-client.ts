// The Web API client for job handlers: the bot token, SLACK_API_URL when set, and Slack's retry policy.
import { webApi } from "@slack/bolt";
import type { Config } from "../config/index.js";
import type { Logger } from "../util/index.js";
import { boltLogger } from "./bolt-logger.js";

export function createSlackClient(
  config: Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_API_URL">,
  logger: Logger,
): webApi.WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    logger: boltLogger(logger.child({ component: "slack-web-api" })),
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
  });
}
