// The environment, as one zod schema: every setting InsightX reads, with its default and its fix.
import { z } from "zod";

const bytes = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(b|kb|kib|mb|mib|gb|gib)?$/i, "a size such as 1073741824, 512MB or 1GiB")
    .transform(parseBytes)
    .default(fallback);

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const csv = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  );

const optionalUrl = z.string().trim().url("a URL such as https://example.com/").optional();

export const configSchema = z.object({
  DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "a postgres:// or postgresql:// connection URL")
    .optional(),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, "a redis:// or rediss:// URL")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  MAX_UPLOAD_BYTES: bytes(1024 ** 3),
  MAX_INGEST_ROWS: int(100_000_000, 1),
  MAX_COLUMNS: int(2_000, 1),

  DUCKDB_MEMORY_LIMIT: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, "a DuckDB size such as 2GB")
    .default("2GB"),
  DUCKDB_THREADS: int(2, 1),
  DUCKDB_MAX_TEMP_SIZE: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, "a DuckDB size such as 10GB")
    .default("10GB"),
  SQL_TIMEOUT_MS: int(30_000, 100),
  SQL_MAX_ROWS: int(10_000, 1),
  SQL_MAX_BYTES: bytes(8 * 1024 ** 2),

  SANDBOX: z.enum(["bwrap", "docker", "unsafe-process"]).default("bwrap"),
  SANDBOX_POOL_SIZE: int(2, 1),
  SANDBOX_TIMEOUT_MS: int(30_000, 100),
  SANDBOX_MEMORY_MB: int(2048, 64),
  SANDBOX_DOCKER_IMAGE: z.string().trim().min(1).default("insightx-python-worker:latest"),
  PYTHON_BIN: z.string().trim().min(1).default("/usr/bin/python3"),

  LLM_BASE_URL: optionalUrl,
  LLM_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  LLM_API_KEYS: csv,
  LLM_TIMEOUT_MS: int(30_000, 100),
  LLM_MAX_RETRIES: int(2, 0),
  LLM_KEY_COOLDOWN_MS: int(60_000, 0),
  LLM_RESPONSE_FORMAT: z.enum(["auto", "json_schema", "json_object", "none"]).default("auto"),
  LLM_TEMPERATURE: z.union([z.literal("default").transform(() => null), z.coerce.number().min(0).max(2)]).default(0),
  LLM_QUESTION_DEADLINE_MS: int(45_000, 1_000),

  SLACK_BOT_TOKEN: z.string().trim().startsWith("xoxb-", "a bot token starting with xoxb-").optional(),
  SLACK_SIGNING_SECRET: z.string().trim().min(1).optional(),
  SLACK_APP_TOKEN: z.string().trim().startsWith("xapp-", "an app-level token starting with xapp-").optional(),
  SLACK_API_URL: optionalUrl,
  PORT: int(3000, 0),
  ANSWER_ARCHIVE_DAYS: int(30, 1),

  QUEUE_CONCURRENCY: int(4, 1),
  API_TOKENS: csv,
});

export type Config = z.infer<typeof configSchema>;

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
};

/** `512MB` → 512000000; a bare number is bytes. */
export function parseBytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text}`);
  const unit = (match[2] ?? "b").toLowerCase();
  return Math.round(Number(match[1]) * (UNITS[unit] ?? 1));
}
