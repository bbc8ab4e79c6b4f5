// Converts single cell values (numbers, bigints, dates, DuckDB value objects, strings) for charting.

export type TimeGrain = "year" | "month" | "day" | "hour" | "minute" | "second";

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_TEXT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;

/** A finite number, or null for anything that is not one. */
export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && NUMBER_TEXT.test(value.trim())) return Number(value.trim());
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const text = String(value);
    return NUMBER_TEXT.test(text) ? Number(text) : null;
  }
  return null;
}

/** Milliseconds since the epoch (UTC) for dates and ISO date strings; zone-less times are read as UTC. */
export function parseTemporal(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (value === null || value === undefined || typeof value === "number" || typeof value === "bigint") return null;
  const text = String(value).trim();
  if (DATE_TEXT.test(text)) return Date.parse(`${text}T00:00:00Z`);
  if (!DATETIME_TEXT.test(text)) return null;
  const iso = text.replace(" ", "T");
  const zoned = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(iso.slice(10)) ? iso : `${iso}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}

/** A time as UTC milliseconds; small whole numbers are years (2024), larger ones epoch milliseconds. */
export function toTemporal(value: unknown): number | null {
  const parsed = parseTemporal(value);
  if (parsed !== null) return parsed;
  const number = value instanceof Date ? null : toNumber(value);
  if (number === null) return null;
  return Math.abs(number) < 3000 && Number.isInteger(number) ? Date.UTC(number, 0, 1) : number;
}

/** The coarsest calendar unit that still tells every value apart (all on January 1st -> "year"). */
export function timeGrain(values: number[]): TimeGrain {
  const dates = values.map((ms) => new Date(ms));
  if (dates.some((d) => d.getUTCSeconds() !== 0 || d.getUTCMilliseconds() !== 0)) return "second";
  if (dates.some((d) => d.getUTCMinutes() !== 0)) return "minute";
  if (dates.some((d) => d.getUTCHours() !== 0)) return "hour";
  if (dates.some((d) => d.getUTCDate() !== 1)) return "day";
  if (dates.some((d) => d.getUTCMonth() !== 0)) return "month";
  return "year";
}

/** Vega-Lite's UTC time unit for a grain, so bars and axes show whole periods. */
export function utcTimeUnit(grain: TimeGrain): string {
  const units: Record<TimeGrain, string> = {
    year: "utcyear",
    month: "utcyearmonth",
    day: "utcyearmonthdate",
    hour: "utcyearmonthdatehours",
    minute: "utcyearmonthdatehoursminutes",
    second: "utcyearmonthdatehoursminutesseconds",
  };
  return units[grain];
}

/** d3 time format for labels of a grain. */
export function timeFormat(grain: TimeGrain): string {
  const formats: Record<TimeGrain, string> = {
    year: "%Y",
    month: "%b %Y",
    day: "%b %d, %Y",
    hour: "%b %d %H:%M",
    minute: "%b %d %H:%M",
    second: "%H:%M:%S",
  };
  return formats[grain];
}
