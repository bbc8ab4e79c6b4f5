// Turns column names into axis and legend titles: avg_horsepower -> "Avg horsepower", price_usd -> "Price (USD)".

/** Units written in upper case; the key is the lower-case token. */
const UPPER_UNITS: Record<string, string> = { usd: "USD", eur: "EUR", gbp: "GBP", jpy: "JPY" };
/** Units kept as written, lower case. */
const LOWER_UNITS = new Set(["kg", "g", "lb", "lbs", "km", "m", "cm", "mm", "mi", "ms", "s", "sec", "min", "h", "hrs"]);
const PERCENT_UNITS = new Set(["pct", "percent", "perc"]);
/** Words that read better in upper case wherever they appear. */
const ACRONYMS: Record<string, string> = {
  id: "ID",
  url: "URL",
  api: "API",
  sql: "SQL",
  kpi: "KPI",
  ip: "IP",
  mpg: "MPG",
  mph: "MPH",
};
/** Tokens after which a unit is part of the phrase ("weight in lbs"), not a suffix to bracket. */
const UNIT_PREPOSITIONS = new Set(["in", "per"]);

/** DuckDB's default names for aggregates: count_star(), count(*), avg(x), sum("x"). */
function unwrapAggregate(name: string): string {
  const trimmed = name.trim();
  if (/^count_star\(\)$|^count\(\*\)$/i.test(trimmed)) return "count";
  const call = /^([a-z_]+)\((?:distinct\s+)?"?([^()"]+)"?\)$/i.exec(trimmed);
  return call ? `${call[1]} ${call[2]}` : trimmed;
}

function tokens(name: string): string[] {
  return unwrapAggregate(name)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_\-.()"]+/)
    .filter((token) => token.length > 0);
}

/** A readable title for a column name; units are kept (bracketed when they are a trailing suffix). */
export function humanizeColumn(name: string): string {
  const parts = tokens(name);
  if (parts.length === 0) return name;
  const words: string[] = [];
  let unit: string | undefined;
  parts.forEach((part, index) => {
    const lower = part.toLowerCase();
    const isLast = index === parts.length - 1 && index > 0;
    const previous = parts[index - 1]?.toLowerCase() ?? "";
    const suffixUnit = isLast && !UNIT_PREPOSITIONS.has(previous);
    if (suffixUnit && PERCENT_UNITS.has(lower)) unit = "%";
    else if (suffixUnit && UPPER_UNITS[lower]) unit = UPPER_UNITS[lower];
    else if (suffixUnit && LOWER_UNITS.has(lower)) unit = lower;
    else if (UPPER_UNITS[lower]) words.push(UPPER_UNITS[lower]);
    else if (ACRONYMS[lower]) words.push(ACRONYMS[lower]);
    else if (part.length > 1 && part === part.toUpperCase() && /[A-Z]/.test(part)) words.push(part);
    else words.push(lower);
  });
  if (words.length === 0) return unit ?? name;
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  const text = words.join(" ");
  return unit ? `${text} (${unit})` : text;
}

/** Lower-cases a title's first letter for use mid-sentence, leaving acronyms ("MPG") alone. */
export function midSentence(title: string): string {
  return /^[A-Z]{2,}/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

/** "Avg horsepower" + "Origin" -> "Avg horsepower by origin". */
export function titleBy(measureTitle: string, ...dimensionTitles: string[]): string {
  return `${measureTitle} by ${dimensionTitles.map(midSentence).join(" and ")}`;
}

/** Shortens a label to `max` characters with an ellipsis. */
export function truncateLabel(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
