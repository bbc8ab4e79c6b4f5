// The answer that replaces the progress message: text, metrics as fields, a context line and buttons.
import {
  actions,
  type Block,
  type Button,
  button,
  clipText,
  context,
  esc,
  fields,
  joinMd,
  type Mrkdwn,
  md,
  message,
  type SlackMessage,
  section,
} from "../../blockkit/index.js";
import type { Answer } from "../../pipeline/index.js";
import { formatNumber } from "../../util/index.js";
import { ACTIONS, indexedAction } from "./action-ids.js";
import { formatMs, plural } from "./format.js";
import { questionLine } from "./progress.js";

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
  const text = final.text.trim();
  const blocks: Block[] = [];
  if (view.askedBy) blocks.push(context(questionLine(view.question, view.askedBy)));
  // Model and composer text is data: escaped, its own *bold* and _italics_ kept.
  blocks.push(section(text ? esc(text) : md`_(no text)_`));
  const metrics = Object.entries(final.metrics).slice(0, 10);
  if (metrics.length > 0) blocks.push(fields(metrics.map(([name, value]) => md`*${name}*\n${show(value, name)}`)));
  blocks.push(context(contextLine(answer)));
  const followUps = final.follow_ups.slice(0, 3);
  if (followUps.length > 0) {
    blocks.push(
      actions(
        followUps.map((q, i) => button({ text: q, actionId: indexedAction(ACTIONS.askFollowUp, i), value: q })),
        "followups",
      ),
    );
  }
  const tools: Button[] = [];
  if (view.archiveId && (final.sql || final.code))
    tools.push(button({ text: "Show SQL & code", actionId: ACTIONS.showCode, value: view.archiveId }));
  if (view.archiveId && answer.result && answer.result.rows.length > 0)
    tools.push(button({ text: "Download CSV", actionId: ACTIONS.downloadCsv, value: view.archiveId }));
  if (tools.length > 0) blocks.push(actions(tools, "tools"));
  return message(text || view.question, blocks);
}

/** "SQL_ONLY · 12 rows · 1.4 s", plus what a reader should know about how it was answered. */
export function contextLine(answer: Answer): Mrkdwn {
  const parts: Mrkdwn[] = [];
  if (answer.classification) parts.push(md`\`${answer.classification}\``);
  if (answer.result) parts.push(esc(plural(answer.result.rows.length, "row")));
  parts.push(esc(formatMs(answer.elapsedMs)));
  if (answer.offline) parts.push(md`offline planner`);
  if (answer.final && !answer.final.grounded)
    parts.push(md`:warning: some numbers could not be checked against the results`);
  return joinMd(parts, " · ");
}

/** Years read as years (2008, not 2,008); other numbers get separators and suffixes. */
function show(value: number | string, name: string): Mrkdwn {
  if (typeof value === "number" && Number.isInteger(value) && /(^|_)(year|yr)s?($|_)/i.test(name))
    return esc(String(value));
  return esc(typeof value === "number" ? formatNumber(value, { compact: true }) : clipText(value, 300));
}
