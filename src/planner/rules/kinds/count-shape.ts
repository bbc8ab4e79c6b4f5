// What count, share and rate intents share: rows matching a condition (the target) among all rows or per group,
// or rows counted per group. Each kind keeps its own type; building and describing is here.
import type { ResultTable } from "../../../charts/index.js";
import type { DataDna } from "../../../data/index.js";
import type { ChartIntent } from "../../plan.js";
import { formatCell, formatPercent, toNumber } from "../compose/format.js";
import { describeGroups, describeTwoKeys, type RowsView } from "../compose/groups.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, conditionWords, groupWords, whereWords } from "../compose/phrases.js";
import type { BaseIntent, Filter, GroupKey, IntentFacts } from "../intent.js";
import type { DescribeInput, FollowUpChange, KindPlan, Sentence } from "../kind.js";
import { measureSql, targetSql } from "../sql/shapes.js";
import type { AggregateIntent } from "./aggregate.js";
import { facts, withFilter } from "./common.js";
import { defaultAgg, isTimeAxis } from "./measure-shape.js";

export interface CountShape extends BaseIntent {
  kind: "count" | "share" | "rate";
  /** The condition whose rows are counted (weather = 'sun'); null counts every row. */
  target: Filter | null;
  groupBy: GroupKey | null;
  splitBy: GroupKey | null;
  /** Time series: keep the last N periods ("this year and the one before"). */
  limit: number | null;
}

export function countFacts(intent: CountShape, dna: DataDna): IntentFacts {
  return facts(intent, dna, {
    columns: intent.target ? [intent.target.column] : [],
    keys: [intent.groupBy, intent.splitBy],
    agg: "count",
    counts: true,
    limit: intent.limit,
  });
}

export function buildCount(intent: CountShape, dna: DataDna): KindPlan {
  const built = intent.target
    ? targetSql(dna, { ...intent, target: intent.target })
    : measureSql(dna, {
        ...intent,
        measure: null,
        agg: "count",
        direction: "desc",
        ranked: false,
        series: false,
      });
  const { x, y, color } = built.axes;
  const time = isTimeAxis(dna, intent.groupBy);
  let chart: ChartIntent = {};
  if (x && y && color) chart = { type: time || isTimeAxis(dna, intent.splitBy) ? "line" : "bar", x, y, color };
  else if (x && y) chart = { type: time ? "line" : "bar", x, y };
  return { query: built.query, python: null, axes: built.axes, chart };
}

const view = (intent: CountShape): RowsView => ({
  shape: "groups",
  measure: null,
  agg: "count",
  entity: intent.entity,
  filters: intent.filters,
  target: intent.target,
  groupBy: intent.groupBy,
  direction: "desc",
});

export function describeCount(intent: CountShape, table: ResultTable, input: DescribeInput): Sentence {
  const metrics = firstRowMetrics(table);
  if (intent.splitBy && input.axes.color) return { text: describeTwoKeys(view(intent), table, input), metrics };
  if (intent.groupBy) return { text: describeGroups(view(intent), table, input), metrics };
  const row = table.rows[0]!;
  const where = whereWords(intent.filters);
  if (!intent.target) return { text: `There are ${formatCell(row[0])} ${intent.entity}${where}.`, metrics };
  const [hit, total, pct] = [row[0], row[1], toNumber(row[2])];
  const cond = conditionWords(intent.target);
  const share = pct === null ? "" : ` (${formatPercent(pct)})`;
  const text =
    intent.kind === "share" && pct !== null
      ? `${formatPercent(pct)} of ${intent.entity}${where} have ${cond} (${formatCell(hit)} of ${formatCell(total)}).`
      : `${formatCell(hit)} of ${formatCell(total)} ${intent.entity}${share} have ${cond}${where}.`;
  return { text, metrics };
}

/** A count's follow-up: another condition (the target's own column swaps the target), grouping or year. */
export function applyToCount(
  intent: CountShape,
  change: FollowUpChange,
  dna: DataDna,
): CountShape | AggregateIntent | null {
  switch (change.change) {
    case "filter": {
      const f = change.filter;
      const swapsTarget = intent.target?.column === f.column && (f.kind === "equals" || f.kind === "in");
      if (swapsTarget) return { ...intent, target: f };
      return { ...intent, filters: withFilter(intent.filters, f) };
    }
    case "group": {
      if (intent.target) return { ...intent, kind: "rate", groupBy: change.key, splitBy: null, limit: null };
      return { ...intent, groupBy: change.key, splitBy: null, limit: null };
    }
    case "measure": {
      // "what about horsepower?" after "how many cars have 8 cylinders": that measure over the same rows.
      const next: AggregateIntent = {
        kind: "aggregate",
        table: intent.table,
        entity: intent.entity,
        filters: intent.target ? [...intent.filters, intent.target] : intent.filters,
        measure: change.column,
        more: [],
        agg: defaultAgg(change.column),
        groupBy: intent.groupBy,
        splitBy: null,
        limit: null,
        direction: "desc",
      };
      return next;
    }
    case "agg":
      return null;
    case "year_over_year":
      return {
        ...intent,
        kind: intent.target ? "rate" : "count",
        filters: [
          ...intent.filters.filter((f) => f.kind !== "year"),
          { kind: "year", column: change.column, op: "<=", year: change.latest },
        ],
        groupBy: {
          column: change.column,
          ...(/^(DATE|TIMESTAMP)/.test(dna.columns.find((c) => c.name === change.column)?.type ?? "")
            ? { grain: "year" as const }
            : {}),
        },
        splitBy: null,
        limit: 2,
      };
  }
}

export function countTitle(intent: CountShape): string {
  const by = intent.groupBy ? ` by ${groupWords(intent.groupBy)}` : "";
  const where = whereWords(intent.filters);
  const what = intent.kind === "count" ? "number of" : "share of";
  const cond = intent.target ? ` where ${conditionWords(intent.target)}` : "";
  return capitalise(`${what} ${intent.entity}${cond}${by}${where}`);
}
