// Profiles a table in two DuckDB passes (see passes.ts) and turns their numbers into Data DNA.
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent } from "../ingest/table-names.js";
import { type Cell, toCell } from "../sql/values.js";
import { aggregatePass, type FrequencyRequest, frequencyPass, type Row } from "./passes.js";
import { inferRole, inferUnit, isNumericType, isTemporalType, isTextType } from "./roles.js";
import type { ColumnProfile, DataDna, TimeGrain, TopValue } from "./types.js";

/** Columns with at most this many distinct values get exact frequencies (histogram). */
const HISTOGRAM_MAX_DISTINCT = 1000;
const TOP_VALUES = 10;
/** Text and boolean columns with at most this many distinct values keep all of them, so questions can name any. */
const VALUES_MAX_DISTINCT = 1000;

export async function profileTable(
  connection: DuckDBConnection,
  table: string,
  meta: { sourceFile: string; version: number },
): Promise<DataDna> {
  const described = await connection.runAndReadAll(`DESCRIBE ${quoteIdent(table)}`);
  const columns = described
    .getRowObjectsJS()
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  const stats = await aggregatePass(connection, table, columns);
  const rowCount = Number(stats.n ?? 0);

  const profiles: ColumnProfile[] = columns.map((column, i) => buildProfile(column, i, stats, rowCount));
  await secondPass(connection, table, rowCount, profiles);
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
    // Filled in when the table is published, against the channel's other tables (relationships.ts).
    relationships: [],
    sample,
    profiledAt: new Date().toISOString(),
  };
}

function buildProfile(column: { name: string; type: string }, i: number, stats: Row, rowCount: number): ColumnProfile {
  const get = (suffix: string) => stats[`c${i}_${suffix}`];
  const nonNull = Number(get("n") ?? 0);
  // Unknown (-1) until pass 2 when pass 1 did not count it (numbers and times; see needsFullDistinct).
  const distinct = get("d") === undefined ? -1 : Math.min(Number(get("d") ?? 0), nonNull);
  const profile: ColumnProfile = {
    name: column.name,
    type: column.type,
    role: "dimension",
    nullShare: rowCount === 0 ? 0 : round((rowCount - nonNull) / rowCount),
    distinct,
    distinctApprox: true,
  };
  if (isNumericType(column.type) && nonNull > 0) {
    profile.numeric = {
      min: Number(get("min")),
      max: Number(get("max")),
      mean: Number(get("mean")),
      std: get("std") === null ? null : Number(get("std")),
      // Filled in by the second pass.
      p25: Number.NaN,
      p50: Number.NaN,
      p75: Number.NaN,
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
  // `unit` is absent for DATE columns (whole days by type).
  const unit = Number(get("unit") ?? 0);
  if (unit > 0) return unit === 1 ? "hour" : unit === 2 ? "minute" : "second";
  if (get("y1") === true) return "year";
  if (get("q1") === true) return "quarter";
  if (get("d1") === true) return "month";
  return get("dow1") === true ? "week" : "day";
}

async function secondPass(
  connection: DuckDBConnection,
  table: string,
  rowCount: number,
  profiles: ColumnProfile[],
): Promise<void> {
  const frequencies: FrequencyRequest[] = [];
  profiles.forEach((profile, index) => {
    // A whole-number column with a narrow range (cylinders, ratings, ages) gets exact counts of its values.
    const smallNumeric =
      profile.numeric?.integer === true &&
      (profile.distinct >= 0 ? profile.distinct <= 20 : profile.numeric.max - profile.numeric.min <= 100);
    const textual = isTextType(profile.type) || profile.type === "BOOLEAN";
    if ((textual || smallNumeric) && profile.distinct <= HISTOGRAM_MAX_DISTINCT) {
      frequencies.push({ index, name: profile.name, exact: true, topK: TOP_VALUES });
    } else if (textual && profile.role !== "text") {
      frequencies.push({ index, name: profile.name, exact: false, topK: TOP_VALUES });
    }
  });
  const numeric = profiles.flatMap((profile, index) => (profile.numeric ? [{ index, name: profile.name }] : []));
  const exact = new Set(frequencies.filter((f) => f.exact).map((f) => f.index));
  const sampledDistinct = profiles.flatMap((profile, index) =>
    profile.distinct < 0 && !exact.has(index) ? [{ index, name: profile.name }] : [],
  );
  if (frequencies.length === 0 && numeric.length === 0 && sampledDistinct.length === 0) return;
  const row = await frequencyPass(connection, table, rowCount, frequencies, numeric, sampledDistinct);
  for (const { index } of sampledDistinct) {
    const profile = profiles[index]!;
    // Counted over the sample: a lower bound when the sample is smaller than the table.
    profile.distinct = Number(row[`d${index}`] ?? 0);
  }
  for (const { index } of numeric) {
    const q = (row[`q${index}`] as number[] | null) ?? [];
    Object.assign(profiles[index]!.numeric!, { p25: Number(q[0]), p50: Number(q[1]), p75: Number(q[2]) });
  }
  for (const { index, exact } of frequencies) {
    const profile = profiles[index]!;
    if (exact) {
      const entries = ((row[`h${index}`] as Array<{ v: unknown; n: unknown }> | null) ?? []).map((entry) => ({
        value: toCell(entry.v, profile.type),
        count: Number(entry.n),
      }));
      const total = entries.reduce((sum, entry) => sum + entry.count, 0) || 1;
      entries.sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
      profile.distinct = entries.length;
      profile.distinctApprox = false;
      // Numbers list their values only when there are few (cylinders), not every age from 0 to 90.
      if (profile.numeric && entries.length > 20) continue;
      profile.top = entries
        .slice(0, TOP_VALUES)
        .map((entry): TopValue => ({ ...entry, share: round(entry.count / total) }));
      profile.topComplete = entries.length <= TOP_VALUES;
      const textual = isTextType(profile.type) || profile.type === "BOOLEAN";
      if (textual && entries.length <= VALUES_MAX_DISTINCT) profile.values = entries.map((entry) => entry.value);
    } else {
      const values = (row[`h${index}`] as unknown[] | null) ?? [];
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
