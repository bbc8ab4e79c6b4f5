// Relationships between a channel's tables: a column whose values are found in another table's key-like column
// (flights.origin → airports.iata), with the share of values found. Checked with bounded DuckDB queries.
import type { DuckDBConnection } from "@duckdb/node-api";
import { CATALOG_SCHEMA, listCatalog, setRelationships } from "../catalog.js";
import { quoteIdent } from "../ingest/table-names.js";
import { isTemporalType, isTextType } from "./roles.js";
import type { ColumnProfile, ColumnRef, DataDna, TableRelationship } from "./types.js";

/** Thresholds and bounds of the detection. */
export const RELATIONSHIP_LIMITS = {
  /** Share of the referencing column's values that must be found in the key. */
  minMatchRate: 0.9,
  /** A key-like column: distinct / non-null at least this (1 = unique). */
  minKeyUniqueness: 0.99,
  /** At least this many different values must match: one shared value is a coincidence, not a relationship. */
  minDistinctMatched: 2,
  /** Tables up to this many rows are checked whole; bigger ones through a sample of about `sampleRows`. */
  fullScanRows: 200_000,
  sampleRows: 50_000,
  /** Key columns are looked for in tables up to this many rows. */
  maxKeyRows: 5_000_000,
  /** Column pairs checked per refresh, at most (name-agreeing pairs first). */
  maxPairs: 200,
} as const;

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;

type Family = "text" | "integer";

interface Pair {
  from: { dna: DataDna; column: ColumnProfile };
  to: { dna: DataDna; column: ColumnProfile };
  namesAgree: boolean;
}

interface KeyCheck {
  nonNull: number;
  uniqueness: number;
  /** Whole numbers 0/1…N, one per row: a row number, which any other row number would "match". */
  rowIndex: boolean;
}

/**
 * The relationships among `tables` (the channel's active tables). Pairs that involve a `changed` table are
 * checked again; `previous` relationships between unchanged tables are kept as they were.
 */
export async function detectRelationships(
  connection: DuckDBConnection,
  tables: readonly DataDna[],
  options: { changed: ReadonlySet<string>; previous: readonly TableRelationship[] },
): Promise<TableRelationship[]> {
  const byName = new Map(tables.map((dna) => [dna.table, dna]));
  const kept = options.previous.filter(
    (r) =>
      !options.changed.has(r.from.table) &&
      !options.changed.has(r.to.table) &&
      hasColumn(byName.get(r.from.table), r.from.column) &&
      hasColumn(byName.get(r.to.table), r.to.column),
  );
  const found: TableRelationship[] = [];
  let checks = 0;
  for (const group of byKey(candidatePairs(tables, options.changed))) {
    // One scan of the key column rules out most pairs from their profiles' most frequent values.
    const survivors = await prefilter(connection, group);
    if (survivors.length === 0) continue;
    const key = await checkKey(connection, group[0]!.to.dna, group[0]!.to.column);
    if (!key || key.uniqueness < RELATIONSHIP_LIMITS.minKeyUniqueness) continue;
    for (const pair of survivors) {
      if (checks++ >= RELATIONSHIP_LIMITS.maxPairs) break;
      const relationship = await checkPair(connection, pair, key);
      if (relationship) found.push(relationship);
    }
  }
  return dedupe([...kept, ...found]);
}

/**
 * Inside the publishing transaction, once `changed` tables are in place: checks the pairs they take part in,
 * keeps the rest, and stores each table's relationships in its catalog entry (superseded versions keep none).
 * Returns the relationships of each active table.
 */
export async function refreshRelationships(
  connection: DuckDBConnection,
  changed: readonly string[],
): Promise<Map<string, TableRelationship[]>> {
  const catalog = await listCatalog(connection);
  const active = catalog.filter((entry) => entry.status === "active").map((entry) => entry.dna);
  // Tables profiled before relationships existed are checked as if new.
  const unchecked = await connection.runAndReadAll(
    `SELECT table_name FROM ${CATALOG_SCHEMA}.datasets WHERE status = 'active' AND json_extract(dna, '$.relationships') IS NULL`,
  );
  const stale = unchecked.getRowObjectsJS().map((row) => String(row.table_name));
  const all = await detectRelationships(connection, active, {
    changed: new Set([...changed, ...stale]),
    previous: channelRelationships(active),
  });
  const byTable = new Map<string, TableRelationship[]>();
  for (const entry of catalog) {
    const mine = entry.status === "active" ? relationshipsOf(entry.tableName, all) : [];
    if (entry.status === "active") byTable.set(entry.tableName, mine);
    if (JSON.stringify(mine) !== JSON.stringify(entry.dna.relationships)) {
      await setRelationships(connection, entry.tableName, mine);
    }
  }
  return byTable;
}

/** The relationships a table takes part in, from either side. */
export function relationshipsOf(table: string, relationships: readonly TableRelationship[]): TableRelationship[] {
  return relationships.filter((r) => r.from.table === table || r.to.table === table);
}

