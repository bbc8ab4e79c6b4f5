// Data: per-channel DuckDB, ingestion, Data DNA, the SQL guard and runner.
export type { DatasetEntry } from "./catalog.js";
export type { ChannelRef } from "./channel-key.js";
export { channelKey } from "./channel-key.js";
export { channelRelationships, RELATIONSHIP_LIMITS, relationshipsOf } from "./dna/relationships.js";
export { num as formatNumber, renderDnaCompact, renderDnaSummary } from "./dna/render.js";
export { isNumericType, isTemporalType } from "./dna/roles.js";
export type {
  ColumnProfile,
  ColumnRef,
  DataDna,
  SemanticRole,
  TableRelationship,
  TimeGrain,
  TopValue,
} from "./dna/types.js";
export { type ColumnarResult, DataEngine, type DataEngineDeps } from "./engine.js";
export { SUPPORTED_EXTENSIONS } from "./ingest/detect.js";
export type { IngestedTable, IngestProgress } from "./ingest/ingest.js";
export { quoteIdent } from "./ingest/table-names.js";
export { SqlRefusedError } from "./sql/guard.js";
export { type QueryLimits, type QueryResult, QueryTimeoutError } from "./sql/runner.js";
export type { Cell } from "./sql/values.js";
