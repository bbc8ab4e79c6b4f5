// Writes the DuckDB query for an Intent: aggregates, rankings, counts and shares, rates, series, histograms, rows.
import type { DataDna } from "../../data/index.js";
import { labelColumns } from "./labels.js";
import { aggSql, filterSql, ident, keySql, valueExpr, whereSql } from "./sql-parts.js";
import { aliasOf } from "./text.js";
import type { Filter, Intent } from "./types.js";

const targetAlias = (target: Filter) => {
  if (target.kind === "equals") return aliasOf(String(target.value));
  if (target.kind === "in") return aliasOf(target.values.map(String).join("_or_"));
  if (target.kind === "compare")
    return aliasOf(
      target.column,
      { ">": "over", ">=": "min", "<": "under", "<=": "max", "=": "" }[target.op],
      String(target.value),
    );
  return aliasOf(target.column, String(target.year));
};

/** The query plus the result columns a chart would use: x (a key or label) and y (the value). */
export interface BuiltSql {
  sql: string;
  x: string | null;
  y: string | null;
  /** Two groupings: the second key's column, drawn as colour. */
  color?: string;
}

/** Row-level anomaly searches hand Python at most this many of the most extreme rows. */
const ANOMALY_CANDIDATES = 5000;

export function buildSql(dna: DataDna, intent: Intent): BuiltSql {
  const from = ` FROM ${ident(dna.table)}`;
  const filters = intent.filters.map((f) => filterSql(dna, f));
  const notNull = (name: string | null) => (name ? [`${valueExpr(dna, name)} IS NOT NULL`] : []);
  const limit = intent.limit !== null ? ` LIMIT ${intent.limit}` : "";
  const dir = intent.direction === "asc" ? "ASC" : "DESC";
  const n = aliasOf("n", intent.entity);

  if (intent.kind === "correlation" && intent.pair) {
    const [a, b] = intent.pair;
    const where = whereSql([...filters, ...notNull(a), ...notNull(b)]);
    const sql = `SELECT corr(${valueExpr(dna, a)}, ${valueExpr(dna, b)}) AS ${aliasOf("corr", a, b)}, count(*) AS n_pairs${from}${where}`;
    return { sql, x: null, y: null };
  }
  if (intent.kind === "compare" && intent.pair && !intent.groupBy) {
    const parts = intent.pair.map((m) => aggSql(dna, intent.agg === "count" ? "avg" : intent.agg, m, intent.entity));
    const sql = `SELECT ${parts.map((p) => `${p.expr} AS ${p.alias}`).join(", ")}, count(*) AS ${n}${from}${whereSql(filters)}`;
    return { sql, x: null, y: null };
  }
  if ((intent.kind === "share" || intent.kind === "count" || intent.kind === "rate") && intent.target) {
    const cond = filterSql(dna, intent.target);
    const hit = `count(*) FILTER (WHERE ${cond})`;
    const known = `count(${valueExpr(dna, intent.target.column)})`;
    const alias = targetAlias(intent.target);
    const measures = `${hit} AS ${aliasOf("n", alias)}, ${known} AS ${n}, 100.0 * ${hit} / NULLIF(${known}, 0) AS ${aliasOf("pct", alias)}`;
    if (!intent.groupBy) return { sql: `SELECT ${measures}${from}${whereSql(filters)}`, x: null, y: null };
    const key = keySql(dna, intent.groupBy);
    const order = key.temporal ? (key.orderExpr ?? "1") : `${aliasOf("pct", alias)} DESC, 1`;
    const sql = `SELECT ${key.expr} AS ${ident(key.alias)}, ${measures}${from}${whereSql([...filters, `${key.expr} IS NOT NULL`])} GROUP BY ${groupList(key)}`;
    if (key.temporal && intent.limit !== null)
      return { sql: latestPeriods(sql, intent.limit), x: key.alias, y: aliasOf("pct", alias) };
    return { sql: `${sql} ORDER BY ${order}`, x: key.alias, y: aliasOf("pct", alias) };
  }
  if (intent.kind === "distribution" && intent.measure && !intent.groupBy) {
    return { sql: histogramSql(dna, intent, filters), x: "bin_start", y: n };
  }
  if (intent.kind === "lookup") {
    const order = intent.measure ? ` ORDER BY ${valueExpr(dna, intent.measure)} ${dir} NULLS LAST` : "";
    return { sql: `SELECT *${from}${whereSql(filters)}${order}${limit}`, x: null, y: intent.measure };
  }
  if (!intent.groupBy && intent.kind === "top" && intent.measure) {
    const names = labelColumns(dna, intent.measure);
    const labels = names.map((c) => `${valueExpr(dna, c)} AS ${ident(c)}`);
    const m = valueExpr(dna, intent.measure);
    const sql = `SELECT ${[...labels, `${m} AS ${ident(intent.measure)}`].join(", ")}${from}${whereSql([...filters, ...notNull(intent.measure)])} ORDER BY ${m} ${dir}${limit}`;
    return { sql, x: names[0] ?? null, y: intent.measure };
  }
  if (!intent.groupBy && intent.kind === "anomalies" && intent.measure) {
    const names = labelColumns(dna, intent.measure);
    const labels = names.map((c) => `${valueExpr(dna, c)} AS ${ident(c)}`);
    // The whole table's mean and spread travel with the most extreme rows, so a row cap cannot bias them.
    const m = valueExpr(dna, intent.measure);
    const stats = [`avg(${m}) OVER () AS mean_all`, `stddev_samp(${m}) OVER () AS std_all`];
    const sql = `SELECT ${[...labels, `${m} AS ${ident(intent.measure)}`, ...stats].join(", ")}${from}${whereSql([...filters, ...notNull(intent.measure)])} ORDER BY abs(${m} - mean_all) DESC LIMIT ${ANOMALY_CANDIDATES}`;
    return { sql, x: names[0] ?? null, y: intent.measure };
  }
  const agg = aggSql(dna, intent.agg, intent.measure, intent.entity);
  const extra = intent.measure && intent.agg !== "count" && intent.kind !== "forecast" && intent.kind !== "anomalies";
  const select = [`${agg.expr} AS ${agg.alias}`];
  if (extra) select.push(`count(${valueExpr(dna, intent.measure!)}) AS ${n}`);
  const measureFilter = intent.agg === "count" ? [] : notNull(intent.measure);
  if (!intent.groupBy)
    return {
      sql: `SELECT ${select.join(", ")}${from}${whereSql([...filters, ...measureFilter])}`,
      x: null,
      y: agg.alias,
    };

  if (intent.splitBy && (intent.kind === "aggregate" || intent.kind === "trend" || intent.kind === "count"))
    return twoKeySql(dna, intent, select, [...filters, ...measureFilter], agg.alias);
  const key = keySql(dna, intent.groupBy, intent.kind === "forecast" || intent.kind === "anomalies");
  if (intent.agg === "count" && !key.temporal)
    select.push(`100.0 * count(*) / sum(count(*)) OVER () AS ${aliasOf("pct", intent.entity)}`);
  const where = whereSql([...filters, ...measureFilter, `${key.expr} IS NOT NULL`]);
  const byTime = key.temporal && intent.kind !== "top";
  if (byTime && intent.limit !== null) {
    const grouped = `SELECT ${key.expr} AS ${ident(key.alias)}, ${select.join(", ")}${from}${where} GROUP BY ${groupList(key)}`;
    return { sql: latestPeriods(grouped, intent.limit), x: key.alias, y: agg.alias };
  }
  const order = byTime ? (key.orderExpr ?? "1") : `${agg.alias} ${dir}, 1`;
  const sql = `SELECT ${key.expr} AS ${ident(key.alias)}, ${select.join(", ")}${from}${where} GROUP BY ${groupList(key)} ORDER BY ${order}${limit}`;
  return { sql, x: key.alias, y: agg.alias };
}

