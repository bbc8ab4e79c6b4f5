// Encodes frames as columnar binary for the worker (numpy.frombuffer on the other side): no JSON rows.
import { SandboxError } from "../util/index.js";
import type { Frame, FrameColumn } from "./types.js";

/** How one column sits in the blob; mirrors insightx_worker/frames.py. */
export interface ColumnDescriptor {
  name: string;
  type: FrameColumn["type"];
  enc: "f64" | "i64" | "bool" | "str" | "stroff" | "dict" | "ts";
  offset: number;
  length: number;
  valid?: [number, number];
  /** For `dict`: where the distinct values sit. */
  dict?: [number, number];
}

export interface FrameDescriptor {
  name: string;
  rows: number;
  columns: ColumnDescriptor[];
}

export interface EncodedFrames {
  frames: FrameDescriptor[];
  /** Blob pieces in order, each already padded to 8-byte alignment. */
  chunks: Uint8Array[];
  byteLength: number;
}

const TWO_32 = 2 ** 32;

function invalid(frame: string, column: string, message: string): SandboxError {
  return new SandboxError("frame_invalid", `Frame ${frame}, column ${column}: ${message}`);
}

class BlobBuilder {
  chunks: Uint8Array[] = [];
  byteLength = 0;

  /** Appends bytes (padded to 8) and returns [offset, length]. */
  add(bytes: Uint8Array): [number, number] {
    const offset = this.byteLength;
    this.chunks.push(bytes);
    this.byteLength += bytes.byteLength;
    const pad = (8 - (bytes.byteLength % 8)) % 8;
    if (pad > 0) {
      this.chunks.push(new Uint8Array(pad));
      this.byteLength += pad;
    }
    return [offset, bytes.byteLength];
  }
}

const asBytes = (view: ArrayBufferView): Uint8Array => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

function epochMicros(value: unknown): number {
  if (value instanceof Date) return value.getTime() * 1000;
  if (typeof value === "number") return value * 1000;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return Date.parse(value) * 1000;
  return Number.NaN;
}

/** Numbers and nulls as float64 (null = NaN); undefined when any other value appears. */
function toFloat64(values: ArrayLike<unknown>, rows: number): Float64Array | undefined {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (typeof v === "number") out[i] = v;
    else if (v === null || v === undefined) out[i] = Number.NaN;
    else return undefined;
  }
  return out;
}

function encodeColumn(blob: BlobBuilder, frame: string, column: FrameColumn, rows: number): ColumnDescriptor {
  const { name, type, values } = column;
  const base = { name, type };
  let mask: Uint8Array | undefined;
  const markNull = (i: number) => {
    mask ??= new Uint8Array(rows).fill(1);
    mask[i] = 0;
  };
  const withMask = (descriptor: ColumnDescriptor): ColumnDescriptor =>
    mask ? { ...descriptor, valid: blob.add(mask) } : descriptor;

  if (type === "number" || type === "integer") {
    if (values instanceof Float64Array) return { ...base, enc: "f64", ...at(blob.add(asBytes(values))) };
    const asFloat = toFloat64(values, rows);
    if (asFloat) return { ...base, enc: "f64", ...at(blob.add(asBytes(asFloat))) };
    if (type === "integer") {
      const out = new BigInt64Array(rows);
      for (let i = 0; i < rows; i++) {
        const v = values[i];
        if (v === null || v === undefined) markNull(i);
        else if (typeof v === "bigint") out[i] = v;
        else if (typeof v === "number" && Number.isInteger(v)) out[i] = BigInt(v);
        else throw invalid(frame, name, `row ${i} is not an integer`);
      }
      return withMask({ ...base, enc: "i64", ...at(blob.add(asBytes(out))) });
    }
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      if (v === null || v === undefined) out[i] = Number.NaN;
      else if (typeof v === "number" || typeof v === "bigint") out[i] = Number(v);
      else throw invalid(frame, name, `row ${i} is not a number`);
    }
    return { ...base, enc: "f64", ...at(blob.add(asBytes(out))) };
  }
  if (type === "boolean") {
    const out = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      if (v === null || v === undefined) markNull(i);
      else out[i] = v ? 1 : 0;
    }
    const descriptor = { ...base, enc: "bool" as const, ...at(blob.add(out)) };
    return withMask(descriptor);
  }
  if (type === "timestamp" || type === "date") {
    // int64 microseconds written as two 32-bit halves: exact below 2^53 and far cheaper than BigInt.
    const words = new Int32Array(rows * 2);
    const low = new Uint32Array(words.buffer);
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      const micros = v === null || v === undefined ? Number.NaN : epochMicros(v);
      if (Number.isNaN(micros)) {
        if (v !== null && v !== undefined) throw invalid(frame, name, `row ${i} is not a date or time`);
        words[2 * i + 1] = -(2 ** 31);
        continue;
      }
      const high = Math.floor(micros / TWO_32);
      low[2 * i] = micros - high * TWO_32;
      words[2 * i + 1] = high;
    }
    return { ...base, enc: "ts", ...at(blob.add(asBytes(words))) };
  }
  return encodeStrings(blob, column, rows, markNull, withMask);
}

