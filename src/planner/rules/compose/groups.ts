// Sentences for multi-row results: rankings, time series, cyclic profiles, rates, ranked rows, histograms,
// anomalies and forecasts. Every figure is a cell of the table being described.
import type { ResultTable } from "../../../charts/index.js";
import type { Agg, Direction, Filter, GroupKey } from "../intent.js";
import type { DescribeInput } from "../kind.js";
import { humanize } from "../read/text.js";
import { formatCell, formatLabel, formatNumber, formatPercent, toNumber } from "./format.js";
import { conditionWords, measureWords, whereWords } from "./phrases.js";

const CYCLIC = new Set(["hour", "weekday", "month_of_year"]);

/** What a multi-row sentence needs to know of an intent. */
export interface RowsView {
  /** What the rows are: a forecast, flagged anomalies, a ranking, or groups (a series or a profile). */
  shape: "forecast" | "anomalies" | "ranking" | "groups" | "histogram";
  measure: string | null;
  agg: Agg;
  entity: string;
  filters: Filter[];
  /** Counts and shares: the condition whose rows are counted. */
  target: Filter | null;
  groupBy: GroupKey | null;
  direction: Direction;
}

/** The view of rows counted per group ("number of cars by origin"). */
export function countsView(entity: string, filters: Filter[], groupBy: GroupKey | null): RowsView {
  return { shape: "groups", measure: null, agg: "count", entity, filters, target: null, groupBy, direction: "desc" };
}

function accessors(view: RowsView, table: ResultTable, input: DescribeInput) {
  const x = input.axes.x && table.columns.includes(input.axes.x) ? input.axes.x : table.columns[0]!;
  const y = input.axes.y && table.columns.includes(input.axes.y) ? input.axes.y : table.columns.at(-1)!;
  const xi = table.columns.indexOf(x);
  const yi = table.columns.indexOf(y);
  const value = (row: unknown[]) => {
    const n = toNumber(row[yi]);
    if (n === null) return formatCell(row[yi]);
    return y.startsWith("pct_") ? formatPercent(n) : formatNumber(n);
  };
  // A bare number as a group ("4" cylinders) reads better with its column's name.
  const named =
    !view.groupBy?.grain && table.rows.some((row) => typeof row[xi] === "number") && input.chart?.type === "bar";
  const prefix = named ? `${humanize(x)} ` : !input.fromPython && view.groupBy?.grain === "hour" ? "hour " : "";
  const label = (row: unknown[]) => `${prefix}${formatLabel(row[xi])}`;
  const numeric = table.rows.filter((row) => toNumber(row[yi]) !== null);
  const extreme = (sign: 1 | -1) =>
    numeric.reduce<unknown[] | null>(
      (best, row) => (best === null || sign * (toNumber(row[yi])! - toNumber(best[yi])!) > 0 ? row : best),
      null,
    );
  return { x, y, value, label, extreme };
}