/**
 * "by symbol and year": both keys, the time one first (the chart's x, the other its colour), in time order and
 * then by the other key.
 */
function twoKeySql(dna: DataDna, intent: Intent, select: string[], conditions: string[], y: string): BuiltSql {
  const keys = [keySql(dna, intent.groupBy!), keySql(dna, intent.splitBy!)];
  if (!keys[0]!.temporal && keys[1]!.temporal) keys.reverse();
  const [x, color] = keys as [ReturnType<typeof keySql>, ReturnType<typeof keySql>];
  const where = whereSql([...conditions, `${x.expr} IS NOT NULL`, `${color.expr} IS NOT NULL`]);
  const order = [x.orderExpr ?? "1", color.orderExpr ?? "2"].join(", ");
  const sql = `SELECT ${x.expr} AS ${ident(x.alias)}, ${color.expr} AS ${ident(color.alias)}, ${select.join(", ")} FROM ${ident(dna.table)}${where} GROUP BY ${groupList(x)}, ${groupList(color)} ORDER BY ${order}`;
  return { sql, x: x.alias, y, color: color.alias };
}

/** A time series cut to its last `n` periods, still in time order ("this year and the year before"). */
function latestPeriods(grouped: string, n: number): string {
  return `SELECT * FROM (${grouped} ORDER BY 1 DESC LIMIT ${n}) ORDER BY 1`;
}

function groupList(key: { expr: string; orderExpr: string | null }): string {
  return key.orderExpr ? `${key.expr}, ${key.orderExpr}` : key.expr;
}

/** Equal-width bins with a round width chosen from the profiled range (about 12 bins). */
function histogramSql(dna: DataDna, intent: Intent, filters: string[]): string {
  const column = dna.columns.find((c) => c.name === intent.measure);
  const lo = column?.numeric?.min ?? 0;
  const hi = column?.numeric?.max ?? 1;
  const width = niceStep((hi - lo) / 12 || 1);
  const m = valueExpr(dna, intent.measure!);
  const bin = `floor(${m} / ${width}) * ${width}`;
  const n = aliasOf("n", intent.entity);
  return `SELECT ${bin} AS bin_start, ${bin} + ${width} AS bin_end, count(*) AS ${n} FROM ${ident(dna.table)}${whereSql([...filters, `${m} IS NOT NULL`])} GROUP BY 1, 2 ORDER BY 1`;
}

export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const step = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return Number((step * power).toPrecision(6));
}
