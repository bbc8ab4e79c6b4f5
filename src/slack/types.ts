// What the Slack surface needs from the rest of InsightX, as typed seams (the composition root fills them in).
import type { Config } from "../config/index.js";
import type { DataEngine } from "../data/index.js";
import type { JobQueue } from "../jobs/index.js";
import type { PipelineDeps } from "../pipeline/index.js";
import type { Store } from "../store/index.js";
import type { Logger } from "../util/index.js";
import type { JobIntake } from "./intake.js";
import type { AnswerArchive } from "./jobs/answer-archive.js";
import type { ThreadMembership } from "./thread-membership.js";

/** The services a Slack process uses; `Runtime` from src/app satisfies it. */
export interface SlackServices {
  config: Config;
  logger: Logger;
  engine: DataEngine;
  store: Store;
  pipelineDeps(overrides?: Partial<PipelineDeps>): PipelineDeps;
  /** Deletes everything the channel holds (tables, history, insights, archived answers, schedules) as one step. */
  forget(ref: { teamId: string; channelId: string }): Promise<{ tables: string[] }>;
}

/** Where a slash command was typed. */
export interface CommandContext {
  teamId: string;
  channelId: string;
  userId: string;
}

/** `/insightx digest|schedule|stats …`: implemented by the queue/trace side; each returns mrkdwn to show. */
export interface SlackCommands {
  digest(args: string, ctx: CommandContext): Promise<string>;
  schedule(args: string, ctx: CommandContext): Promise<string>;
  stats(args: string, ctx: CommandContext): Promise<string>;
}

/** What every listener's `register(app, deps)` receives. */
export interface ListenerDeps {
  logger: Logger;
  engine: DataEngine;
  store: Store;
  /** /insightx forget, after its confirmation button. */
  forget: SlackServices["forget"];
  intake: JobIntake;
  threads: ThreadMembership;
  archive: AnswerArchive;
  commands: SlackCommands;
  /** Largest file the app downloads. */
  maxUploadBytes: number;
  /** Which channel each person is looking at while the agent pane is open (app_context_changed). */
  agentContext: AgentContexts;
}

/** Person → the channel they are viewing (null: none), most recent first out when full. */
export class AgentContexts {
  private readonly byUser = new Map<string, string | null>();
  constructor(private readonly remember = 10_000) {}
  set(userId: string, channelId: string | null): void {
    this.byUser.delete(userId);
    this.byUser.set(userId, channelId);
    if (this.byUser.size > this.remember) this.byUser.delete(this.byUser.keys().next().value as string);
  }
  get(userId: string): string | null {
    return this.byUser.get(userId) ?? null;
  }
}

export type { JobQueue };
