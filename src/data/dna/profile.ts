// Profiles a table in two DuckDB passes: one aggregate scan for every column, one for value frequencies.
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent } from "../ingest/table-names.js";
import { type Cell, toCell } from "../sql/values.js";
import { inferRole, inferUnit, isNumericType, isTemporalType, isTextType } from "./roles.js";
import type { ColumnProfile, DataDna, TimeGrain, TopValue } from "./types.js";

/** Columns with at most this many distinct values get exact frequencies (histogram). */
const HISTOGRAM_MAX_DISTINCT = 1000;
const TOP_VALUES = 10;

type Row = Record<string, unknown>;

export async function profileTable(
  connection: DuckDBConnection,
  table: string,
  meta: { sourceFile: string; version: number },
): Promise<DataDna> {
  const described = await connection.runAndReadAll(`DESCRIBE ${quoteIdent(table)}`);
  const columns = described
    .getRowObjectsJS()
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  const stats = await firstPass(connection, table, columns);
  const rowCount = Number(stats.n ?? 0);

  const profiles: ColumnProfile[] = columns.map((column, i) => buildProfile(column, i, stats, rowCount));
  await secondPass(connection, table, profiles);
  for (const profile of profiles) {
    const unit = inferUnit(profile);
    if (unit) profile.unit = unit;
  }

  const sampleReader = await connection.runAndReadAll(`SELECT * FROM ${quoteIdent(table)} LIMIT 3`);
  const sample = sampleReader.getRowsJS().map((row) => {
    const record: Record<string, Cell> = {};
    row.forEach((value, i) => {
      record[columns[i]!.name] = toCell(value, columns[i]!.type);
    });
    return record;
  });

  const timeColumn = pickTimeColumn(profiles);
  return {
    table,
    sourceFile: meta.sourceFile,
    version: meta.version,
    rowCount,
    columnCount: columns.length,
    columns: profiles,
    baselines: {
      rates: profiles
        .filter((p) => p.role === "status" && p.top)
        .flatMap((p) => (p.top ?? []).map((top) => ({ column: p.name, value: top.value, share: top.share }))),
      means: profiles
        .filter((p) => p.role === "measure" && p.numeric)
        .map((p) => ({ column: p.name, mean: p.numeric!.mean })),
    },
    timeColumn,
    sample,
    profiledAt: new Date().toISOString(),
  };
}

async function firstPass(connection: DuckDBConnection, table: string, columns: Array<{ name: string; type: string }>) {
  const parts = ["count(*) AS n"];
  columns.forEach(({ name, type }, i) => {
    const c = quoteIdent(name);
    parts.push(`count(${c}) AS c${i}_n`, `approx_count_distinct(${c}) AS c${i}_d`);
    if (isNumericType(type)) {
      const d = `${c}::DOUBLE`;
      parts.push(
        `min(${d}) AS c${i}_min`,
        `max(${d}) AS c${i}_max`,
        `avg(${d}) AS c${i}_mean`,
        `stddev_samp(${d}) AS c${i}_std`,
        `approx_quantile(${d}, [0.25, 0.5, 0.75]) AS c${i}_q`,
        `bool_and(${d} = floor(${d})) AS c${i}_int`,
      );
    } else if (isTemporalType(type)) {
      const t = `${c}::TIMESTAMP`;
      parts.push(
        `min(${c})::VARCHAR AS c${i}_min`,
        `max(${c})::VARCHAR AS c${i}_max`,
        `bool_and(hour(${t}) = 0 AND minute(${t}) = 0 AND second(${t}) = 0) AS c${i}_midnight`,
        `bool_and(second(${t}) = 0) AS c${i}_s0`,
        `bool_and(minute(${t}) = 0 AND second(${t}) = 0) AS c${i}_m0`,
        `bool_and(day(${t}) = 1) AS c${i}_d1`,
        `bool_and(day(${t}) = 1 AND month(${t}) IN (1, 4, 7, 10)) AS c${i}_q1`,
        `bool_and(day(${t}) = 1 AND month(${t}) = 1) AS c${i}_y1`,
        `count(DISTINCT dayofweek(${t})) AS c${i}_dow`,
      );
    } else if (isTextType(type)) {
      parts.push(`avg(length(${c})) AS c${i}_len`);
    }
  });
  const reader = await connection.runAndReadAll(`SELECT ${parts.join(", ")} FROM ${quoteIdent(table)}`);
  return reader.getRowObjectsJS()[0] as Row;
}

