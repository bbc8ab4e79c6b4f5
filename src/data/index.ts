// Data: per-channel DuckDB, ingestion, Data DNA, the SQL guard and runner.
export type { DatasetEntry } from "./catalog.js";
export type { ChannelRef } from "./channel-key.js";
export { channelKey, parseChannelRef } from "./channel-key.js";
export { channelRelationships, RELATIONSHIP_LIMITS, relationshipsOf } from "./dna/relationships.js";
export { renderDnaCompact, renderDnaSummary } from "./dna/render.js";
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
export {
  type Aggregate,
  aggregate,
  aliased,
  build,
  type Comparison,
  compare,
  type DatePart,
  type Direction,
  datePart,
  dateTrunc,
  displaySql,
  EMPTY_SQL,
  ident,
  inList,
  integer,
  joinSql,
  ordered,
  type SelectSpec,
  Sql,
  type SqlQuery,
  type SqlValue,
  STAR,
  select,
  sql,
  subquery,
  type TruncUnit,
  textQuery,
} from "./sql/builder.js";
export { SqlRefusedError } from "./sql/guard.js";
export { type QueryLimits, type QueryResult, QueryTimeoutError } from "./sql/runner.js";
export type { Cell } from "./sql/values.js";
