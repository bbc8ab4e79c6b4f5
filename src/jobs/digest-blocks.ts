// A digest as Slack Block Kit: a pure function of the digest's figures. Table, column and value names and saved
// answers are data, so every piece goes through the escaping builders; the message stays inside Slack's limits.
import {
  type Block,
  clipText,
  code,
  context,
  divider,
  fitBlocks,
  header,
  joinMd,
  LIMITS,
  type Mrkdwn,
  md,
  message,
  type SlackMessage,
  section,
} from "../blockkit/index.js";
import { formatNumber } from "../util/index.js";
import type { DigestData } from "./digest-types.js";

export type SlackBlock = Block;

const fmt = (value: number) => formatNumber(value);
const pct = (value: number | null) => (value === null ? "" : ` (${value >= 0 ? "+" : ""}${value.toFixed(1)}%)`);
const name = (text: string) => code(clipText(text, 60));

/** The digest message; more tables or questions than Slack's 50 blocks allow end in a "…and N more" line. */
export function digestBlocks(data: DigestData): SlackMessage {
  if (data.quiet) {
    const text = md`Nothing changed since the last digest (${data.since?.toISOString().slice(0, 16).replace("T", " ") ?? "never"} UTC).`;
    return message(text, [context(text)]);
  }
  const blocks: Block[] = [header("Channel digest")];
  const summary: Mrkdwn[] = [];
  // Room for the header, the highlights (2 blocks) and a closing "more" line.
  const room = LIMITS.blocksPerMessage - 4;
  if (data.datasets.length === 0)
    blocks.push(section(md`No datasets in this channel yet: drop a CSV, Excel or Parquet file to start.`));
  // Count and size are checked as blocks are added, so the "…and N more" line tells the truth.
  let size = JSON.stringify(blocks).length;
  const fits = (...added: Block[]) => {
    const extra = added.reduce((n, b) => n + JSON.stringify(b).length + 1, 0);
    if (blocks.length + added.length > room || size + extra > LIMITS.messageBlocksChars - 600) return false;
    size += extra;
    return true;
  };
  let shown = 0;
  for (const dataset of data.datasets) {
    const text = datasetText(dataset);
    const block = section(text);
    if (!fits(block)) break;
    summary.push(text);
    blocks.push(block);
    shown++;
  }
  const moreTables = data.datasets.length - shown;
  if (data.highlights.length) {
    const text = md`*Highlights*\n${joinMd(
      data.highlights.map((h) => md`• ${clipText(h, 500)}`),
      "\n",
    )}`;
    const block = section(text);
    if (fits(divider(), block)) {
      summary.push(text);
      blocks.push(divider(), block);
    }
  }
  let answered = 0;
  for (const q of data.questions) {
    const text = savedAnswer(q.question, q.answer);
    const block = section(text);
    if (!fits(divider(), block)) break;
    summary.push(text);
    blocks.push(divider(), block);
    answered++;
  }
  const more = [
    moreTables > 0 ? `${moreTables} more tables (see /insightx tables)` : "",
    data.questions.length - answered > 0 ? `${data.questions.length - answered} more saved questions` : "",
  ].filter(Boolean);
  if (more.length > 0) blocks.push(context(md`…and ${more.join(", ")}.`));
  return message(md`Channel digest\n${joinMd(summary, "\n\n")}`, fitBlocks(blocks));
}

/** A saved question re-run on schedule, as its own message. */
export function savedQuestionMessage(question: string, answer: string): SlackMessage {
  const text = savedAnswer(question, answer);
  return message(text, [section(text)]);
}

function savedAnswer(question: string, answer: string): Mrkdwn {
  return md`*${clipText(question, 300)}*\n${clipText(answer, 2_500)}`;
}

function datasetText(dataset: DigestData["datasets"][number]): Mrkdwn {
  const added =
    dataset.rowsThen === null
      ? `${fmt(dataset.rowCount)} rows`
      : `${fmt(dataset.rowCount)} rows, ${dataset.rowCount - dataset.rowsThen >= 0 ? "+" : ""}${fmt(dataset.rowCount - dataset.rowsThen)} since the last digest`;
  const parts: Mrkdwn[] = [md`*${name(dataset.table)}*: ${added}`];
  const periods = dataset.periods;
  if (periods) {
    parts.push(md`Latest ${periods.grain} (${periods.latestPeriod}) against the average of the ones before:`);
    for (const m of periods.measures.slice(0, 8)) {
      const flag = m.anomaly ? md` :warning: unusual (z = ${m.z!.toFixed(1)})` : md``;
      parts.push(md`• ${name(m.column)}: ${fmt(m.latest)} vs ${fmt(m.baseline)}${pct(m.changePct)}${flag}`);
    }
    if (periods.movers) {
      const movers = periods.movers.items
        .slice(0, 8)
        .map((item) => md`${code(clipText(String(item.value), 40))} ${item.change >= 0 ? "+" : ""}${fmt(item.change)}`);
      parts.push(
        md`Top movers by ${name(periods.movers.dimension)} (${name(periods.movers.measure)}): ${joinMd(movers, ", ")}`,
      );
    }
  }
  return joinMd(parts, "\n");
}
