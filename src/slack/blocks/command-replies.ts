// Replies to `/insightx`: help, the channel's tables, one table's Data DNA, and the forget confirmation.
import {
  actions,
  type Block,
  button,
  clipText,
  code,
  context,
  esc,
  joinMd,
  type Mrkdwn,
  md,
  message,
  type SlackMessage,
  section,
} from "../../blockkit/index.js";
import type { DataDna, DatasetEntry } from "../../data/index.js";
import { ACTIONS } from "./action-ids.js";
import { dnaSummary } from "./dna-summary.js";
import { plural } from "./format.js";

export const HELP_TEXT = md`*InsightX* answers questions about the files uploaded to this channel.
• Upload a CSV, TSV, Excel, JSON or Parquet file: I profile it in a thread.
• Mention me with a question (\`@InsightX average price by region\`), or reply in a thread I'm answering.
*Commands*
\`/insightx tables\` — the tables in this channel
\`/insightx dna &lt;table&gt;\` — a table's Data DNA: size, time range, measures, columns
\`/insightx forget\` — delete this channel's data (asks first)
\`/insightx digest …\` / \`/insightx schedule …\` — scheduled summaries
\`/insightx stats\` — answer times and error rates
\`/insightx help\` — this message`;

export function helpReply(prefix?: Mrkdwn): SlackMessage {
  const blocks: Block[] = [];
  if (prefix) blocks.push(section(prefix));
  blocks.push(section(HELP_TEXT));
  return message(md`InsightX help`, blocks);
}

export function tablesReply(entries: DatasetEntry[]): SlackMessage {
  const active = entries.filter((e) => e.status === "active");
  if (active.length === 0) {
    return message(md`No tables in this channel yet.`, [
      section(md`No tables in this channel yet. Upload a CSV, Excel, JSON or Parquet file to start.`),
    ]);
  }
  const lines = active.map(
    (e) =>
      md`• ${code(clipText(e.tableName, 60))} — ${plural(e.dna.rowCount, "row")} × ${plural(e.dna.columnCount, "column")}, from ${clipText(e.dna.sourceFile, 120)}${e.version > 1 ? ` (version ${e.version})` : ""}`,
  );
  const older = entries.length - active.length;
  const blocks = [section(md`*Tables in this channel*\n${joinMd(lines, "\n")}`)];
  if (older > 0)
    blocks.push(
      context(md`${plural(older, "earlier version")} kept and still queryable as \`&lt;name&gt;_v&lt;N&gt;\`.`),
    );
  return message(md`${active.length} tables in this channel`, blocks);
}

export function dnaDetailReply(dnas: DataDna[]): SlackMessage {
  return message(
    md`Data DNA of ${clipText(dnas.map((d) => d.table).join(", "), 300)}`,
    dnas.map((d) => section(dnaSummary(d))),
  );
}

export function forgetConfirmReply(tableCount: number, channelId: string): SlackMessage {
  if (tableCount === 0)
    return message(md`This channel has no data to forget.`, [section(md`This channel has no data to forget.`)]);
  const question = md`Delete all ${plural(tableCount, "table")} uploaded to this channel, with their earlier versions? This cannot be undone.`;
  return message(question, [
    section(md`:warning: ${question}`),
    actions([
      button({
        text: "Forget this channel's data",
        actionId: ACTIONS.forgetConfirm,
        value: channelId,
        style: "danger",
      }),
      button({ text: "Cancel", actionId: ACTIONS.forgetCancel, value: channelId }),
    ]),
  ]);
}

/** Text another module wrote for people (digest/schedule/stats replies): shown, with anything in it escaped. */
export function textReply(text: string): SlackMessage {
  return message(text, [section(esc(text))]);
}