function buildProfile(column: { name: string; type: string }, i: number, stats: Row, rowCount: number): ColumnProfile {
  const get = (suffix: string) => stats[`c${i}_${suffix}`];
  const nonNull = Number(get("n") ?? 0);
  const distinct = Math.min(Number(get("d") ?? 0), nonNull);
  const profile: ColumnProfile = {
    name: column.name,
    type: column.type,
    role: "dimension",
    nullShare: rowCount === 0 ? 0 : round((rowCount - nonNull) / rowCount),
    distinct,
    distinctApprox: true,
  };
  if (isNumericType(column.type) && nonNull > 0) {
    const q = (get("q") as number[] | null) ?? [];
    profile.numeric = {
      min: Number(get("min")),
      max: Number(get("max")),
      mean: Number(get("mean")),
      std: get("std") === null ? null : Number(get("std")),
      p25: Number(q[0]),
      p50: Number(q[1]),
      p75: Number(q[2]),
      integer: get("int") === true,
    };
  }
  profile.role = inferRole({
    name: column.name,
    type: column.type,
    rowCount,
    nonNull,
    distinct,
    integer: profile.numeric?.integer ?? false,
    ...(profile.numeric ? { min: profile.numeric.min, max: profile.numeric.max } : {}),
    ...(get("len") !== undefined && get("len") !== null ? { avgLength: Number(get("len")) } : {}),
  });
  if (isTemporalType(column.type) && nonNull > 0) {
    profile.time = { min: String(get("min")), max: String(get("max")), grain: temporalGrain(get) };
  } else if (profile.role === "time" && profile.numeric) {
    profile.time = { min: String(profile.numeric.min), max: String(profile.numeric.max), grain: "year" };
  }
  return profile;
}

function temporalGrain(get: (suffix: string) => unknown): TimeGrain {
  if (get("midnight") !== true) {
    if (get("m0") === true) return "hour";
    return get("s0") === true ? "minute" : "second";
  }
  if (get("y1") === true) return "year";
  if (get("q1") === true) return "quarter";
  if (get("d1") === true) return "month";
  return Number(get("dow")) === 1 ? "week" : "day";
}

async function secondPass(connection: DuckDBConnection, table: string, profiles: ColumnProfile[]): Promise<void> {
  const parts: string[] = [];
  const wanted: Array<{ profile: ColumnProfile; alias: string; exact: boolean }> = [];
  profiles.forEach((profile, i) => {
    const c = quoteIdent(profile.name);
    const smallNumeric = profile.numeric?.integer === true && profile.distinct <= 20;
    const textual = isTextType(profile.type) || profile.type === "BOOLEAN";
    if ((textual || smallNumeric) && profile.distinct <= HISTOGRAM_MAX_DISTINCT) {
      parts.push(`histogram(${c}) AS h${i}`);
      wanted.push({ profile, alias: `h${i}`, exact: true });
    } else if (textual && profile.role !== "text") {
      parts.push(`approx_top_k(${c}, ${TOP_VALUES}) AS h${i}`);
      wanted.push({ profile, alias: `h${i}`, exact: false });
    }
  });
  if (parts.length === 0) return;
  const reader = await connection.runAndReadAll(`SELECT ${parts.join(", ")} FROM ${quoteIdent(table)}`);
  const row = reader.getRowObjectsJS()[0] as Row;
  for (const { profile, alias, exact } of wanted) {
    if (exact) {
      const entries = ((row[alias] as Array<{ key: unknown; value: unknown }> | null) ?? []).map((entry) => ({
        value: toCell(entry.key, profile.type),
        count: Number(entry.value),
      }));
      const total = entries.reduce((sum, entry) => sum + entry.count, 0) || 1;
      entries.sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
      profile.distinct = entries.length;
      profile.distinctApprox = false;
      profile.top = entries
        .slice(0, TOP_VALUES)
        .map((entry): TopValue => ({ ...entry, share: round(entry.count / total) }));
      profile.topComplete = entries.length <= TOP_VALUES;
    } else {
      const values = (row[alias] as unknown[] | null) ?? [];
      profile.top = values.map((value): TopValue => ({ value: toCell(value, profile.type), count: 0, share: 0 }));
      profile.topComplete = false;
    }
  }
}

function pickTimeColumn(profiles: ColumnProfile[]): string | null {
  const temporal = profiles.filter((p) => p.role === "time" && isTemporalType(p.type));
  const candidates = temporal.length > 0 ? temporal : profiles.filter((p) => p.role === "time");
  candidates.sort((a, b) => a.nullShare - b.nullShare || b.distinct - a.distinct);
  return candidates[0]?.name ?? null;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
