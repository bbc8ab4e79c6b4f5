// The reply to an upload: each table's Data DNA summary and three question buttons from its columns.
import {
  actions,
  type Block,
  button,
  clipText,
  code,
  context,
  esc,
  joinMd,
  md,
  message,
  type SlackMessage,
  section,
} from "../../blockkit/index.js";
import type { DataDna } from "../../data/index.js";
import { ACTIONS, indexedAction } from "./action-ids.js";
import { dnaSummary } from "./dna-summary.js";
import { formatSize } from "./format.js";
import { suggestQuestions } from "./suggestions.js";

export interface IngestedSummary {
  dna: DataDna;
  previousVersionTable: string | null;
  notes: string[];
}

/** A file name as people see it: escaped, cut to 120 characters. */
export const fileLabel = (fileName: string) => md`*${clipText(fileName, 120)}*`;

export function dnaReply(fileName: string, tables: IngestedSummary[]): SlackMessage {
  const blocks: Block[] = [section(md`:white_check_mark: Loaded ${fileLabel(fileName)}`)];
  for (const table of tables.slice(0, 8)) {
    blocks.push(section(dnaSummary(table.dna)));
    const notes = table.notes.map((note) => esc(note));
    if (table.previousVersionTable)
      notes.push(md`The previous version is kept as ${code(table.previousVersionTable)}.`);
    if (notes.length > 0) blocks.push(context(joinMd(notes, " ")));
  }
  if (tables.length > 8) blocks.push(context(md`…and ${tables.length - 8} more tables (see \`/insightx tables\`).`));
  const first = tables[0];
  const questions = first ? suggestQuestions(first.dna) : [];
  if (questions.length > 0) {
    blocks.push(context(md`Try one of these, or mention me with your own question:`));
    blocks.push(
      actions(questions.map((q, i) => button({ text: q, actionId: indexedAction(ACTIONS.askFollowUp, i), value: q }))),
    );
  }
  const names = tables.map((t) => t.dna.table).join(", ");
  return message(md`Loaded ${clipText(fileName, 120)}: ${clipText(names, 300)}`, blocks);
}

export function ingestFailedReply(fileName: string, problem: string): SlackMessage {
  return message(md`I could not load ${clipText(fileName, 120)}: ${problem}`, [
    section(md`:warning: I could not load ${fileLabel(fileName)}: ${problem}`),
    context(md`Nothing in this channel's data changed.`),
  ]);
}

export function ingestProgress(fileName: string, size: number): SlackMessage {
  const kb = size > 0 ? ` (${formatSize(size)})` : "";
  return message(md`Loading ${clipText(fileName, 120)}…`, [
    section(md`:hourglass_flowing_sand: Loading ${fileLabel(fileName)}${kb} and profiling its columns…`),
  ]);
}
