// The channel's own catalog of datasets, kept inside its DuckDB file so it commits with the data.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DataDna, TableRelationship } from "./dna/types.js";

export interface DatasetEntry {
  tableName: string;
  sourceKey: string;
  sourceFile: string;
  sheet: string | null;
  version: number;
  status: "active" | "superseded";
  rowCount: number;
  columnCount: number;
  dna: DataDna;
  notes: string[];
  createdAt: string;
}

export const CATALOG_SCHEMA = "insightx_meta";

export async function ensureCatalog(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${CATALOG_SCHEMA}`);
  await connection.run(`CREATE TABLE IF NOT EXISTS ${CATALOG_SCHEMA}.datasets (
    table_name VARCHAR NOT NULL,
    source_key VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    sheet VARCHAR,
    version INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    row_count BIGINT NOT NULL,
    column_count INTEGER NOT NULL,
    dna JSON NOT NULL,
    notes JSON NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
  )`);
}

/** All datasets of the channel, active first; an empty list when the catalog does not exist yet. */
export async function listCatalog(connection: DuckDBConnection): Promise<DatasetEntry[]> {
  const exists = await connection.runAndReadAll(
    "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = $1 AND table_name = 'datasets'",
    [CATALOG_SCHEMA],
  );
  if (Number(exists.getRowObjectsJS()[0]?.n) === 0) return [];
  const reader = await connection.runAndReadAll(
    `SELECT table_name, source_key, source_file, sheet, version, status, row_count, column_count,
            dna::VARCHAR AS dna, notes::VARCHAR AS notes, created_at::VARCHAR AS created_at
       FROM ${CATALOG_SCHEMA}.datasets ORDER BY status, created_at, table_name`,
  );
  return reader.getRowObjectsJS().map((row) => ({
    tableName: String(row.table_name),
    sourceKey: String(row.source_key),
    sourceFile: String(row.source_file),
    sheet: row.sheet === null ? null : String(row.sheet),
    version: Number(row.version),
    status: row.status === "active" ? "active" : "superseded",
    rowCount: Number(row.row_count),
    columnCount: Number(row.column_count),
    dna: withDefaults(JSON.parse(String(row.dna)) as DataDna),
    notes: JSON.parse(String(row.notes)) as string[],
    createdAt: String(row.created_at),
  }));
}

export async function insertCatalog(
  connection: DuckDBConnection,
  entry: Omit<DatasetEntry, "createdAt">,
): Promise<void> {
  await connection.run(
    `INSERT INTO ${CATALOG_SCHEMA}.datasets
       (table_name, source_key, source_file, sheet, version, status, row_count, column_count, dna, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::JSON, $10::JSON)`,
    [
      entry.tableName,
      entry.sourceKey,
      entry.sourceFile,
      entry.sheet,
      entry.version,
      entry.status,
      entry.rowCount,
      entry.columnCount,
      JSON.stringify(entry.dna),
      JSON.stringify(entry.notes),
    ],
  );
}

export async function supersede(connection: DuckDBConnection, tableName: string, renamedTo: string): Promise<void> {
  await connection.run(
    `UPDATE ${CATALOG_SCHEMA}.datasets SET table_name = $1, status = 'superseded', dna = json_merge_patch(dna, json_object('table', $1::VARCHAR)) WHERE table_name = $2`,
    [renamedTo, tableName],
  );
}

/** Profiles stored before a field existed read as if made today. */
function withDefaults(dna: DataDna): DataDna {
  return { ...dna, relationships: dna.relationships ?? [] };
}

/** Replaces the relationships kept in a table's catalog entry (its active version, or a superseded one by name). */
export async function setRelationships(
  connection: DuckDBConnection,
  tableName: string,
  relationships: TableRelationship[],
): Promise<void> {
  await connection.run(
    `UPDATE ${CATALOG_SCHEMA}.datasets SET dna = json_merge_patch(dna, json_object('relationships', $1::JSON)) WHERE table_name = $2`,
    [JSON.stringify(relationships), tableName],
  );
}
