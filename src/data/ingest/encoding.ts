// Text that is not UTF-8 becomes UTF-8 before DuckDB reads it: UTF-16, Windows-1252/Latin-1, or stray bytes.
import { isUtf8 } from "node:buffer";
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";

/**
 * Windows-1252 is what "Latin-1" text really is in practice: 0x80–0x9F hold curly quotes, dashes and €.
 * Spelled out because Node's TextDecoder("windows-1252") decodes those bytes as ISO-8859-1 controls.
 */
const CP1252_80_9F =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const HIGH_BYTES: Buffer[] = Array.from({ length: 128 }, (_, i) =>
  Buffer.from(i < 32 ? CP1252_80_9F[i]! : String.fromCharCode(0x80 + i), "utf8"),
);

/** Rewrites UTF-16 text as UTF-8. */
export async function transcodeUtf16(from: string, to: string, encoding: "utf-16le" | "utf-16be"): Promise<void> {
  const decoder = new TextDecoder(encoding);
  await pipeline(
    createReadStream(from),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) yield decoder.decode(chunk, { stream: true });
      yield decoder.decode();
    },
    createWriteStream(to, { encoding: "utf8" }),
  );
}

/**
 * Rewrites text as UTF-8: valid UTF-8 sequences are kept, every other byte is read as Windows-1252.
 * `wholeFile` reads every byte as Windows-1252 (a file that is Latin-1 throughout). Returns how many
 * bytes were converted.
 */
export async function transcodeLatin1(from: string, to: string, wholeFile: boolean): Promise<number> {
  let converted = 0;
  await pipeline(
    createReadStream(from, { highWaterMark: 1024 * 1024 }),
    async function* (source: AsyncIterable<Buffer>) {
      let carry: Buffer = Buffer.alloc(0);
      for await (const chunk of source) {
        const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        const cut = wholeFile ? bytes.length : completeLength(bytes);
        const part = bytes.subarray(0, cut);
        carry = Buffer.from(bytes.subarray(cut));
        if (!wholeFile && isUtf8(part)) {
          yield part;
          continue;
        }
        const out = repair(part, wholeFile);
        converted += out.converted;
        yield out.bytes;
      }
      if (carry.length > 0) {
        const out = repair(carry, true);
        converted += out.converted;
        yield out.bytes;
      }
    },
    createWriteStream(to),
  );
  return converted;
}

function repair(bytes: Buffer, allHigh: boolean): { bytes: Buffer; converted: number } {
  const parts: Buffer[] = [];
  let start = 0;
  let converted = 0;
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const length = allHigh ? 0 : sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (i > start) parts.push(bytes.subarray(start, i));
    parts.push(HIGH_BYTES[byte - 0x80]!);
    converted++;
    i++;
    start = i;
  }
  if (start < bytes.length) parts.push(bytes.subarray(start));
  return { bytes: Buffer.concat(parts), converted };
}

/** Length of the valid UTF-8 sequence starting at `i` (a byte ≥ 0x80), or 0 when it is not one. */
function sequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const lo = lead === 0xe0 ? 0xa0 : 0x80;
    const hi = lead === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const lo = lead === 0xf0 ? 0x90 : 0x80;
    const hi = lead === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** How many leading bytes end on a character boundary: a multi-byte character cut at the end waits. */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return need > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}
