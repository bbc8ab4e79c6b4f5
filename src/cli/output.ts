// Terminal output: readable tables, --json mode (nothing else on stdout), errors on stderr.
import { clip, errorMessage } from "../util/index.js";

export interface OutputOptions {
  json?: boolean;
}

/** Prints `value` as JSON when --json, else calls `human`. */
export function emit(options: OutputOptions, value: unknown, human: () => void): void {
  if (options.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else human();
}

/** A boxed table with right-aligned numbers, cells clipped to `maxWidth`. */
export function formatTable(columns: string[], rows: unknown[][], maxWidth = 40): string {
  const text = (value: unknown) => {
    const raw =
      value === null || value === undefined ? "" : typeof value === "number" ? formatCellNumber(value) : String(value);
    return clip(terminalText(raw).replace(/\s+/g, " "), maxWidth);
  };
  const cells = rows.map((row) => row.map(text));
  const header = columns.map((c) => text(c));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? "").length)));
  const numeric = columns.map(
    (_, i) => rows.length > 0 && rows.every((row) => row[i] === null || typeof row[i] === "number"),
  );
  const line = (parts: string[]) =>
    `│ ${parts.map((p, i) => (numeric[i] ? p.padStart(widths[i]!) : p.padEnd(widths[i]!))).join(" │ ")} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => "─".repeat(w + 2)).join(m)}${r}`;
  return [rule("┌", "┬", "┐"), line(header), rule("├", "┼", "┤"), ...cells.map(line), rule("└", "┴", "┘")].join("\n");
}

function formatCellNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(2) : String(Math.round(value * 1e6) / 1e6);
}

/** Prints a failure as `insightx: message` (and hint) on stderr and sets a non-zero exit code. */
export function reportFailure(error: unknown): void {
  process.stderr.write(`insightx: ${terminalText(errorMessage(error))}\n`);
  if (process.env.INSIGHTX_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}

/**
 * Untrusted text (cell values, file and column names, model output) made safe for a terminal: control characters
 * other than newline and tab (escape sequences that could move the cursor, retitle the window, hide text) removed.
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "");
}

/** Writes human output to stdout, made safe for the terminal. */
export function print(text: string): void {
  process.stdout.write(terminalText(text));
}

/** A one-line progress bar on stderr (only when it is a terminal). */
export function progressBar(label: string): (percent: number) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (percent) => {
    const width = 30;
    const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
    process.stderr.write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent.toFixed(0)}%`);
    if (percent >= 100) process.stderr.write("\n");
  };
}
