// The store: PostgreSQL or embedded PGlite behind one `Db` seam, migrations, and typed repositories.
export { type CreateStoreOptions, createStore, type Store, storeOver } from "./create-store.js";
export { type Db, type DbKind, sqlState } from "./db/db.js";
export { openPgDb, type PgDbOptions } from "./db/pg-db.js";
export { openPgliteDb } from "./db/pglite-db.js";
export { applyMigrations, loadMigrations, type Migration, type MigrationResult } from "./migrate.js";
export { findPackageRoot } from "./package-root.js";
export type { Conversation, ConversationsRepo, Message, MessageRole, NewMessage } from "./repos/conversations.js";
export type { Dataset, DatasetStatus, DatasetsRepo, NewDataset } from "./repos/datasets.js";
export type { Insight, InsightsRepo, NewInsight } from "./repos/insights.js";
export type { KeyStats, KeyStatsDelta, KeyStatsRepo } from "./repos/key-stats.js";
export type { Schedule, ScheduleInput, ScheduleKind, SchedulesRepo } from "./repos/schedules.js";
export {
  isDirectMessageChannel,
  type Session,
  type SessionKind,
  type SessionsRepo,
  sessionKindFor,
} from "./repos/sessions.js";
export type { SlackStateRepo } from "./repos/slack-state.js";
export type {
  NewTrace,
  NewTraceStep,
  StepStatus,
  Trace,
  TraceListItem,
  TraceStatus,
  TraceStep,
  TraceSummary,
} from "./repos/trace-rows.js";
export type {
  HourBucket,
  HourCount,
  StepAverage,
  StepErrorRate,
  StepPercentiles,
  TraceStats,
} from "./repos/trace-stats.js";
export type { TracesRepo } from "./repos/traces.js";
