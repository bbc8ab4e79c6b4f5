// The query shapes rule plans use: a measure over groups (one or two keys), counts and shares of matching rows,
// histograms, ranked and looked-up rows, correlations. Kinds pick a shape; all SQL text comes from the builder.
import {
  aggregate,
  aliased,
  type DataDna,
  type Direction,
  ident,
  integer,
  ordered,
  type Sql,
  STAR,
  select,
  sql,
  subquery,
} from "../../../data/index.js";
import type { Agg, Filter, GroupKey } from "../intent.js";
import type { Axes } from "../kind.js";
import { labelColumns } from "../labels.js";
import { aliasOf } from "../read/text.js";
import {
  aggSql,
  columnOf,
  filterSql,
  groupList,
  type KeySql,
  keySql,
  notNull,
  targetAlias,
  valueExpr,
} from "./parts.js";

export interface BuiltSql {
  query: Sql;
  axes: Axes;
}

const from = (dna: DataDna) => ident(dna.table);
const where = (dna: DataDna, filters: readonly Filter[]) => filters.map((f) => filterSql(dna, f));

/** A time series cut to its last `n` periods, still in time order ("this year and the year before"). */
function latestPeriods(grouped: Sql, n: number): Sql {
  const latest = sql`${grouped} ORDER BY 1 DESC LIMIT ${n}`;
  return select({ select: [STAR], from: subquery(latest), orderBy: [integer(1)] });
}

export interface MeasureSpec {
  /** null: rows are counted. */
  measure: string | null;
  /** Further measures aggregated the same way, after the first. @defaultValue none */
  more?: string[];
  agg: Agg;
  groupBy: GroupKey | null;
  splitBy: GroupKey | null;
  filters: Filter[];
  limit: number | null;
  direction: Direction;
  entity: string;
  /** Rankings order by the value even over a time key ("which year had the most deaths"). */
  ranked: boolean;
  /** Forecasts and anomalies: a plain series, every grain a truncation, no row-count column. */
  series: boolean;
}

/** A measure aggregated over all rows or per group (time groups in time order, others by value). */
export function measureSql(dna: DataDna, spec: MeasureSpec): BuiltSql {
  const agg = aggSql(dna, spec.agg, spec.measure, spec.entity);
  const n = aliasOf("n", spec.entity);
  const select_: Sql[] = [aliased(agg.expr, agg.alias)];
  for (const other of spec.measure ? (spec.more ?? []) : []) {
    const part = aggSql(dna, spec.agg, other, spec.entity);
    select_.push(aliased(part.expr, part.alias));
  }
  if (spec.measure && spec.agg !== "count" && !spec.series)
    select_.push(aliased(aggregate("count", valueExpr(dna, spec.measure)), n));
  // Several measures side by side each skip their own nulls (aggregates do), so no row is dropped for one of them.
  const alone = (spec.more ?? []).length === 0;
  const measureFilter = spec.agg === "count" || !spec.measure || !alone ? [] : [notNull(valueExpr(dna, spec.measure))];
  const conditions = [...where(dna, spec.filters), ...measureFilter];
  if (!spec.groupBy) {
    return { query: select({ select: select_, from: from(dna), where: conditions }), axes: { x: null, y: agg.alias } };
  }
  if (spec.splitBy) return twoKeySql(dna, spec.groupBy, spec.splitBy, select_, conditions, agg.alias);
  const key = keySql(dna, spec.groupBy, spec.series);
  if (spec.agg === "count" && !key.temporal) {
    const share = sql`100.0 * ${aggregate("count")} / sum(${aggregate("count")}) OVER ()`;
    select_.push(aliased(share, aliasOf("pct", spec.entity)));
  }
  const grouped = {
    select: [aliased(key.expr, key.alias), ...select_],
    from: from(dna),
    where: [...conditions, notNull(key.expr)],
    groupBy: groupList(key),
  };
  const axes = { x: key.alias, y: agg.alias };
  const byTime = key.temporal && !spec.ranked;
  if (byTime && spec.limit !== null) return { query: latestPeriods(select(grouped), spec.limit), axes };
  const order = byTime ? [key.orderExpr ?? integer(1)] : [ordered(ident(agg.alias), spec.direction), integer(1)];
  return { query: select({ ...grouped, orderBy: order, limit: spec.limit }), axes };
}

