// Recognises an upload by its name and its first bytes: which reader to use, and what to refuse.
import { open } from "node:fs/promises";
import path from "node:path";
import { UserInputError } from "../../util/index.js";

export type FileFormat = "csv" | "tsv" | "json" | "parquet" | "xlsx";
export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "latin-1";

export interface DetectedFile {
  format: FileFormat;
  /** For text formats: how the bytes are encoded. */
  encoding: TextEncoding;
  size: number;
}

const EXTENSIONS: Record<string, FileFormat> = {
  ".csv": "csv",
  ".txt": "csv",
  ".tsv": "tsv",
  ".tab": "tsv",
  ".json": "json",
  ".ndjson": "json",
  ".jsonl": "json",
  ".parquet": "parquet",
  ".pq": "parquet",
  ".xlsx": "xlsx",
  ".xlsm": "xlsx",
};

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS);

const fail = (fileName: string, message: string, hint: string, code = "unsupported_file"): never => {
  throw new UserInputError(code, `${fileName}: ${message}`, { hint });
};

/** Throws UserInputError naming the problem and the fix when the file cannot be ingested. */
export async function detectFile(filePath: string, fileName: string, maxBytes: number): Promise<DetectedFile> {
  const handle = await open(filePath, "r");
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(buffer, 0, buffer.length, 0);
    head = buffer;
  } finally {
    await handle.close();
  }
  const ext = path.extname(fileName).toLowerCase();
  const format = EXTENSIONS[ext];
  if (size > maxBytes) {
    fail(
      fileName,
      `is ${formatSize(size)}, over the ${formatSize(maxBytes)} upload limit.`,
      "Split it or filter it to the rows you need, then upload again.",
      "file_too_large",
    );
  }
  if (size === 0) fail(fileName, "is empty.", "Upload a file with a header row and data rows.", "empty_file");
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") {
    fail(fileName, "is a PDF, not a data file.", supportedHint());
  }
  if (!format) fail(fileName, `has an unsupported type (${ext || "no extension"}).`, supportedHint());
  const isZip = head.readUInt32LE(0) === 0x04034b50;
  const isParquet = head.subarray(0, 4).toString("latin1") === "PAR1";
  if (format === "xlsx") {
    if (!isZip)
      fail(fileName, "is not a valid Excel (.xlsx) workbook.", "Save it from Excel as .xlsx and upload again.");
    return { format, encoding: "utf-8", size };
  }
  if (format === "parquet") {
    if (!isParquet) fail(fileName, "is not a valid Parquet file.", "Export it again as Parquet, or upload a CSV.");
    return { format, encoding: "utf-8", size };
  }
  if (isZip || isParquet) {
    fail(fileName, `is a ${isZip ? "zip/Excel" : "Parquet"} file named ${ext}.`, "Rename it with its real extension.");
  }
  const encoding = detectEncoding(head);
  if (encoding !== "utf-16le" && encoding !== "utf-16be" && looksBinary(head)) {
    fail(fileName, "contains binary data, not text.", supportedHint(), "binary_file");
  }
  return { format, encoding, size };
}

function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8-bom";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // UTF-16 without a BOM: every other byte is zero in ASCII-heavy text.
  if (head.length >= 4) {
    const pairs = Math.min(256, Math.floor(head.length / 2));
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < pairs; i++) {
      if (head[2 * i] === 0) evenZero++;
      if (head[2 * i + 1] === 0) oddZero++;
    }
    if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return "utf-16le";
    if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return "utf-16be";
  }
  return isValidUtf8(head) ? "utf-8" : "latin-1";
}

function isValidUtf8(head: Buffer): boolean {
  // A multi-byte character may be cut at the end of the sample: ignore the last 3 bytes.
  const sample = head.length > 4 ? head.subarray(0, head.length - 3) : head;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control > head.length * 0.1;
}

export function formatSize(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function supportedHint(): string {
  return "Export the data as CSV, TSV, JSON/NDJSON, Parquet or Excel (.xlsx) and upload again.";
}
