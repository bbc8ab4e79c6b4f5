// Length-prefixed messages over the worker's stdio: u32 JSON length, u64 blob length, JSON, blob.
import { SandboxError } from "../util/index.js";

export const PREFIX_BYTES = 12;

/** The pieces of one message, ready for a stream's write (the blob is not copied). */
export function encodeMessage(header: unknown, blob: Uint8Array[] = [], blobLength = 0): Uint8Array[] {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.writeUInt32LE(json.byteLength, 0);
  prefix.writeBigUInt64LE(BigInt(blobLength), 4);
  return [prefix, json, ...blob];
}

/** Collects stdout chunks and hands back each complete message's JSON header, in order. */
export class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageBytes: number) {}

  push(chunk: Buffer): unknown[] {
    this.buffer = this.buffer.byteLength === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: unknown[] = [];
    while (this.buffer.byteLength >= PREFIX_BYTES) {
      const jsonLength = this.buffer.readUInt32LE(0);
      const blobLength = Number(this.buffer.readBigUInt64LE(4));
      const total = PREFIX_BYTES + jsonLength + blobLength;
      if (total > this.maxMessageBytes) {
        throw new SandboxError("protocol", `worker sent a ${total}-byte message (limit ${this.maxMessageBytes})`);
      }
      if (this.buffer.byteLength < total) break;
      const text = this.buffer.subarray(PREFIX_BYTES, PREFIX_BYTES + jsonLength).toString("utf8");
      try {
        messages.push(JSON.parse(text));
      } catch (cause) {
        throw new SandboxError("protocol", "worker sent a message that is not JSON", { cause });
      }
      this.buffer = this.buffer.subarray(total);
    }
    return messages;
  }
}