/**
 * "by symbol and year": both keys, the time one first (the chart's x, the other its colour), in time order and
 * then by the other key.
 */
function twoKeySql(
  dna: DataDna,
  first: GroupKey,
  second: GroupKey,
  values: Sql[],
  conditions: Sql[],
  y: string,
): BuiltSql {
  const keys: [KeySql, KeySql] = [keySql(dna, first), keySql(dna, second)];
  if (!keys[0].temporal && keys[1].temporal) keys.reverse();
  const [x, color] = keys;
  const query = select({
    select: [aliased(x.expr, x.alias), aliased(color.expr, color.alias), ...values],
    from: from(dna),
    where: [...conditions, notNull(x.expr), notNull(color.expr)],
    groupBy: [...groupList(x), ...groupList(color)],
    orderBy: [x.orderExpr ?? integer(1), color.orderExpr ?? integer(2)],
  });
  return { query, axes: { x: x.alias, y, color: color.alias } };
}

/** Rows matching `target` among all rows (or per group): how many, of how many with a value, and the share. */
export function targetSql(
  dna: DataDna,
  spec: { target: Filter; groupBy: GroupKey | null; filters: Filter[]; limit: number | null; entity: string },
): BuiltSql {
  const alias = targetAlias(spec.target);
  const hit = sql`count(*) FILTER (WHERE ${filterSql(dna, spec.target)})`;
  const known = aggregate("count", valueExpr(dna, spec.target.column));
  const pct = aliasOf("pct", alias);
  const measures = [
    aliased(hit, aliasOf("n", alias)),
    aliased(known, aliasOf("n", spec.entity)),
    aliased(sql`100.0 * ${hit} / NULLIF(${known}, 0)`, pct),
  ];
  if (!spec.groupBy) {
    return {
      query: select({ select: measures, from: from(dna), where: where(dna, spec.filters) }),
      axes: { x: null, y: null },
    };
  }
  const key = keySql(dna, spec.groupBy);
  const grouped = {
    select: [aliased(key.expr, key.alias), ...measures],
    from: from(dna),
    where: [...where(dna, spec.filters), notNull(key.expr)],
    groupBy: groupList(key),
  };
  const axes = { x: key.alias, y: pct };
  if (key.temporal && spec.limit !== null) return { query: latestPeriods(select(grouped), spec.limit), axes };
  const order = key.temporal ? [key.orderExpr ?? integer(1)] : [ordered(ident(pct), "desc"), integer(1)];
  return { query: select({ ...grouped, orderBy: order }), axes };
}

/** Equal-width bins with a round width chosen from the profiled range (about 12 bins). */
export function histogramSql(dna: DataDna, measure: string, filters: Filter[], entity: string): BuiltSql {
  const column = columnOf(dna, measure);
  const lo = column?.numeric?.min ?? 0;
  const hi = column?.numeric?.max ?? 1;
  const width = niceStep((hi - lo) / 12 || 1);
  const m = valueExpr(dna, measure);
  const bin = sql`floor(${m} / ${width}) * ${width}`;
  const n = aliasOf("n", entity);
  const query = select({
    select: [aliased(bin, "bin_start"), aliased(sql`${bin} + ${width}`, "bin_end"), aliased(aggregate("count"), n)],
    from: from(dna),
    where: [...where(dna, filters), notNull(m)],
    groupBy: [integer(1), integer(2)],
    orderBy: [integer(1)],
  });
  return { query, axes: { x: "bin_start", y: n } };
}

export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const step = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return Number((step * power).toPrecision(6));
}

/** The rows themselves, optionally ordered by a measure. */
export function lookupSql(
  dna: DataDna,
  spec: { measure: string | null; direction: Direction; filters: Filter[]; limit: number | null },
): BuiltSql {
  const order = spec.measure ? [ordered(valueExpr(dna, spec.measure), spec.direction, true)] : [];
  const query = select({
    select: [STAR],
    from: from(dna),
    where: where(dna, spec.filters),
    orderBy: order,
    limit: spec.limit,
  });
  return { query, axes: { x: null, y: spec.measure } };
}

