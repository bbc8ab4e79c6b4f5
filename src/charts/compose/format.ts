// Numbers and dates as chart text: value labels with units, axis formats, titles with units, time ranges.
import { numberFormat } from "../number-format.js";
import type { TimeGrain } from "../values.js";

const MINUS = "\u2212";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A number as people read it on a chart: 1.2M, 12,345, 123, 12.3, 1.23, 0.043; a true minus sign. `decimals`
 * fixes the decimals of values from 1 to a million (see `decimalsFor`), so labels on one chart share a precision.
 */
export function formatNumber(value: number, decimals?: number): string {
  const abs = Math.abs(value);
  let text: string;
  if (abs >= 1e6) {
    const [size, suffix] = (
      [
        [1e12, "T"],
        [1e9, "B"],
        [1e6, "M"],
      ] as const
    ).find(([size]) => abs >= size)!;
    const scaled = (abs / size).toFixed(abs / size >= 100 ? 0 : 1);
    // On a chart of millions every label keeps its decimal (5.0M next to 4.7M).
    text = `${decimals === undefined ? trimZeros(scaled) : scaled}${suffix}`;
  } else if (abs >= 1 && decimals !== undefined) {
    text = abs.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  } else if (abs >= 100) text = Math.round(abs).toLocaleString("en-US");
  else if (abs >= 1) text = trimZeros(abs.toFixed(abs >= 10 ? 1 : 2));
  else if (abs === 0) text = "0";
  else text = trimZeros(abs.toFixed(Math.max(0, -Math.floor(Math.log10(abs)) + 1)));
  return value < 0 && /[1-9]/.test(text) ? `${MINUS}${text}` : text;
}

/** Decimals that tell apart values spread over `span`: 30 -> 1, 2 -> 2, 300 -> 0. */
export function decimalsFor(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 2;
  return Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(span))));
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** A share 0–1 as a percentage: 43.8%, 6.9%, 0.4%, 100%. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  const digits = Math.abs(percent) >= 99.95 || percent === 0 ? 0 : 1;
  return `${percent.toFixed(digits)}%`;
}

/** True for a "%" unit on values that are fractions (all within 0–1). */
export function isFractionPercent(unit: string | undefined, values: readonly number[]): boolean {
  return unit === "%" && values.length > 0 && values.every((value) => value >= 0 && value <= 1);
}

/** A value with its unit: $1.2M, 43.8%, 12.3°C, 4.5 mm. `fraction` says "%" values are 0–1 shares. */
export function formatValue(value: number, unit?: string, fraction = false, decimals?: number): string {
  const number = (n: number) => formatNumber(n, decimals);
  if (unit === "$") return value < 0 ? `${MINUS}$${number(-value)}` : `$${number(value)}`;
  if (unit === "%") return fraction ? formatPercent(value) : `${number(value)}%`;
  if (!unit) return number(value);
  return unit.startsWith("°") ? `${number(value)}${unit}` : `${number(value)} ${unit}`;
}

/** d3 format for an axis or legend of these values: "$" and "%" units included, SI suffixes for millions. */
export function axisFormat(values: readonly (number | null)[], name: string, unit?: string): string {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (isFractionPercent(unit, present)) return ".0%";
  const base = numberFormat(present, unit === "%" ? "" : name);
  if (unit !== "$") return base;
  return base === ".3~s" ? "$.3~s" : base === ",.0f" ? "$,.0f" : "$,.2~f";
}

/** "Max temperature" + "°C" -> "Max temperature (°C)"; a title that already names its unit is kept. */
export function titleWithUnit(title: string, unit?: string): string {
  const lower = title.toLowerCase();
  if (
    !unit ||
    lower === unit.toLowerCase() ||
    title.includes(`(${unit})`) ||
    lower.endsWith(` ${unit.toLowerCase()}`)
  ) {
    return title;
  }
  return `${title} (${unit})`;
}

/** One time at a grain: "2014", "Mar 2014", "Mar 5, 2014", "Mar 5, 2014 14:00". */
export function formatTime(ms: number, grain: TimeGrain): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = MONTHS[date.getUTCMonth()];
  if (grain === "year") return String(year);
  if (grain === "month") return `${month} ${year}`;
  const day = `${month} ${date.getUTCDate()}, ${year}`;
  if (grain === "day") return day;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return grain === "second" ? `${day} ${time}:${pad(date.getUTCSeconds())}` : `${day} ${time}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The span of some times in words at their grain: "2012–2015", "Jan 2012 – Dec 2015". */
export function formatTimeRange(times: readonly number[], grain: TimeGrain): string | undefined {
  if (times.length === 0) return undefined;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const time of times) {
    if (time < min) min = time;
    if (time > max) max = time;
  }
  const first = formatTime(min, grain);
  const last = formatTime(max, grain);
  if (first === last) return first;
  const year = new Date(min).getUTCFullYear();
  if (grain === "day" && year === new Date(max).getUTCFullYear()) {
    return `${first.replace(`, ${year}`, "")} – ${last}`;
  }
  return grain === "year" ? `${first}–${last}` : `${first} – ${last}`;
}
