// What the Slack job handlers need: a Web API client and the services, never Bolt listener arguments.
import type { webApi } from "@slack/bolt";
import type { TraceSink } from "../../trace/index.js";
import type { ThreadMembership } from "../thread-membership.js";
import type { SlackServices } from "../types.js";
import type { AnswerArchive } from "./answer-archive.js";
import type { UpdateBudgets } from "./update-budget.js";

export interface SlackJobDeps {
  client: webApi.WebClient;
  services: SlackServices;
  logger: SlackServices["logger"];
  archive: AnswerArchive;
  /** The bot token, for file downloads (Slack wants it as a bearer token). */
  botToken: string;
  /** Where the bot's threads are recorded. @defaultValue one over `services.store` */
  threads?: ThreadMembership;
  /**
   * Progress edit allowance per workspace.
   * @defaultValue 40 edits a minute per workspace, shared through Redis when REDIS_URL is set
   */
  budgets?: UpdateBudgets;
  /** Least time between two edits of one progress message. @defaultValue 1000 */
  progressIntervalMs?: number;
  /** Where each question's trace goes (`insightx stats`). @defaultValue not traced */
  traceSink?: TraceSink;
  /** For downloads. @defaultValue the global fetch */
  fetch?: typeof fetch;
  /**
   * Waits before files.info is read again when a file_shared event finds no share yet (Slack adds shares a moment
   * after the event).
   * @defaultValue [500, 1000, 2000, 4000]
   */
  shareWaitsMs?: number[];
}

/** SlackJobDeps with its defaults filled in (see createSlackJobHandler). */
export type ResolvedJobDeps = SlackJobDeps & {
  threads: ThreadMembership;
  budgets: UpdateBudgets;
  /** The bot's own user and bot ids (auth.test, asked once). */
  bot(): Promise<{ userId: string; botId: string }>;
};