/** Every relationship of a channel once, from its tables' DNA (each relationship is kept on both tables). */
export function channelRelationships(tables: readonly DataDna[]): TableRelationship[] {
  return dedupe(tables.flatMap((dna) => dna.relationships ?? []));
}

function candidatePairs(tables: readonly DataDna[], changed: ReadonlySet<string>): Pair[] {
  const pairs: Pair[] = [];
  for (const to of tables) {
    if (to.rowCount > RELATIONSHIP_LIMITS.maxKeyRows) continue;
    for (const key of to.columns.filter((c) => mayBeKey(c, to.rowCount))) {
      for (const from of tables) {
        if (from.table === to.table || !(changed.has(from.table) || changed.has(to.table))) continue;
        for (const column of from.columns) {
          const family = familyOf(column);
          if (family === null || family !== familyOf(key) || column.distinct === 0) continue;
          const namesAgree = sameName(column.name, key.name, to.table);
          // Whole numbers overlap by accident (cylinders 3–8 are all among any 0–100 index): names must agree.
          if (family === "integer" && !namesAgree) continue;
          pairs.push({ from: { dna: from, column }, to: { dna: to, column: key }, namesAgree });
        }
      }
    }
  }
  return pairs.sort((a, b) => Number(b.namesAgree) - Number(a.namesAgree));
}

/** Candidate pairs grouped by their key column, name-agreeing groups first. */
function byKey(pairs: Pair[]): Pair[][] {
  const groups = new Map<string, Pair[]>();
  for (const pair of pairs) {
    const id = `${pair.to.dna.table}\u0000${pair.to.column.name}`;
    groups.set(id, [...(groups.get(id) ?? []), pair]);
  }
  return [...groups.values()];
}

/**
 * Keeps the pairs whose referencing column's most frequent values (from its profile) are mostly found in the
 * key column, checked for the whole group in one bounded query; columns without such values are kept.
 */
async function prefilter(connection: DuckDBConnection, group: Pair[]): Promise<Pair[]> {
  const probes = group.map((pair) =>
    (pair.from.column.top ?? [])
      .map((top) => top.value)
      .filter((value): value is string | number => typeof value === "string" || typeof value === "number"),
  );
  const values = [...new Set(probes.flat())].slice(0, PROBE_VALUES);
  if (values.length === 0) return group;
  const { dna, column } = group[0]!.to;
  const k = quoteIdent(column.name);
  const reader = await connection.runAndReadAll(
    `SELECT DISTINCT ${k} AS v FROM ${quoteIdent(dna.table)} WHERE ${k} IN (${values.map((_, i) => `$${i + 1}`).join(", ")})`,
    values,
  );
  const present = new Set(reader.getRowObjectsJS().map((row) => normal(row.v)));
  return group.filter((_, i) => {
    const probe = probes[i]!;
    if (probe.length === 0) return true;
    return probe.filter((value) => present.has(normal(value))).length >= probe.length * PROBE_MIN_FOUND;
  });
}

/** Most frequent values probed per key column, and the share of a column's that must be found to go on. */
const PROBE_VALUES = 2000;
const PROBE_MIN_FOUND = 0.5;
const normal = (value: unknown) =>
  typeof value === "bigint" || typeof value === "number" ? Number(value) : String(value);

function familyOf(column: ColumnProfile): Family | null {
  if (column.role === "time" || column.role === "text" || isTemporalType(column.type)) return null;
  if (isTextType(column.type)) return "text";
  if (INTEGER.test(column.type)) return "integer";
  return null;
}

/** From the profile: could this column be unique? (its distinct count is an estimate, so the bar is low) */
function mayBeKey(column: ColumnProfile, rowCount: number): boolean {
  const family = familyOf(column);
  if (family === null || rowCount < 2) return false;
  const nonNull = rowCount * (1 - column.nullShare);
  if (nonNull < 2) return false;
  // Integer distinct counts may come from a sample (a lower bound) or be unknown (-1): the exact check decides.
  if (family === "integer") return column.role !== "measure" || column.distinct < 0 || column.distinct >= nonNull * 0.5;
  return column.distinct >= nonNull * 0.8;
}

async function checkKey(connection: DuckDBConnection, dna: DataDna, column: ColumnProfile): Promise<KeyCheck | null> {
  const c = quoteIdent(column.name);
  const reader = await connection.runAndReadAll(
    `SELECT count(${c}) AS n, count(DISTINCT ${c}) AS d${
      familyOf(column) === "integer" ? `, min(${c}) AS lo, max(${c}) AS hi` : ""
    } FROM ${quoteIdent(dna.table)}`,
  );
  const row = reader.getRowObjectsJS()[0];
  const nonNull = Number(row?.n ?? 0);
  const distinct = Number(row?.d ?? 0);
  if (nonNull < 2) return null;
  const lo = row?.lo === undefined ? null : Number(row.lo);
  const hi = row?.hi === undefined ? null : Number(row.hi);
  const rowIndex = distinct === nonNull && (lo === 0 || lo === 1) && hi === lo + nonNull - 1;
  return { nonNull, uniqueness: distinct / nonNull, rowIndex };
}

