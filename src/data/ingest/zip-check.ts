// Reads a zip's central directory (without inflating anything) to refuse zip bombs before parsing.
import { open } from "node:fs/promises";
import { UserInputError } from "../../util/index.js";

export interface ZipLimits {
  /** Refuse when the entries would inflate past this many bytes. */
  maxUncompressedBytes: number;
  /** Refuse when any entry inflates more than this many times its compressed size. @defaultValue 200 */
  maxRatio: number;
  /** @defaultValue 10000 */
  maxEntries: number;
}

export async function checkZip(filePath: string, fileName: string, limits: ZipLimits): Promise<void> {
  const handle = await open(filePath, "r");
  try {
    const size = (await handle.stat()).size;
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) bad(fileName, "is not a complete Excel workbook (its zip directory is missing).");
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (entries > limits.maxEntries) bad(fileName, `has ${entries} parts, more than a workbook should.`);
    if (dirOffset + dirSize > size) bad(fileName, "is truncated or corrupt.");
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    let offset = 0;
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (dir.readUInt32LE(offset) !== 0x02014b50) bad(fileName, "is corrupt (bad zip directory).");
      const compressed = dir.readUInt32LE(offset + 20);
      const uncompressed = dir.readUInt32LE(offset + 24);
      const nameLength = dir.readUInt16LE(offset + 28);
      const extraLength = dir.readUInt16LE(offset + 30);
      const commentLength = dir.readUInt16LE(offset + 32);
      total += uncompressed;
      // Deflate never grows data by more than a few bytes per 16 KB block: a bigger part lies about its size.
      if (compressed > uncompressed + Math.ceil(uncompressed / 16_384) * 5 + 64) {
        bad(fileName, "is corrupt (a part claims to be smaller than its compressed data).");
      }
      if (uncompressed > 1_000_000 && uncompressed > compressed * limits.maxRatio) {
        bad(
          fileName,
          `looks like a zip bomb (a part inflates ${Math.round(uncompressed / Math.max(1, compressed))}×).`,
        );
      }
      offset += 46 + nameLength + extraLength + commentLength;
    }
    if (total > limits.maxUncompressedBytes) {
      bad(fileName, `would inflate to ${Math.round(total / 1024 ** 2)} MB, over the limit.`);
    }
  } finally {
    await handle.close();
  }
}

function bad(fileName: string, message: string): never {
  throw new UserInputError("bad_workbook", `${fileName} ${message}`, {
    hint: "Open it in Excel, save a clean copy as .xlsx (or export CSV) and upload again.",
  });
}
