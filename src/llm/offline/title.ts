// Readable titles and phrases for an Intent: "Average horsepower by origin", "Share of days with weather = sun".
import { humanize } from "./text.js";
import type { Agg, Filter, GroupKey, Intent } from "./types.js";

export const AGG_WORDS_OUT: Record<Agg, string> = {
  avg: "average",
  sum: "total",
  count: "number of",
  min: "minimum",
  max: "maximum",
  median: "median",
};

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
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function measureWords(intent: Intent): string {
  if (!intent.measure || intent.agg === "count") return `number of ${intent.entity}`;
  return `${AGG_WORDS_OUT[intent.agg]} ${humanize(intent.measure)}`;
}

export function titleOf(intent: Intent): string {
  const by = intent.groupBy ? ` by ${groupWords(intent.groupBy)}` : "";
  const where = intent.filters.length > 0 ? ` (${intent.filters.map(conditionWords).join(", ")})` : "";
  switch (intent.kind) {
    case "correlation":
      return `Correlation of ${humanize(intent.pair![0])} and ${humanize(intent.pair![1])}${where}`;
    case "share":
    case "rate":
    case "count":
      if (intent.target)
        return capitalise(`share of ${intent.entity} where ${conditionWords(intent.target)}${by}${where}`);
      return capitalise(`${intent.kind === "share" ? "share of" : "number of"} ${intent.entity}${by}${where}`);
    case "distribution":
      return capitalise(
        `distribution of ${intent.measure ? humanize(intent.measure) : groupWords(intent.groupBy!)}${where}`,
      );
    case "summary":
      return capitalise(
        `summary statistics of ${(intent.columns ?? [intent.measure ?? "values"]).map(humanize).join(", ")}${where}`,
      );
    case "compare":
      if (intent.measure && intent.groupBy)
        return capitalise(`${humanize(intent.measure)} compared by ${groupWords(intent.groupBy)}${where}`);
      return capitalise(`${measureWords(intent)}${by}${where}`);
    case "anomalies":
      return capitalise(`anomalies in ${measureWords(intent)}${by}${where}`);
    case "forecast":
      return capitalise(`forecast of ${measureWords(intent)}${by}${where}`);
    case "top":
      if (!intent.groupBy)
        return capitalise(`${intent.entity} ranked by ${humanize(intent.measure ?? "value")}${where}`);
      return capitalise(`${groupWords(intent.groupBy)} ranked by ${measureWords(intent)}${where}`);
    case "lookup":
      return capitalise(`${intent.entity}${where}`);
    default:
      return capitalise(`${measureWords(intent)}${by}${where}`);
  }
}
