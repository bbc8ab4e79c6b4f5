// The "Show SQL & code" modal: the SQL, the Python and a preview of the result, inside Slack's view limits.
import type { types } from "@slack/bolt";
import type { ArchivedAnswer } from "../jobs/answer-archive.js";
import { type Block, context, header, section } from "./kit.js";
import { clip, codeBlock, escapeMrkdwn, plural } from "./text.js";

const PREVIEW_ROWS = 15;

export function codeModal(record: ArchivedAnswer): types.ModalView {
  const blocks: Block[] = [section(`*Question:* ${escapeMrkdwn(clip(record.question, 500))}`)];
  if (record.sql) blocks.push(header("SQL"), section(codeBlock(record.sql)));
  if (record.code) {
    blocks.push(header("Python"));
    // Long code spans several sections rather than being cut at 3,000 characters.
    for (const chunk of chunks(record.code, 2800).slice(0, 4)) blocks.push(section(codeBlock(chunk)));
  }
  if (record.columns.length > 0) {
    blocks.push(header(`Result (${plural(record.rowCount, "row")})`), section(codeBlock(previewTable(record))));
    if (record.rowCount > PREVIEW_ROWS)
      blocks.push(context(`First ${PREVIEW_ROWS} rows; use *Download CSV* for all of them.`));
  }
  return {
    type: "modal",
    callback_id: "insightx_code",
    title: { type: "plain_text", text: "SQL & code" },
    close: { type: "plain_text", text: "Close" },
    blocks,
  };
}

/** A fixed-width table of the first rows, cells clipped so the preview fits one section. */
export function previewTable(record: Pick<ArchivedAnswer, "columns" | "rows">): string {
  const cell = (v: unknown) => clip(v === null || v === undefined ? "" : String(v).replace(/\s+/g, " "), 24);
  const rows = [record.columns.map(cell), ...record.rows.slice(0, PREVIEW_ROWS).map((r) => r.map(cell))];
  const widths = record.columns.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const lines = rows.map((r) =>
    widths
      .map((w, i) => (r[i] ?? "").padEnd(w))
      .join("  ")
      .trimEnd(),
  );
  return lines.join("\n");
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const cut = rest.lastIndexOf("\n", size) > size / 2 ? rest.lastIndexOf("\n", size) : size;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  out.push(rest);
  return out;
}
