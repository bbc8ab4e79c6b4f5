// Digest cadences (`daily 09:00`, `weekly mon 09:00`) as cron patterns, and their next run in a time zone.
import { UserInputError } from "../util/index.js";
import type { ScheduleSpec } from "./types.js";

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export interface Cadence {
  kind: "daily" | "weekly";
  hour: number;
  minute: number;
  /** 0 = Sunday; weekly only. */
  weekday: number | null;
  tz: string;
  /** As stored and shown: `daily 09:00` or `weekly mon 09:00`. */
  text: string;
}

/** True when `tz` is an IANA zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses `daily 09:00 [tz]` or `weekly mon 09:00 [tz]` (words after the command). */
export function parseCadence(words: string[], fallbackTz = "UTC"): Cadence {
  const [kind, ...rest] = words.map((word) => word.trim()).filter(Boolean);
  const usage = { hint: "Use `daily 09:00 [Europe/Paris]` or `weekly mon 09:00 [America/New_York]`." };
  let weekday: number | null = null;
  if (kind === "weekly") {
    const day = (rest.shift() ?? "").slice(0, 3).toLowerCase();
    weekday = DAYS.indexOf(day as (typeof DAYS)[number]);
    if (weekday < 0) throw new UserInputError("bad_cadence", `"${day}" is not a weekday.`, usage);
  } else if (kind !== "daily") {
    throw new UserInputError("bad_cadence", `"${kind ?? ""}" is not a cadence.`, usage);
  }
  const time = /^(\d{1,2}):(\d{2})$/.exec(rest.shift() ?? "");
  const hour = Number(time?.[1]);
  const minute = Number(time?.[2]);
  if (!time || hour > 23 || minute > 59)
    throw new UserInputError("bad_cadence", "The time must be HH:MM, 24-hour.", usage);
  const tz = rest.shift() ?? fallbackTz;
  if (!isTimeZone(tz)) throw new UserInputError("bad_cadence", `"${tz}" is not a time zone.`, usage);
  const hhmm = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  const text = kind === "daily" ? `daily ${hhmm}` : `weekly ${DAYS[weekday!]} ${hhmm}`;
  return { kind, hour, minute, weekday, tz, text };
}

export function cadenceSpec(cadence: Cadence): ScheduleSpec {
  return { pattern: `${cadence.minute} ${cadence.hour} * * ${cadence.weekday ?? "*"}`, tz: cadence.tz };
}

/** Wall-clock parts of `at` in `tz`. */
function zoned(at: Date, tz: string): { y: number; m: number; d: number; hh: number; mm: number; wd: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  const wd = DAYS.indexOf(get("weekday").slice(0, 3).toLowerCase() as (typeof DAYS)[number]);
  return {
    y: Number(get("year")),
    m: Number(get("month")),
    d: Number(get("day")),
    hh: Number(get("hour")),
    mm: Number(get("minute")),
    wd,
  };
}

/** The instant whose wall clock in `tz` reads y-m-d hh:mm (the offset is found by two corrections). */
function instantOf(y: number, m: number, d: number, hh: number, mm: number, tz: string): Date {
  const wanted = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const seen = zoned(new Date(guess), tz);
    guess += wanted - Date.UTC(seen.y, seen.m - 1, seen.d, seen.hh, seen.mm);
  }
  return new Date(guess);
}

/** The first run strictly after `from` of a `M H * * *` or `M H * * D` pattern in its time zone. */
export function nextRun(spec: ScheduleSpec, from: Date): Date {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-6])$/.exec(spec.pattern.trim());
  if (!match) throw new UserInputError("bad_cadence", `Unsupported schedule pattern "${spec.pattern}".`);
  const [minute, hour] = [Number(match[1]), Number(match[2])];
  const weekday = match[3] === "*" ? null : Number(match[3]);
  const tz = spec.tz ?? "UTC";
  const today = zoned(from, tz);
  for (let offset = 0; offset <= 8; offset++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + offset));
    if (weekday !== null && day.getUTCDay() !== weekday) continue;
    const at = instantOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, tz);
    if (at.getTime() > from.getTime()) return at;
  }
  throw new Error(`no run of ${spec.pattern} within 8 days`);
}
