// Readable phrases for titles and answers: "average horsepower", "by day of week", "weather = sun", "in 2008".
import type { Agg, Filter, GroupKey } from "../intent.js";
import { humanize } from "../read/text.js";

export const AGG_WORDS_OUT: Record<Agg, string> = {
  avg: "average",
  sum: "total",
  count: "number of",
  min: "minimum",
  max: "maximum",
  median: "median",
};

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function groupWords(key: GroupKey): string {
  if (key.grain === "month_of_year") return "month of year";
  if (key.grain === "weekday") return "day of week";
  if (key.grain === "hour") return "hour of day";
  return key.grain ?? humanize(key.column);
}

/** A condition in words; numbers only as they were given in the question. */
export function conditionWords(filter: Filter): string {
  const column = humanize(filter.column);
  switch (filter.kind) {
    case "equals":
      return `${column} = ${String(filter.value)}`;
    case "in":
      return `${column} in ${filter.values.join(", ")}`;
    case "compare":
      return `${column} ${filter.op} ${filter.value}`;
    case "year":
      return filter.op === "=" ? `in ${filter.year}` : `${column} ${filter.op} ${filter.year}`;
    case "month":
      return `in ${MONTH_NAMES[filter.month - 1] ?? `month ${filter.month}`}`;
  }
}

/** " (weather = sun, in 2014)" or "". */
export function whereWords(filters: readonly Filter[]): string {
  return filters.length > 0 ? ` (${filters.map(conditionWords).join(", ")})` : "";
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "average horsepower", or "number of cars" when rows are counted. */
export function measureWords(intent: { measure: string | null; agg: Agg; entity: string }): string {
  if (!intent.measure || intent.agg === "count") return `number of ${intent.entity}`;
  return `${AGG_WORDS_OUT[intent.agg]} ${humanize(intent.measure)}`;
}