async function checkPair(connection: DuckDBConnection, pair: Pair, key: KeyCheck): Promise<TableRelationship | null> {
  const from = quoteIdent(pair.from.column.name);
  const to = quoteIdent(pair.to.column.name);
  const rows = pair.from.dna.rowCount;
  // Big tables are read through a block sample of about sampleRows rows: bounded whatever their size.
  const sample =
    rows > RELATIONSHIP_LIMITS.fullScanRows
      ? ` TABLESAMPLE system(${Math.max(0.01, (100 * RELATIONSHIP_LIMITS.sampleRows) / rows).toFixed(4)} PERCENT) REPEATABLE (7)`
      : "";
  const reader = await connection.runAndReadAll(
    `WITH keys AS (SELECT DISTINCT ${to} AS v FROM ${quoteIdent(pair.to.dna.table)} WHERE ${to} IS NOT NULL),
          refs AS (SELECT ${from} AS v FROM ${quoteIdent(pair.from.dna.table)}${sample} WHERE ${from} IS NOT NULL)
     SELECT count(*) AS n, count(keys.v) AS found, count(DISTINCT refs.v) AS d, count(DISTINCT keys.v) AS dm,
            ${familyOf(pair.from.column) === "integer" ? "min(refs.v) AS lo, max(refs.v) AS hi" : "NULL AS lo, NULL AS hi"}
       FROM refs LEFT JOIN keys ON refs.v = keys.v`,
  );
  const row = reader.getRowObjectsJS()[0];
  const checked = Number(row?.n ?? 0);
  const distinctChecked = Number(row?.d ?? 0);
  const distinctMatched = Number(row?.dm ?? 0);
  if (checked === 0) return null;
  const matchRate = Number(row?.found ?? 0) / checked;
  if (matchRate < RELATIONSHIP_LIMITS.minMatchRate) return null;
  if (distinctMatched < RELATIONSHIP_LIMITS.minDistinctMatched) return null;
  const fromUnique = distinctChecked === checked;
  // Two row numbers (0/1…N in both tables) always "match": that says nothing about the rows.
  const lo = row?.lo === null || row?.lo === undefined ? null : Number(row.lo);
  const fromRowIndex = fromUnique && sample === "" && (lo === 0 || lo === 1) && Number(row?.hi) === lo + checked - 1;
  if (key.rowIndex && fromRowIndex) return null;
  const keyUnique = key.uniqueness === 1;
  return {
    from: ref(pair.from.dna.table, pair.from.column.name),
    to: ref(pair.to.dna.table, pair.to.column.name),
    matchRate: round(matchRate),
    cardinality: !keyUnique ? "many-to-many" : fromUnique ? "one-to-one" : "many-to-one",
    checkedRows: checked,
    distinctChecked,
    distinctMatched,
  };
}

/** One entry per column pair; of two unique columns that match each other, the direction that matches more. */
function dedupe(relationships: readonly TableRelationship[]): TableRelationship[] {
  const byPair = new Map<string, TableRelationship>();
  const id = (a: ColumnRef, b: ColumnRef) => `${a.table}.${a.column}\u0000${b.table}.${b.column}`;
  for (const r of relationships) {
    const forward = id(r.from, r.to);
    const reverse = byPair.get(id(r.to, r.from));
    if (reverse) {
      if (r.matchRate > reverse.matchRate) {
        byPair.delete(id(r.to, r.from));
        byPair.set(forward, r);
      }
      continue;
    }
    if (!byPair.has(forward)) byPair.set(forward, r);
  }
  return [...byPair.values()].sort(
    (a, b) =>
      a.from.table.localeCompare(b.from.table) ||
      a.from.column.localeCompare(b.from.column) ||
      a.to.table.localeCompare(b.to.table),
  );
}

/** `airport_id` ~ `airport_id`, or `airports.id` referenced as `airport_id` / `airportid`. */
function sameName(from: string, key: string, keyTable: string): boolean {
  const f = words(from).join("_");
  const k = words(key).join("_");
  if (f === k) return true;
  const t = words(keyTable).map(singular).join("_");
  return f === `${t}_${k}` || f === `${t}${k}`;
}

const words = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const singular = (word: string) =>
  word.endsWith("ies")
    ? `${word.slice(0, -3)}y`
    : word.endsWith("s") && !word.endsWith("ss")
      ? word.slice(0, -1)
      : word;

const hasColumn = (dna: DataDna | undefined, column: string) => dna?.columns.some((c) => c.name === column) === true;
const ref = (table: string, column: string): ColumnRef => ({ table, column });
const round = (value: number) => Math.round(value * 1e4) / 1e4;
