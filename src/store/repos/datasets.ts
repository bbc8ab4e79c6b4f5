// Datasets: each ingested table of a channel, versioned; a re-upload supersedes the active version.
import type { Db } from "../db/db.js";

export type DatasetStatus = "active" | "superseded";

export interface Dataset {
  id: number;
  sessionId: string;
  tableName: string;
  sourceFile: string;
  format: string | null;
  sourceBytes: number | null;
  version: number;
  rowCount: number;
  columnCount: number;
  /** The Data DNA profile, as stored by the data layer. */
  dataDna: unknown;
  status: DatasetStatus;
  createdAt: Date;
}

export interface NewDataset {
  sessionId: string;
  tableName: string;
  sourceFile: string;
  /** Defaults to the next version of this table in the session. */
  version?: number;
  rowCount: number;
  columnCount: number;
  dataDna: unknown;
  format?: string | null;
  sourceBytes?: number | null;
}

export interface DatasetsRepo {
  /** Active versions of the session's tables, by table name. */
  listActive(sessionId: string): Promise<Dataset[]>;
  /** The active version of a table, or null. */
  get(sessionId: string, tableName: string): Promise<Dataset | null>;
  /** Every version of a table, newest first. */
  versions(sessionId: string, tableName: string): Promise<Dataset[]>;
  nextVersion(sessionId: string, tableName: string): Promise<number>;
  /** Records a new active version and marks the previous active one superseded, in one transaction. */
  record(dataset: NewDataset): Promise<Dataset>;
  /** Forgets every dataset of the session; returns how many rows went. */
  removeAll(sessionId: string): Promise<number>;
}

const COLUMNS = `id, session_id AS "sessionId", table_name AS "tableName", source_file AS "sourceFile", format,
  source_bytes AS "sourceBytes", version, row_count AS "rowCount", column_count AS "columnCount",
  data_dna AS "dataDna", status, created_at AS "createdAt"`;

async function nextVersion(db: Db, sessionId: string, tableName: string): Promise<number> {
  const rows = await db.query<{ next: number }>(
    "SELECT COALESCE(MAX(version), 0) + 1 AS next FROM datasets WHERE session_id = $1 AND table_name = $2",
    [sessionId, tableName],
  );
  return Number(rows[0]?.next ?? 1);
}

export function datasetsRepo(db: Db): DatasetsRepo {
  return {
    listActive: (sessionId) =>
      db.query<Dataset>(
        `SELECT ${COLUMNS} FROM datasets WHERE session_id = $1 AND status = 'active' ORDER BY table_name`,
        [sessionId],
      ),
    async get(sessionId, tableName) {
      const rows = await db.query<Dataset>(
        `SELECT ${COLUMNS} FROM datasets WHERE session_id = $1 AND table_name = $2 AND status = 'active'`,
        [sessionId, tableName],
      );
      return rows[0] ?? null;
    },
    versions: (sessionId, tableName) =>
      db.query<Dataset>(
        `SELECT ${COLUMNS} FROM datasets WHERE session_id = $1 AND table_name = $2 ORDER BY version DESC`,
        [sessionId, tableName],
      ),
    nextVersion: (sessionId, tableName) => nextVersion(db, sessionId, tableName),
    record: (dataset) =>
      db.transaction(async (tx) => {
        // Recording versions of one channel's tables one at a time keeps versions unique and one active.
        await tx.query("SELECT id FROM channel_sessions WHERE id = $1 FOR UPDATE", [dataset.sessionId]);
        const version = dataset.version ?? (await nextVersion(tx, dataset.sessionId, dataset.tableName));
        if (dataset.version !== undefined) {
          // The channel's DuckDB file is the truth: rows at or past this version are from an earlier life of
          // the file (its data directory was reset while this database kept its rows), so they go.
          await tx.query("DELETE FROM datasets WHERE session_id = $1 AND table_name = $2 AND version >= $3", [
            dataset.sessionId,
            dataset.tableName,
            version,
          ]);
        }
        await tx.query(
          `UPDATE datasets SET status = 'superseded'
           WHERE session_id = $1 AND table_name = $2 AND status = 'active'`,
          [dataset.sessionId, dataset.tableName],
        );
        const rows = await tx.query<Dataset>(
          `INSERT INTO datasets (session_id, table_name, source_file, format, source_bytes, version, row_count,
             column_count, data_dna, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, 'active') RETURNING ${COLUMNS}`,
          [
            dataset.sessionId,
            dataset.tableName,
            dataset.sourceFile,
            dataset.format ?? null,
            dataset.sourceBytes ?? null,
            version,
            dataset.rowCount,
            dataset.columnCount,
            JSON.stringify(dataset.dataDna ?? {}),
          ],
        );
        return rows[0]!;
      }),
    async removeAll(sessionId) {
      const rows = await db.query("DELETE FROM datasets WHERE session_id = $1 RETURNING id", [sessionId]);
      return rows.length;
    },
  };
}
