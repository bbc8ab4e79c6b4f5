// The shape aggregate, trend and ranking intents share: a measure (or a row count) aggregated over all rows or
// per group. Each of those kinds keeps its own type and decides how it is read; building and describing is here.
import type { ResultTable } from "../../../charts/index.js";
import type { DataDna } from "../../../data/index.js";
import type { ChartIntent } from "../../plan.js";
import { formatCell } from "../compose/format.js";
import { describeGroups, describeRows, describeTwoKeys, type RowsView } from "../compose/groups.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, groupWords, measureWords, whereWords } from "../compose/phrases.js";
import type { Agg, BaseIntent, Direction, GroupKey, IntentFacts } from "../intent.js";
import type { DescribeInput, FollowUpChange, KindPlan, Sentence } from "../kind.js";
import { humanize } from "../read/text.js";
import { ADDITIVE_MEASURE } from "../read/vocabulary.js";
import { measureSql, rankedRowsSql } from "../sql/shapes.js";
import { followUpCandidates } from "../suggestions.js";
import { facts, isTimeKey, withFilter } from "./common.js";

export interface MeasureShape extends BaseIntent {
  kind: "aggregate" | "trend" | "ranking";
  /** null: rows are counted. */
  measure: string | null;
  /** Other measures aggregated the same way beside it ("average horsepower and weight"). */
  more: string[];
  agg: Agg;
  groupBy: GroupKey | null;
  /** "by symbol and year": the second grouping, drawn as the chart's colour. */
  splitBy: GroupKey | null;
  limit: number | null;
  direction: Direction;
}

/** Cyclic parts (hour, weekday, month of year) are categories on a chart, not a time axis. */
export const isTimeAxis = (dna: DataDna, key: GroupKey | null): boolean =>
  key !== null &&
  key.grain !== "weekday" &&
  key.grain !== "month_of_year" &&
  key.grain !== "hour" &&
  isTimeKey(dna, key);

export function measureFacts(intent: MeasureShape, dna: DataDna): IntentFacts {
  const grouped = intent.groupBy !== null && intent.kind !== "trend";
  const derived = intent.agg === "max" ? "desc" : intent.agg === "min" ? "asc" : null;
  return facts(intent, dna, {
    columns: intent.measure ? [intent.measure, ...intent.more] : [],
    keys: [intent.groupBy, intent.splitBy],
    agg: intent.measure ? intent.agg : "count",
    order: intent.kind === "ranking" || grouped ? intent.direction : derived,
    limit: intent.limit,
    counts: intent.measure === null || intent.agg === "sum",
  });
}

export function buildMeasure(intent: MeasureShape, dna: DataDna): KindPlan {
  if (intent.kind === "ranking" && !intent.groupBy && intent.measure) {
    const built = rankedRowsSql(dna, { ...intent, measure: intent.measure });
    const chart: ChartIntent | null =
      built.axes.x && built.axes.y ? { type: "bar", x: built.axes.x, y: built.axes.y } : {};
    return { query: built.query, python: null, axes: built.axes, chart };
  }
  const built = measureSql(dna, { ...intent, ranked: intent.kind === "ranking", series: false });
  const { x, y, color } = built.axes;
  const timeGroup = isTimeAxis(dna, intent.groupBy);
  let chart: ChartIntent = {};
  if (x && y && color) chart = { type: timeGroup || isTimeAxis(dna, intent.splitBy) ? "line" : "bar", x, y, color };
  else if (x && y) chart = { type: timeGroup || (intent.kind === "trend" && intent.groupBy) ? "line" : "bar", x, y };
  return { query: built.query, python: null, axes: built.axes, chart };
}

export function measureTitle(intent: MeasureShape): string {
  const where = whereWords(intent.filters);
  if (intent.kind === "ranking") {
    if (!intent.groupBy) return capitalise(`${intent.entity} ranked by ${humanize(intent.measure ?? "value")}${where}`);
    return capitalise(`${groupWords(intent.groupBy)} ranked by ${measureWords(intent)}${where}`);
  }
  const by = intent.groupBy ? ` by ${groupWords(intent.groupBy)}` : "";
  const more = intent.more.map((m) => ` and ${humanize(m)}`).join("");
  return capitalise(`${measureWords(intent)}${more}${by}${where}`);
}

