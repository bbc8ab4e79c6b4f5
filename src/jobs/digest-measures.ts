// One dataset's figures for a digest: the latest period against its history, anomalies (z-scores), top movers.
import {
  aggregate,
  aliased,
  build,
  type ChannelRef,
  type DataDna,
  type DataEngine,
  dateTrunc,
  ident,
  integer,
  ordered,
  select,
  sql,
  subquery,
  type TruncUnit,
} from "../data/index.js";

export interface MeasureChange {
  column: string;
  latest: number;
  /** Mean over the earlier periods. */
  baseline: number;
  changePct: number | null;
  /** (latest − mean) / std over the earlier periods; null with fewer than 3 of them or no spread. */
  z: number | null;
  anomaly: boolean;
}

export interface Mover {
  value: string;
  previous: number;
  latest: number;
  change: number;
}

export interface DatasetPeriods {
  grain: string;
  latestPeriod: string;
  /** Periods found (the latest included), oldest first, with the first measure (or row count). */
  series: Array<{ period: string; value: number }>;
  seriesLabel: string;
  measures: MeasureChange[];
  movers: { dimension: string; measure: string; items: Mover[] } | null;
}

const PERIODS = 30;
const GRAINS: ReadonlySet<string> = new Set<TruncUnit>(["day", "week", "month", "quarter", "year"]);

/** Measures summed per period; at most three, the DNA's order. */
function measureColumns(dna: DataDna): string[] {
  return dna.columns
    .filter((column) => column.role === "measure")
    .slice(0, 3)
    .map((column) => column.name);
}

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

/** The latest period against the ones before it; null without a time column. */
export async function periodChanges(engine: DataEngine, ref: ChannelRef, dna: DataDna): Promise<DatasetPeriods | null> {
  const timeColumn = dna.timeColumn;
  const profile = dna.columns.find((column) => column.name === timeColumn);
  if (!timeColumn || !profile?.time) return null;
  const grain = (GRAINS.has(profile.time.grain) ? profile.time.grain : "day") as TruncUnit;
  const time = ident(timeColumn);
  const measures = measureColumns(dna);
  const query = select({
    select: [
      aliased(sql`CAST(${dateTrunc(grain, time)} AS DATE)`, "period"),
      aliased(aggregate("count"), "n"),
      ...measures.map((name, i) => aliased(aggregate("sum", ident(name)), `m${i}`)),
    ],
    from: ident(dna.table),
    where: [sql`${time} IS NOT NULL`],
    groupBy: [integer(1)],
    orderBy: [ordered(integer(1), "desc")],
    limit: PERIODS,
  });
  const result = await engine.query(ref, build(query));
  if (result.rows.length === 0) return null;
  const rows = [...result.rows].reverse();
  const latestRow = rows.at(-1)!;
  const history = rows.slice(0, -1);
  const changes = [...measures, "rows"].map((column, i): MeasureChange => {
    const index = column === "rows" ? 1 : 2 + i;
    const latest = num(latestRow[index]);
    const past = history.map((row) => num(row[index]));
    const baseline = past.length ? past.reduce((a, b) => a + b, 0) / past.length : latest;
    const std = past.length >= 3 ? Math.sqrt(past.reduce((a, b) => a + (b - baseline) ** 2, 0) / (past.length - 1)) : 0;
    const z = std > 0 ? (latest - baseline) / std : null;
    return {
      column,
      latest,
      baseline,
      changePct: baseline !== 0 ? ((latest - baseline) / Math.abs(baseline)) * 100 : null,
      z,
      anomaly: z !== null && Math.abs(z) >= 2,
    };
  });
  const seriesIndex = measures.length > 0 ? 2 : 1;
  return {
    grain,
    latestPeriod: String(latestRow[0]),
    series: rows.map((row) => ({ period: String(row[0]), value: num(row[seriesIndex]) })),
    seriesLabel: measures[0] ?? "rows",
    measures: changes,
    movers: await topMovers(
      engine,
      ref,
      dna,
      grain,
      measures[0] ?? null,
      rows.length >= 2 ? String(rows.at(-2)![0]) : null,
    ),
  };
}

/** The dimension values whose measure changed most between the last two periods. */
async function topMovers(
  engine: DataEngine,
  ref: ChannelRef,
  dna: DataDna,
  grain: TruncUnit,
  measure: string | null,
  previous: string | null,
): Promise<DatasetPeriods["movers"]> {
  // A grouping column: a dimension, else a status-like column (two or three values are still groups).
  const groups = dna.columns.filter((column) => column.distinct <= 100 && column.distinct > 1);
  const dimension = (groups.find((c) => c.role === "dimension") ?? groups.find((c) => c.role === "status"))?.name;
  // `previous` comes from a DATE column read back as YYYY-MM-DD; it is bound, and anything else is not asked.
  if (!dimension || !previous || !/^\d{4}-\d{2}-\d{2}$/.test(previous) || !dna.timeColumn) return null;
  const period = sql`CAST(${dateTrunc(grain, ident(dna.timeColumn))} AS DATE)`;
  const since = sql`CAST(${previous} AS DATE)`;
  const perPeriod = select({
    select: [
      aliased(sql`CAST(${ident(dimension)} AS VARCHAR)`, "d"),
      aliased(period, "period"),
      aliased(measure ? aggregate("sum", ident(measure)) : aggregate("count"), "v"),
    ],
    from: ident(dna.table),
    where: [sql`${period} >= ${since}`],
    groupBy: [integer(1), integer(2)],
  });
  const change = sql`abs(${ident("after")} - ${ident("before")})`;
  const query = select({
    select: [
      ident("d"),
      aliased(sql`SUM(CASE WHEN ${ident("period")} = ${since} THEN ${ident("v")} ELSE 0 END)`, "before"),
      aliased(sql`SUM(CASE WHEN ${ident("period")} > ${since} THEN ${ident("v")} ELSE 0 END)`, "after"),
    ],
    from: sql`${subquery(perPeriod)} AS ${ident("p")}`,
    groupBy: [integer(1)],
    orderBy: [ordered(change, "desc"), ident("d")],
    limit: 3,
  });
  const result = await engine.query(ref, build(query));
  const items = result.rows
    .map((row) => ({
      value: String(row[0] ?? "(none)"),
      previous: num(row[1]),
      latest: num(row[2]),
      change: num(row[2]) - num(row[1]),
    }))
    .filter((item) => item.change !== 0);
  return items.length ? { dimension, measure: measure ?? "rows", items } : null;
}
