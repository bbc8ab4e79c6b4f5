// Replies to `/insightx`: help, the channel's tables, one table's Data DNA, and the forget confirmation.
import { type DataDna, type DatasetEntry, renderDnaSummary } from "../../data/index.js";
import { ACTIONS } from "./action-ids.js";
import { actions, type Block, button, context, fitBlocks, type SlackMessage, section } from "./kit.js";
import { escapeMrkdwn, plural } from "./text.js";

export const HELP_TEXT = [
  "*InsightX* answers questions about the files uploaded to this channel.",
  "• Upload a CSV, TSV, Excel, JSON or Parquet file: I profile it in a thread.",
  "• Mention me with a question (`@InsightX average price by region`), or reply in a thread I'm answering.",
  "*Commands*",
  "`/insightx tables` — the tables in this channel",
  "`/insightx dna <table>` — a table's Data DNA: size, time range, measures, columns",
  "`/insightx forget` — delete this channel's data (asks first)",
  "`/insightx digest …` / `/insightx schedule …` — scheduled summaries",
  "`/insightx stats` — answer times and error rates",
  "`/insightx help` — this message",
].join("\n");

export function helpReply(prefix?: string): SlackMessage {
  const blocks: Block[] = [];
  if (prefix) blocks.push(section(prefix));
  blocks.push(section(HELP_TEXT));
  return { text: "InsightX help", blocks };
}

export function tablesReply(entries: DatasetEntry[]): SlackMessage {
  const active = entries.filter((e) => e.status === "active");
  if (active.length === 0) {
    return {
      text: "No tables in this channel yet.",
      blocks: [section("No tables in this channel yet. Upload a CSV, Excel, JSON or Parquet file to start.")],
    };
  }
  const lines = active.map(
    (e) =>
      `• \`${e.tableName}\` — ${plural(e.dna.rowCount, "row")} × ${plural(e.dna.columnCount, "column")}, from ${escapeMrkdwn(e.dna.sourceFile)}${e.version > 1 ? ` (version ${e.version})` : ""}`,
  );
  const older = entries.length - active.length;
  const blocks = [section(`*Tables in this channel*\n${lines.join("\n")}`)];
  if (older > 0)
    blocks.push(context(`${plural(older, "earlier version")} kept and still queryable as \`<name>_v<N>\`.`));
  return { text: `${active.length} tables in this channel`, blocks: fitBlocks(blocks) };
}

export function dnaDetailReply(dnas: DataDna[]): SlackMessage {
  return {
    text: `Data DNA of ${dnas.map((d) => d.table).join(", ")}`,
    blocks: fitBlocks(dnas.map((d) => section(renderDnaSummary(d)))),
  };
}

export function forgetConfirmReply(tableCount: number, channelId: string): SlackMessage {
  if (tableCount === 0)
    return { text: "This channel has no data to forget.", blocks: [section("This channel has no data to forget.")] };
  const question = `Delete all ${plural(tableCount, "table")} uploaded to this channel, with their earlier versions? This cannot be undone.`;
  return {
    text: question,
    blocks: [
      section(`:warning: ${question}`),
      actions([
        button("Forget this channel's data", ACTIONS.forgetConfirm, channelId, "danger"),
        button("Cancel", ACTIONS.forgetCancel, channelId),
      ]),
    ],
  };
}
