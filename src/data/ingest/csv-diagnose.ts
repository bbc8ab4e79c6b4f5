// When DuckDB cannot read a CSV, find the first line whose field count differs from the header's.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

export interface RaggedLine {
  line: number;
  fields: number;
  expected: number;
}

const CANDIDATES = [",", "\t", ";", "|"];

/** The delimiter that splits the header line into the most fields (quote-aware). */
export function guessDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 1;
  for (const delimiter of CANDIDATES) {
    const count = countFields(headerLine, delimiter).fields;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Scans up to `maxBytes` of the file; null when every record has the header's field count. */
export async function findRaggedLine(
  filePath: string,
  delimiter: string | undefined,
  maxBytes = 256 * 1024 ** 2,
): Promise<RaggedLine | null> {
  const input = createReadStream(filePath, { encoding: "utf8", end: maxBytes });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let physicalLine = 0;
  let recordStart = 1;
  let record = "";
  let expected = -1;
  let delim = delimiter;
  try {
    for await (const line of lines) {
      physicalLine++;
      record = record ? `${record}\n${line}` : line;
      delim ??= guessDelimiter(record);
      const { fields, openQuote } = countFields(record, delim);
      if (openQuote) continue; // a quoted field spans lines
      if (record.trim() !== "") {
        if (expected < 0) expected = fields;
        else if (fields !== expected) return { line: recordStart, fields, expected };
      }
      record = "";
      recordStart = physicalLine + 1;
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return null;
}

function countFields(text: string, delimiter: string): { fields: number; openQuote: boolean } {
  let fields = 1;
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (inQuote && text[i + 1] === '"') i++;
      else inQuote = !inQuote;
    } else if (ch === delimiter && !inQuote) {
      fields++;
    }
  }
  return { fields, openQuote: inQuote };
}