const rest = (items: string[]) =>
  items.length === 0
    ? ""
    : items.length === 1
      ? `, followed by ${items[0]}`
      : `, followed by ${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

export function describeGroups(view: RowsView, table: ResultTable, input: DescribeInput): string {
  const intent = view;
  const { x, value, label, extreme } = accessors(view, table, input);
  const rows = table.rows;
  const where = whereWords(intent.filters);
  const what = `${intent.target ? `share of ${intent.entity} with ${conditionWords(intent.target)}` : measureWords(intent)}${where}`;
  if (intent.shape === "forecast") {
    const first = rows[0]!;
    const last = rows.at(-1)!;
    const at = (row: unknown[], name: string) => formatCell(row[table.columns.indexOf(name)]);
    const range = table.columns.includes("lower")
      ? `, with a likely range of ${at(last, "lower")} to ${at(last, "upper")} at the end`
      : "";
    return `The forecast of ${what} goes from ${value(first)} on ${label(first)} to ${value(last)} on ${label(last)}${range}.`;
  }
  if (intent.shape === "anomalies") {
    const [a, b, c] = rows;
    const expected = table.columns.indexOf("expected");
    const usual =
      expected >= 0 && a![expected] !== null ? ` against a usual level of about ${formatCell(a![expected])}` : "";
    const others = [b, c].filter((r): r is unknown[] => r !== undefined).map((r) => `${label(r)} (${value(r)})`);
    const also = others.length > 0 ? ` ${others.join(" and ")} also stand${others.length === 1 ? "s" : ""} out.` : "";
    const on = intent.groupBy ? "on" : "for";
    return `The most unusual ${humanize(intent.measure ?? "value")} is ${value(a!)} ${on} ${label(a!)}${usual}.${also}`;
  }
  const grain = intent.groupBy?.grain;
  const high = extreme(1);
  const low = extreme(-1);
  if (grain && CYCLIC.has(grain) && intent.shape !== "ranking" && high && low) {
    return `The ${what} is highest at ${label(high)} (${value(high)}) and lowest at ${label(low)} (${value(low)}).`;
  }
  const temporal = input.chart?.type === "line" && intent.shape !== "ranking";
  if (temporal && high && low) {
    const first = rows[0]!;
    const last = rows.at(-1)!;
    if (rows.length === 1) return `The ${what} was ${value(first)} in ${label(first)}.`;
    const peak =
      rows.length > 2
        ? ` It peaked at ${value(high)} in ${label(high)} and was lowest at ${value(low)} in ${label(low)}.`
        : "";
    return `The ${what} went from ${value(first)} in ${label(first)} to ${value(last)} in ${label(last)}.${peak}`;
  }
  const word = intent.direction === "asc" ? "lowest" : "highest";
  const pct = table.columns.find((c) => c.startsWith("pct_") && c !== x && c !== input.axes.y);
  const share = (row: unknown[]) =>
    pct ? `, ${formatPercent(toNumber(row[table.columns.indexOf(pct)]) ?? 0)} of all` : "";
  const [head, ...tail] = rows;
  const followers = tail.slice(0, 2).map((row) => `${label(row)} (${value(row)}${share(row)})`);
  const lead = `${label(head!)} has the ${word} ${what} (${value(head!)}${share(head!)})${rest(followers)}.`;
  return /^[a-z]/.test(lead) && label(head!).startsWith(humanize(x))
    ? lead.charAt(0).toUpperCase() + lead.slice(1)
    : lead;
}

export function describeRows(view: RowsView, table: ResultTable, input: DescribeInput): string {
  const intent = view;
  const { value, label } = accessors(view, table, input);
  const rows = table.rows;
  if (intent.shape === "histogram") {
    const count = table.columns.length - 1;
    const biggest = rows.reduce((best, row) =>
      (toNumber(row[count]) ?? 0) > (toNumber(best[count]) ?? 0) ? row : best,
    );
    const first = rows[0]!;
    const last = rows.at(-1)!;
    return `The most common range of ${humanize(intent.measure ?? "values")} is ${formatCell(biggest[0])} to ${formatCell(biggest[1])} (${formatCell(biggest[count])} ${intent.entity}); values run from ${formatCell(first[0])} to ${formatCell(last[1])}.`;
  }
  const word = intent.direction === "asc" ? "lowest" : "highest";
  const [head, ...tail] = rows;
  const followers = tail.slice(0, 2).map((row) => `${label(row)} (${value(row)})`);
  return `${label(head!)} has the ${word} ${humanize(intent.measure ?? "value")} (${value(head!)})${rest(followers)}.`;
}

/** "by symbol and year": the highest and lowest cells of the grid, each named by both keys. */
export function describeTwoKeys(view: RowsView, table: ResultTable, input: DescribeInput): string {
  const intent = view;
  const [a, b] = [0, 1];
  const yi = input.axes.y ? table.columns.indexOf(input.axes.y) : 2;
  const rows = table.rows.filter((row) => toNumber(row[yi]) !== null);
  if (rows.length === 0) return "The query returned no values for this question.";
  const by = (sign: 1 | -1) =>
    rows.reduce((best, row) => (sign * (toNumber(row[yi])! - toNumber(best[yi])!) > 0 ? row : best));
  const name = (row: unknown[]) => `${formatLabel(row[a])} / ${formatLabel(row[b])}`;
  const value = (row: unknown[]) => formatNumber(toNumber(row[yi])!);
  const [high, low] = [by(1), by(-1)];
  const where = whereWords(intent.filters);
  const keys = `${humanize(table.columns[a]!)} and ${humanize(table.columns[b]!)}`;
  return `Across the combinations of ${keys}, the ${measureWords(intent)}${where} is highest for ${name(high)} (${value(high)}) and lowest for ${name(low)} (${value(low)}).`;
}
