// The "Show SQL & code" modal: the SQL, the Python and a preview of the result, split across blocks, never clipped.
import type { types } from "@slack/bolt";
import { type Block, clipText, codeBlocks, context, header, LIMITS, md, modal, section } from "../../blockkit/index.js";
import type { ArchivedAnswer } from "../jobs/answer-archive.js";
import { plural } from "./format.js";

const PREVIEW_ROWS = 15;

export function codeModal(record: ArchivedAnswer): types.ModalView {
  const blocks: Block[] = [section(md`*Question:* ${clipText(record.question, 500)}`)];
  const room = () => LIMITS.blocksPerView - blocks.length - 4;
  const addCode = (title: string, code: string) => {
    const pieces = codeBlocks(code);
    blocks.push(header(title));
    for (const piece of pieces.slice(0, Math.max(1, room()))) blocks.push(section(piece));
    if (pieces.length > Math.max(1, room()))
      blocks.push(
        context(md`The rest is too long to show here (${pieces.length} parts); use *Download CSV* or ask for less.`),
      );
  };
  if (record.sql) addCode("SQL", record.sql);
  if (record.code) addCode("Python", record.code);
  if (record.columns.length > 0) {
    addCode(`Result (${plural(record.rowCount, "row")})`, previewTable(record));
    if (record.rowCount > PREVIEW_ROWS)
      blocks.push(context(md`First ${PREVIEW_ROWS} rows; use *Download CSV* for all of them.`));
  }
  return modal({ title: "SQL & code", callbackId: "insightx_code", blocks });
}

/** A fixed-width table of the first rows, cells cut (whole characters) so columns stay readable. */
export function previewTable(record: Pick<ArchivedAnswer, "columns" | "rows">): string {
  const cell = (v: unknown) => clipText(v === null || v === undefined ? "" : String(v).replace(/\s+/g, " "), 24);
  const rows = [record.columns.map(cell), ...record.rows.slice(0, PREVIEW_ROWS).map((r) => r.map(cell))];
  const widths = record.columns.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      widths
        .map((w, i) => (r[i] ?? "").padEnd(w))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
