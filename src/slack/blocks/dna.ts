// The reply to an upload: each table's Data DNA summary and three question buttons from its columns.
import { type DataDna, renderDnaSummary } from "../../data/index.js";
import { ACTIONS, indexedAction } from "./action-ids.js";
import { actions, type Block, button, context, fitBlocks, type SlackMessage, section } from "./kit.js";
import { suggestQuestions } from "./suggestions.js";
import { escapeMrkdwn } from "./text.js";

export interface IngestedSummary {
  dna: DataDna;
  previousVersionTable: string | null;
  notes: string[];
}

export function dnaReply(fileName: string, tables: IngestedSummary[]): SlackMessage {
  const blocks: Block[] = [section(`:white_check_mark: Loaded *${escapeMrkdwn(fileName)}*`)];
  for (const table of tables.slice(0, 8)) {
    blocks.push(section(renderDnaSummary(table.dna)));
    const notes = [...table.notes];
    if (table.previousVersionTable) notes.push(`The previous version is kept as \`${table.previousVersionTable}\`.`);
    if (notes.length > 0) blocks.push(context(notes.map(escapeMrkdwn).join(" ")));
  }
  if (tables.length > 8) blocks.push(context(`…and ${tables.length - 8} more tables (see \`/insightx tables\`).`));
  const first = tables[0];
  const questions = first ? suggestQuestions(first.dna) : [];
  if (questions.length > 0) {
    blocks.push(context("Try one of these, or mention me with your own question:"));
    blocks.push(actions(questions.map((q, i) => button(q, indexedAction(ACTIONS.askFollowUp, i), q))));
  }
  const names = tables.map((t) => t.dna.table).join(", ");
  return { text: `Loaded ${fileName}: ${names}`, blocks: fitBlocks(blocks) };
}

export function ingestFailedReply(fileName: string, message: string): SlackMessage {
  const text = `:warning: I could not load *${escapeMrkdwn(fileName)}*: ${escapeMrkdwn(message)}`;
  return {
    text: `I could not load ${fileName}: ${message}`,
    blocks: [section(text), context("Nothing in this channel's data changed.")],
  };
}

export function ingestProgress(fileName: string, size: number): SlackMessage {
  const kb = size > 0 ? ` (${formatSize(size)})` : "";
  const text = `:hourglass_flowing_sand: Loading *${escapeMrkdwn(fileName)}*${kb} and profiling its columns…`;
  return { text: `Loading ${fileName}…`, blocks: [section(text)] };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
