// Files InsightX posts into a thread through the files.uploadV2 flow: the chart PNG and the result as CSV.
import type { webApi } from "@slack/bolt";
import { clipText, inertText, type Mrkdwn } from "../../blockkit/index.js";
import type { ThreadTarget } from "../send.js";

export type { ThreadTarget };

export async function uploadChart(client: webApi.WebClient, target: ThreadTarget, png: Buffer, title: string) {
  await client.filesUploadV2({
    channel_id: target.channel,
    thread_ts: target.threadTs,
    file: png,
    filename: "chart.png",
    // File titles and alt text are shown as typed (not mrkdwn); cut whole-character.
    title: clipText(inertText(title.replace(/\s+/g, " ")), 250),
    alt_text: clipText(inertText(`Chart: ${title}`), 1000),
  });
}

export async function uploadCsv(
  client: webApi.WebClient,
  target: ThreadTarget,
  table: { columns: string[]; rows: unknown[][] },
  name: string,
  comment: Mrkdwn,
) {
  await client.filesUploadV2({
    channel_id: target.channel,
    thread_ts: target.threadTs,
    file: Buffer.from(toCsv(table), "utf8"),
    filename: `${name}.csv`,
    title: inertText(`${name}.csv`),
    initial_comment: comment.text,
  });
}

/** RFC 4180: quote fields holding commas, quotes or line breaks; nulls are empty; formulas from data defused. */
export function toCsv(table: { columns: string[]; rows: unknown[][] }): string {
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return "";
    let text = typeof value === "object" ? JSON.stringify(value) : String(value);
    // A spreadsheet runs text starting with = + - @ as a formula: data cannot (numbers stay numbers).
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !Number.isFinite(Number(text))) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[table.columns, ...table.rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

/** "average-horsepower-by-origin" from a question, for file names. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "result"
  );
}
