// The one progress message a question gets: a checklist that grows as pipeline steps finish.
import {
  type Block,
  clipText,
  context,
  esc,
  joinMd,
  type Mrkdwn,
  md,
  message,
  type SlackMessage,
  section,
  userMention,
} from "../../blockkit/index.js";
import type { PipelineEvent, Stage } from "../../pipeline/index.js";
import { formatMs, plural } from "./format.js";

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
  private readonly done: Mrkdwn[] = [];
  private current: string = CURRENT.loading;
  private stage: Stage = "loading";

  constructor(
    private readonly question: string,
    private readonly askedBy: string | null,
  ) {}

  apply(event: PipelineEvent): void {
    switch (event.type) {
      case "status":
        this.stage = event.data.stage;
        this.current = CURRENT[event.data.stage];
        break;
      case "orchestrator_result": {
        this.done.push(md`Data profile loaded`);
        // The model's reasoning is data: escaped and cut whole-character.
        const why = event.data.reasoning ? md` — ${clipText(event.data.reasoning, 160)}` : md``;
        this.done.push(md`Plan: *${event.data.classification}*${why}`);
        break;
      }
      case "sql_result": {
        const tries = event.data.attempt > 1 ? ` (fixed after ${event.data.attempt} tries)` : "";
        this.done.push(md`SQL: ${plural(event.data.rows, "row")} in ${formatMs(event.data.elapsed_ms)}${tries}`);
        break;
      }
      case "python_result": {
        const summary = event.data.summary ? md`: ${clipText(event.data.summary, 120)}` : md``;
        this.done.push(md`Python${summary} in ${formatMs(event.data.elapsed_ms)}`);
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
      ...this.done.map((line) => md`:white_check_mark: ${line}`),
      md`:hourglass_flowing_sand: ${this.current}`,
    ];
    const blocks: Block[] = [section(questionLine(this.question, this.askedBy)), section(joinMd(lines, "\n"))];
    return message(md`Working on: ${clipText(this.question, 200)}`, blocks);
  }
}

/** "*question*", with who asked when it came from a button. */
export function questionLine(question: string, askedBy: string | null): Mrkdwn {
  const who = askedBy ? md`${userMention(askedBy)} asked: ` : md``;
  return md`${who}*${clipText(question, 500)}*`;
}

/** A failure, as the final state of the progress message. */
export function failureMessage(question: string, askedBy: string | null, problem: string, next: string): SlackMessage {
  return message(md`I could not answer: ${problem}`, [
    section(questionLine(question, askedBy)),
    section(md`:warning: ${problem}`),
    context(esc(next)),
  ]);
}

/** Why a question in an empty channel cannot be answered, and how to fix it. */
export function noDataMessage(question: string, askedBy: string | null, extensions: string[]): SlackMessage {
  const list = joinMd(
    extensions.map((e) => md`\`${e}\``),
    " ",
  );
  return message(md`This channel has no data yet: upload a file, then ask again.`, [
    section(questionLine(question, askedBy)),
    section(
      md`:inbox_tray: This channel has no data yet. Drag a CSV, Excel, JSON or Parquet file into the message box (or use the + button → Upload from your computer) and I'll profile it in a thread. Then mention me with your question.`,
    ),
    context(md`Supported files: ${list}. Each channel only sees its own uploads; direct messages have their own.`),
  ]);
}
