// Tick values for a time axis at the data's grain: never finer than the data (no half-year ticks on yearly
// values, so no "2012, 2012, 2013"), as many as fit the width, each label distinct.
import { FONT, GLYPH_WIDTH } from "../theme.js";
import type { TimeGrain } from "../values.js";

type Unit = "second" | "minute" | "hour" | "day" | "month" | "year";
const ORDER: Unit[] = ["second", "minute", "hour", "day", "month", "year"];
const STEPS: Record<Unit, number[]> = {
  second: [1, 5, 15, 30],
  minute: [1, 5, 15, 30],
  hour: [1, 3, 6, 12],
  day: [1, 2, 7, 14],
  month: [1, 2, 3, 6],
  year: [1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000],
};
const MS: Record<"second" | "minute" | "hour" | "day", number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};
/** Most ticks on one axis: more make a time axis hard to read at Slack's size. */
const MAX_TICKS = 8;
/** Space between labels, px. */
const LABEL_GAP = 14;

export interface TimeTicks {
  /** Tick positions, UTC milliseconds. */
  values: number[];
  /** d3 (UTC) time format of the labels. */
  format: string;
}

/** Ticks for times spanning `times` on an axis `width` px wide. */
export function timeTicks(times: readonly number[], grain: TimeGrain, width: number): TimeTicks {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const time of times) {
    if (time < min) min = time;
    if (time > max) max = time;
  }
  if (!Number.isFinite(min)) return { values: [], format: "%Y" };
  const sameYear = new Date(min).getUTCFullYear() === new Date(max).getUTCFullYear();
  const sameDay = Math.floor(min / MS.day) === Math.floor(max / MS.day);
  for (const unit of ORDER.slice(ORDER.indexOf(grain))) {
    const format = formatFor(unit, sameYear, sameDay);
    const labelWidth = labelLength(format) * FONT.label * GLYPH_WIDTH + LABEL_GAP;
    for (const step of STEPS[unit]) {
      const values = ticksBetween(min, max, unit, step);
      if (values.length <= MAX_TICKS && values.length * labelWidth <= width && values.length >= 1) {
        return { values, format };
      }
    }
  }
  return { values: [min, max], format: formatFor(grain, sameYear, sameDay) };
}

function formatFor(unit: Unit, sameYear: boolean, sameDay: boolean): string {
  switch (unit) {
    case "year":
      return "%Y";
    case "month":
      return "%b %Y";
    case "day":
      return sameYear ? "%b %-d" : "%b %-d, %Y";
    case "hour":
    case "minute":
      return sameDay ? "%H:%M" : "%b %-d %H:%M";
    case "second":
      return "%H:%M:%S";
  }
}

/** Characters of a label in this format (month names are three letters, days up to two digits). */
function labelLength(format: string): number {
  const sizes: Record<string, number> = { "%Y": 4, "%b": 3, "%-d": 2, "%H": 2, "%M": 2, "%S": 2 };
  return format.replace(/%-?[A-Za-z]/g, (code) => "x".repeat(sizes[code] ?? 2)).length;
}

/** Boundaries of `unit` that are multiples of `step`, within [min, max]. */
function ticksBetween(min: number, max: number, unit: Unit, step: number): number[] {
  const values: number[] = [];
  const limit = MAX_TICKS + 1;
  if (unit === "year" || unit === "month") {
    const start = new Date(min);
    let index = unit === "year" ? start.getUTCFullYear() : start.getUTCFullYear() * 12 + start.getUTCMonth();
    index = Math.ceil(index / step) * step;
    for (; values.length <= limit; index += step) {
      const time = unit === "year" ? Date.UTC(index, 0, 1) : Date.UTC(Math.floor(index / 12), index % 12, 1);
      if (time < min) continue;
      if (time > max) break;
      values.push(time);
    }
    return values;
  }
  const size = MS[unit] * step;
  // Weeks start on Monday (1970-01-05 was one); other steps align to the epoch.
  const offset = unit === "day" && step % 7 === 0 ? 4 * MS.day : 0;
  for (
    let time = Math.ceil((min - offset) / size) * size + offset;
    time <= max && values.length <= limit;
    time += size
  ) {
    values.push(time);
  }
  return values;
}
