// The answer that replaces the progress message: text, metrics as fields, a context line and buttons.

import type { Answer } from "../../pipeline/index.js";
import { formatNumber } from "../../util/index.js";
import { ACTIONS, indexedAction } from "./action-ids.js";
import {
  actions,
  type Block,
  type Button,
  button,
  context,
  fields,
  fitBlocks,
  type SlackMessage,
  section,
} from "./kit.js";
import { questionLine } from "./progress.js";
import { clip, escapeMrkdwn, formatMs, plural } from "./text.js";

export interface AnswerView {
  question: string;
  /** Who asked, shown when the question came from a button click. */
  askedBy: string | null;
  answer: Answer;
  /** Archived SQL/code/result for the "Show SQL & code" and "Download CSV" buttons. */
  archiveId: string | null;
}

export function answerMessage(view: AnswerView): SlackMessage {
  const { answer } = view;
  const final = answer.final!;
  const blocks: Block[] = [];
  if (view.askedBy) blocks.push(context(questionLine(view.question, view.askedBy)));
  blocks.push(section(final.text.trim() || "_(no text)_"));
  const metrics = Object.entries(final.metrics).slice(0, 10);
  if (metrics.length > 0)
    blocks.push(fields(metrics.map(([name, value]) => `*${escapeMrkdwn(name)}*\n${show(value, name)}`)));
  blocks.push(context(contextLine(answer)));
  const followUps = final.follow_ups.slice(0, 3);
  if (followUps.length > 0) {
    blocks.push(
      actions(
        followUps.map((q, i) => button(q, indexedAction(ACTIONS.askFollowUp, i), q)),
        "followups",
      ),
    );
  }
  const tools: Button[] = [];
  if (view.archiveId && (final.sql || final.code))
    tools.push(button("Show SQL & code", ACTIONS.showCode, view.archiveId));
  if (view.archiveId && answer.result && answer.result.rows.length > 0) {
    tools.push(button("Download CSV", ACTIONS.downloadCsv, view.archiveId));
  }
  if (tools.length > 0) blocks.push(actions(tools, "tools"));
  return { text: clip(final.text.trim() || view.question, 3000), blocks: fitBlocks(blocks) };
}

/** "SQL_ONLY · 12 rows · 1.4 s", plus what a reader should know about how it was answered. */
export function contextLine(answer: Answer): string {
  const parts: string[] = [];
  if (answer.classification) parts.push(`\`${answer.classification}\``);
  if (answer.result) parts.push(plural(answer.result.rows.length, "row"));
  parts.push(formatMs(answer.elapsedMs));
  if (answer.offline) parts.push("offline planner");
  if (answer.final && !answer.final.grounded)
    parts.push(":warning: some numbers could not be checked against the results");
  return parts.join(" · ");
}

/** Years read as years (2008, not 2,008); other numbers get separators and suffixes. */
function show(value: number | string, name: string): string {
  if (typeof value === "number" && Number.isInteger(value) && /(^|_)(year|yr)s?($|_)/i.test(name)) return String(value);
  return typeof value === "number" ? formatNumber(value, { compact: true }) : escapeMrkdwn(clip(value, 300));
}