const view = (intent: MeasureShape): RowsView => ({
  shape: intent.kind === "ranking" ? "ranking" : "groups",
  measure: intent.measure,
  agg: intent.agg,
  entity: intent.entity,
  filters: intent.filters,
  target: null,
  groupBy: intent.groupBy,
  direction: intent.direction,
});

export function describeMeasure(intent: MeasureShape, table: ResultTable, input: DescribeInput): Sentence {
  const metrics = firstRowMetrics(table);
  if (intent.splitBy && input.axes.color) return { text: describeTwoKeys(view(intent), table, input), metrics };
  if (intent.groupBy) return { text: describeGroups(view(intent), table, input), metrics };
  if (intent.kind === "ranking") return { text: describeRows(view(intent), table, input), metrics };
  const row = table.rows[0]!;
  const where = whereWords(intent.filters);
  const cell = (name: string) => row[table.columns.indexOf(name)];
  const parts = table.columns
    .filter((c) => !c.startsWith("n_"))
    .map((c) => `the ${humanize(c).replace(/^avg /, "average ")} is ${formatCell(cell(c))}`);
  const counted = table.columns.find((c) => c.startsWith("n_"));
  if (!intent.measure) return { text: `There are ${formatCell(row[0])} ${intent.entity}${where}.`, metrics };
  const across = counted ? ` across ${formatCell(cell(counted))} ${intent.entity} with a value` : "";
  const lead =
    parts.length === 1
      ? `The ${measureWords(intent)}${where} is ${formatCell(row[0])}`
      : capitalise(`${parts.join(" and ")}${where}`);
  return { text: `${lead}${across}.`, metrics };
}

/** A follow-up's change to a measure intent: a condition, another measure or aggregation, another grouping. */
export function applyToMeasure(intent: MeasureShape, change: FollowUpChange, dna: DataDna): MeasureShape | null {
  switch (change.change) {
    case "filter": {
      const next = { ...intent, filters: withFilter(intent.filters, change.filter) };
      // One year of a series by year is a single figure.
      const year = change.filter.kind === "year" && change.filter.op === "=";
      if (year && next.groupBy?.column === change.filter.column && (next.groupBy.grain ?? "year") === "year") {
        return { ...next, groupBy: null, splitBy: null, kind: next.kind === "trend" ? "aggregate" : next.kind };
      }
      return next;
    }
    case "measure": {
      const agg = intent.measure === null || intent.agg === "count" ? defaultAgg(change.column) : intent.agg;
      return { ...intent, measure: change.column, more: [], agg };
    }
    case "agg":
      return intent.measure ? { ...intent, agg: change.agg } : null;
    case "group": {
      const kind = intent.kind === "ranking" ? "ranking" : isTimeKey(dna, change.key) ? "trend" : "aggregate";
      return { ...intent, kind, groupBy: change.key, splitBy: null, limit: kind === "ranking" ? intent.limit : null };
    }
    case "year_over_year":
      return {
        ...intent,
        kind: "trend",
        filters: [
          ...intent.filters.filter((f) => f.kind !== "year"),
          { kind: "year", column: change.column, op: "<=", year: change.latest },
        ],
        groupBy: { column: change.column, ...(isTemporalColumn(dna, change.column) ? { grain: "year" as const } : {}) },
        splitBy: null,
        limit: 2,
      };
  }
}

const isTemporalColumn = (dna: DataDna, name: string) =>
  /^(DATE|TIMESTAMP)/.test(dna.columns.find((c) => c.name === name)?.type ?? "");

export const defaultAgg = (measure: string): Agg => (ADDITIVE_MEASURE.test(measure) ? "sum" : "avg");

function measureFollowUps(intent: MeasureShape, dna: DataDna): string[] {
  const grain = intent.groupBy?.grain ?? (intent.kind === "trend" ? "year" : null);
  return followUpCandidates(dna, {
    measure: intent.measure,
    groupColumn: intent.groupBy?.column ?? null,
    grain,
    agg: intent.agg,
    kind: intent.kind,
  });
}

/** What aggregate, trend and ranking share besides how they are recognised and read. */
export const MEASURE_PARTS = {
  facts: measureFacts,
  build: buildMeasure,
  title: measureTitle,
  describe: describeMeasure,
  followUps: measureFollowUps,
  applyFollowUp: applyToMeasure,
};
