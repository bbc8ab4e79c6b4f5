// Streams each sheet of an .xlsx workbook into a UTF-8 CSV file (DuckDB then types and loads it).

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import path from "node:path";
// Loaded on first use: commands that never read a workbook should not pay for exceljs (~150 ms).
import type ExcelJS from "exceljs";

export interface SheetCsv {
  sheet: string;
  csvPath: string;
  rows: number;
}

/**
 * Writes one CSV per non-empty sheet into `scratchDir`; stops a sheet past `maxRows`, and throws
 * TooMuchTextError once the CSV text passes `maxBytes` (a workbook whose zip directory lied).
 */
export async function workbookToCsv(
  filePath: string,
  scratchDir: string,
  maxRows: number,
  maxBytes: number,
): Promise<SheetCsv[]> {
  const { default: excel } = await import("exceljs");
  const reader = new excel.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets: SheetCsv[] = [];
  let index = 0;
  let written = 0;
  for await (const worksheet of reader) {
    index++;
    const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string; id?: number };
    const name = ws.name ?? `sheet${index}`;
    const csvPath = path.join(scratchDir, `sheet-${index}.csv`);
    const out = createWriteStream(csvPath, { encoding: "utf8" });
    let rows = 0;
    let width = 0;
    for await (const row of ws) {
      const values = (row.values as unknown[]).slice(1);
      if (rows === 0) width = values.length;
      if (values.every((value) => value === null || value === undefined || value === "")) continue;
      const cells: string[] = [];
      for (let i = 0; i < Math.max(width, values.length); i++) cells.push(csvCell(values[i]));
      const line = `${cells.join(",")}\n`;
      written += line.length;
      if (written > maxBytes) {
        out.destroy();
        throw new TooMuchTextError(written);
      }
      if (!out.write(line)) await once(out, "drain");
      rows++;
      if (rows > maxRows + 1) break;
    }
    out.end();
    await once(out, "finish");
    if (rows > 0) sheets.push({ sheet: name, csvPath, rows: rows - 1 });
  }
  return sheets;
}

export class TooMuchTextError extends Error {
  constructor(readonly bytes: number) {
    super(`the workbook holds more than ${bytes} characters of cell text`);
  }
}

function csvCell(value: unknown): string {
  const text = cellText(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace("T", " ").replace(/\.\d+Z$/, "");
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if ("result" in record) return cellText(record.result);
    if (Array.isArray(record.richText)) {
      return (record.richText as Array<{ text?: string }>).map((part) => part.text ?? "").join("");
    }
    if ("text" in record) return cellText(record.text);
    if ("error" in record) return "";
    return JSON.stringify(value);
  }
  return String(value);
}
