// Cell formatting for rule answers: numbers through the one formatNumber, dates shortened, labels kept as written.
import { formatNumber } from "../../../util/index.js";

export { formatNumber };

const trim = (text: string) => (text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text);

export function formatPercent(value: number): string {
  return `${trim(value.toFixed(Math.abs(value) >= 10 ? 1 : 2))}%`;
}

/** A cell as written in a sentence: numbers formatted, ISO midnight timestamps shortened to the date. */
export function formatCell(cell: unknown): string {
  if (cell === null || cell === undefined) return "(none)";
  if (typeof cell === "number") return formatNumber(cell);
  const text = String(cell);
  const midnight = /^(\d{4}-\d{2}-\d{2})[T ]00:00(:00)?(\.0+)?$/.exec(text);
  if (midnight) return midnight[1]!;
  return /^\d{4}-\d{2}-\d{2}T\d/.test(text) ? text.replace("T", " ").replace(/:00$/, "") : text;
}

export const toNumber = (cell: unknown): number | null => {
  if (typeof cell === "number" && Number.isFinite(cell)) return cell;
  if (typeof cell === "bigint") return Number(cell);
  if (typeof cell === "string" && /^-?\d+(\.\d+)?$/.test(cell.trim())) return Number(cell);
  return null;
};

/** A group or row label: whole numbers without separators (years, hours), other cells as in a sentence. */
export function formatLabel(cell: unknown): string {
  return typeof cell === "number" && Number.isInteger(cell) ? String(cell) : formatCell(cell);
}

/** A metric value: numbers kept to 6 significant decimals, text as is. */
export function metricValue(cell: unknown): number | string {
  const n = toNumber(cell);
  if (n !== null) return Math.abs(n) >= 1 ? Math.round(n * 1e4) / 1e4 : Number(n.toPrecision(6));
  return cell === null || cell === undefined ? "" : formatCell(cell);
}