/** Single rows ranked by a measure, each named by its label columns ("Top 5 cars by horsepower"). */
export function rankedRowsSql(
  dna: DataDna,
  spec: { measure: string; direction: Direction; filters: Filter[]; limit: number | null },
): BuiltSql {
  const names = labelColumns(dna, spec.measure);
  const m = valueExpr(dna, spec.measure);
  const query = select({
    select: [...names.map((c) => aliased(valueExpr(dna, c), c)), aliased(m, spec.measure)],
    from: from(dna),
    where: [...where(dna, spec.filters), notNull(m)],
    orderBy: [ordered(m, spec.direction)],
    limit: spec.limit,
  });
  return { query, axes: { x: names[0] ?? null, y: spec.measure } };
}

/** Row-level anomaly searches hand Python at most this many of the most extreme rows. */
const ANOMALY_CANDIDATES = 5000;

/** The rows farthest from the whole table's mean, with that mean and spread (so a row cap cannot bias them). */
export function anomalyRowsSql(dna: DataDna, measure: string, filters: Filter[]): BuiltSql {
  const names = labelColumns(dna, measure);
  const m = valueExpr(dna, measure);
  const query = select({
    select: [
      ...names.map((c) => aliased(valueExpr(dna, c), c)),
      aliased(m, measure),
      aliased(sql`${aggregate("avg", m)} OVER ()`, "mean_all"),
      aliased(sql`${aggregate("stddev_samp", m)} OVER ()`, "std_all"),
    ],
    from: from(dna),
    where: [...where(dna, filters), notNull(m)],
    orderBy: [ordered(sql`abs(${m} - ${ident("mean_all")})`, "desc")],
    limit: ANOMALY_CANDIDATES,
  });
  return { query, axes: { x: names[0] ?? null, y: measure } };
}

export function correlationSql(dna: DataDna, pair: [string, string], filters: Filter[]): BuiltSql {
  const [a, b] = pair.map((name) => valueExpr(dna, name)) as [Sql, Sql];
  const query = select({
    select: [aliased(sql`corr(${a}, ${b})`, aliasOf("corr", pair[0], pair[1])), aliased(aggregate("count"), "n_pairs")],
    from: from(dna),
    where: [...where(dna, filters), notNull(a), notNull(b)],
  });
  return { query, axes: { x: null, y: null } };
}

/** Two measures aggregated side by side over the same rows ("compare horsepower and weight"). */
export function measurePairSql(
  dna: DataDna,
  pair: [string, string],
  agg: Agg,
  filters: Filter[],
  entity: string,
): BuiltSql {
  const parts = pair.map((m) => aggSql(dna, agg === "count" ? "avg" : agg, m, entity));
  const query = select({
    select: [...parts.map((p) => aliased(p.expr, p.alias)), aliased(aggregate("count"), aliasOf("n", entity))],
    from: from(dna),
    where: where(dna, filters),
  });
  return { query, axes: { x: null, y: null } };
}

/** How many distinct values a column holds, over all rows or per group. */
export function countDistinctSql(
  dna: DataDna,
  spec: { column: string; groupBy: GroupKey | null; filters: Filter[] },
): BuiltSql {
  const c = valueExpr(dna, spec.column);
  const alias = aliasOf("distinct", spec.column);
  const value = aliased(sql`count(DISTINCT ${c})`, alias);
  if (!spec.groupBy) {
    return {
      query: select({ select: [value], from: from(dna), where: where(dna, spec.filters) }),
      axes: { x: null, y: alias },
    };
  }
  const key = keySql(dna, spec.groupBy);
  const query = select({
    select: [aliased(key.expr, key.alias), value],
    from: from(dna),
    where: [...where(dna, spec.filters), notNull(key.expr)],
    groupBy: groupList(key),
    orderBy: key.temporal ? [key.orderExpr ?? integer(1)] : [ordered(ident(alias), "desc"), integer(1)],
  });
  return { query, axes: { x: key.alias, y: alias } };
}