const textOf = (v: unknown): string => (typeof v === "string" ? v : v instanceof Date ? v.toISOString() : String(v));

function encodeStrings(
  blob: BlobBuilder,
  column: FrameColumn,
  rows: number,
  markNull: (i: number) => void,
  withMask: (d: ColumnDescriptor) => ColumnDescriptor,
): ColumnDescriptor {
  const base = { name: column.name, type: column.type };
  const { values } = column;
  // Repetitive text (categories, cities) goes as int32 codes plus the distinct values: the worker
  // then decodes each distinct string once instead of once per row.
  const codes = new Int32Array(rows);
  const distinct = new Map<string, number>();
  const maxDistinct = Math.max(16, rows >>> 2);
  let i = 0;
  for (; i < rows && distinct.size <= maxDistinct; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    const text = textOf(v);
    let code = distinct.get(text);
    if (code === undefined) {
      code = distinct.size;
      distinct.set(text, code);
    }
    codes[i] = code;
  }
  const keys = [...distinct.keys()];
  if (i === rows && distinct.size <= maxDistinct && !keys.some((k) => k.includes("\0"))) {
    return {
      ...base,
      enc: "dict",
      ...at(blob.add(asBytes(codes))),
      dict: blob.add(Buffer.from(keys.join("\0"), "utf8")),
    };
  }
  const parts = new Array<string>(rows);
  let hasNul = false;
  for (let r = 0; r < rows; r++) {
    const v = values[r];
    if (v === null || v === undefined) {
      markNull(r);
      parts[r] = "";
      continue;
    }
    const text = textOf(v);
    if (text.includes("\0")) hasNul = true;
    parts[r] = text;
  }
  if (!hasNul) return withMask({ ...base, enc: "str", ...at(blob.add(Buffer.from(parts.join("\0"), "utf8"))) });
  // Slow path for text that itself contains NUL: explicit offsets.
  const encoded = parts.map((part) => Buffer.from(part, "utf8"));
  const offsets = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) offsets[r + 1] = offsets[r]! + encoded[r]!.byteLength;
  const bytes = Buffer.concat([asBytes(offsets), ...encoded]);
  return withMask({ ...base, enc: "stroff", ...at(blob.add(bytes)) });
}

const at = ([offset, length]: [number, number]) => ({ offset, length });

/** Encodes named frames; throws SandboxError (frame_invalid) for ragged or mistyped columns. */
export function encodeFrames(frames: Record<string, Frame> = {}): EncodedFrames {
  const blob = new BlobBuilder();
  const descriptors: FrameDescriptor[] = [];
  for (const [name, frame] of Object.entries(frames)) {
    const rows = frame.columns[0]?.values.length ?? 0;
    const columns = frame.columns.map((column) => {
      if (column.values.length !== rows) {
        throw invalid(name, column.name, `has ${column.values.length} values where the first column has ${rows}`);
      }
      return encodeColumn(blob, name, column, rows);
    });
    descriptors.push({ name, rows, columns });
  }
  return { frames: descriptors, chunks: blob.chunks, byteLength: blob.byteLength };
}
