// The one progress message a question gets: a checklist that grows as pipeline steps finish.
import type { PipelineEvent, Stage } from "../../pipeline/index.js";
import { type Block, context, type SlackMessage, section } from "./kit.js";
import { clip, escapeMrkdwn, formatMs, plural } from "./text.js";

const CURRENT: Record<Stage, string> = {
  loading: "Loading the channel's data profile…",
  orchestrating: "Planning the analysis…",
  sql_generation: "Writing the SQL…",
  sql_execution: "Running the SQL…",
  python_execution: "Running the Python analysis…",
  composition: "Composing the answer…",
  rendering: "Drawing the chart…",
};

/** Folds PipelineEvents into a checklist; `render` is what the progress message shows. */
export class ProgressState {
  private readonly done: string[] = [];
  private current: string = CURRENT.loading;
  private stage: Stage = "loading";

  constructor(
    private readonly question: string,
    private readonly askedBy: string | null,
  ) {}

  /** Returns the stage for status surfaces (assistant threads). */
  apply(event: PipelineEvent): void {
    switch (event.type) {
      case "status":
        this.stage = event.data.stage;
        this.current = CURRENT[event.data.stage];
        break;
      case "orchestrator_result": {
        this.done.push("Data profile loaded");
        const why = event.data.reasoning ? ` — ${clip(event.data.reasoning, 160)}` : "";
        this.done.push(`Plan: *${event.data.classification}*${escapeMrkdwn(why)}`);
        break;
      }
      case "sql_result": {
        const tries = event.data.attempt > 1 ? ` (fixed after ${event.data.attempt} tries)` : "";
        this.done.push(`SQL: ${plural(event.data.rows, "row")} in ${formatMs(event.data.elapsed_ms)}${tries}`);
        break;
      }
      case "python_result": {
        const summary = event.data.summary ? `: ${clip(event.data.summary, 120)}` : "";
        this.done.push(`Python${escapeMrkdwn(summary)} in ${formatMs(event.data.elapsed_ms)}`);
        break;
      }
      default:
        break;
    }
  }

  /** A short status for `assistant.threads.setStatus`. */
  get status(): string {
    return this.current.replace(/…$/, "").toLowerCase();
  }

  get currentStage(): Stage {
    return this.stage;
  }

  render(): SlackMessage {
    const lines = [
      ...this.done.map((line) => `:white_check_mark: ${line}`),
      `:hourglass_flowing_sand: ${this.current}`,
    ];
    const blocks: Block[] = [section(questionLine(this.question, this.askedBy)), section(lines.join("\n"))];
    return { text: `Working on: ${clip(this.question, 200)}`, blocks };
  }
}

/** "*Q:* question" with who asked when it came from a button. */
export function questionLine(question: string, askedBy: string | null): string {
  const who = askedBy ? `<@${askedBy}> asked: ` : "";
  return `${who}*${escapeMrkdwn(clip(question, 500))}*`;
}

/** A failure, as the final state of the progress message. */
export function failureMessage(question: string, askedBy: string | null, problem: string, next: string): SlackMessage {
  return {
    text: `I could not answer: ${problem}`,
    blocks: [
      section(questionLine(question, askedBy)),
      section(`:warning: ${escapeMrkdwn(problem)}`),
      context(escapeMrkdwn(next)),
    ],
  };
}

/** Why a question in an empty channel cannot be answered, and how to fix it. */
export function noDataMessage(question: string, askedBy: string | null, extensions: string[]): SlackMessage {
  const list = extensions.map((e) => `\`${e}\``).join(" ");
  return {
    text: "This channel has no data yet: upload a file, then ask again.",
    blocks: [
      section(questionLine(question, askedBy)),
      section(
        ":inbox_tray: This channel has no data yet. Drag a CSV, Excel, JSON or Parquet file into the message box " +
          "(or use the + button → Upload from your computer) and I'll profile it in a thread. Then mention me with your question.",
      ),
      context(`Supported files: ${list}. Each channel only sees its own uploads; direct messages have their own.`),
    ],
  };
}
