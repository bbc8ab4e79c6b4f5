// A digest as Slack Block Kit blocks and fallback text: a pure function of the digest's figures.
import { formatNumber } from "../util/index.js";
import type { DigestData } from "./digest-types.js";

export type SlackBlock = Record<string, unknown>;

const fmt = (value: number) => formatNumber(value);
const pct = (value: number | null) => (value === null ? "" : ` (${value >= 0 ? "+" : ""}${value.toFixed(1)}%)`);

const section = (text: string): SlackBlock => ({ type: "section", text: { type: "mrkdwn", text } });

export function digestBlocks(data: DigestData): { text: string; blocks: SlackBlock[] } {
  if (data.quiet) {
    const text = `Nothing changed since the last digest (${data.since?.toISOString().slice(0, 16).replace("T", " ")} UTC).`;
    return { text, blocks: [{ type: "context", elements: [{ type: "mrkdwn", text }] }] };
  }
  const blocks: SlackBlock[] = [{ type: "header", text: { type: "plain_text", text: "Channel digest" } }];
  const lines: string[] = [];
  if (data.datasets.length === 0)
    lines.push("No datasets in this channel yet: drop a CSV, Excel or Parquet file to start.");
  for (const dataset of data.datasets) {
    const added =
      dataset.rowsThen === null
        ? `${fmt(dataset.rowCount)} rows`
        : `${fmt(dataset.rowCount)} rows, ${dataset.rowCount - dataset.rowsThen >= 0 ? "+" : ""}${fmt(dataset.rowCount - dataset.rowsThen)} since the last digest`;
    const parts = [`*${dataset.table}*: ${added}`];
    const periods = dataset.periods;
    if (periods) {
      parts.push(`Latest ${periods.grain} (${periods.latestPeriod}) against the average of the ones before:`);
      for (const m of periods.measures) {
        const flag = m.anomaly ? ` :warning: unusual (z = ${m.z!.toFixed(1)})` : "";
        parts.push(`• ${m.column}: ${fmt(m.latest)} vs ${fmt(m.baseline)}${pct(m.changePct)}${flag}`);
      }
      if (periods.movers) {
        const movers = periods.movers.items
          .map((item) => `${item.value} ${item.change >= 0 ? "+" : ""}${fmt(item.change)}`)
          .join(", ");
        parts.push(`Top movers by ${periods.movers.dimension} (${periods.movers.measure}): ${movers}`);
      }
    }
    lines.push(parts.join("\n"));
    blocks.push(section(parts.join("\n")));
  }
  if (data.highlights.length) {
    const text = `*Highlights*\n${data.highlights.map((h) => `• ${h}`).join("\n")}`;
    lines.push(text);
    blocks.push({ type: "divider" }, section(text));
  }
  for (const q of data.questions) {
    const text = `*${q.question}*\n${q.answer.slice(0, 2_500)}`;
    lines.push(text);
    blocks.push({ type: "divider" }, section(text));
  }
  return { text: `Channel digest\n${lines.join("\n\n")}`, blocks };
}
