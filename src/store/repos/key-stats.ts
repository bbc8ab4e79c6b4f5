// Per-LLM-key counters (by index, never the key): calls, failures, tokens and the last failure reason.
import type { Db } from "../db/db.js";

export interface KeyStats {
  keyIndex: number;
  calls: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  lastReason: string | null;
  updatedAt: Date;
}

/** Amounts to add; absent counters add nothing. A reason replaces the stored one. */
export interface KeyStatsDelta {
  calls?: number;
  failures?: number;
  promptTokens?: number;
  completionTokens?: number;
  reason?: string;
}

export interface KeyStatsRepo {
  /** Adds `delta` to the key's counters (creating its row), atomically; returns the new totals. */
  record(keyIndex: number, delta: KeyStatsDelta): Promise<KeyStats>;
  list(): Promise<KeyStats[]>;
}

const COLUMNS = `key_index AS "keyIndex", calls, failures, prompt_tokens AS "promptTokens",
  completion_tokens AS "completionTokens", last_reason AS "lastReason", updated_at AS "updatedAt"`;

export function keyStatsRepo(db: Db): KeyStatsRepo {
  return {
    async record(keyIndex, delta) {
      const rows = await db.query<KeyStats>(
        `INSERT INTO llm_key_stats AS k (key_index, calls, failures, prompt_tokens, completion_tokens, last_reason)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key_index) DO UPDATE SET
           calls = k.calls + excluded.calls,
           failures = k.failures + excluded.failures,
           prompt_tokens = k.prompt_tokens + excluded.prompt_tokens,
           completion_tokens = k.completion_tokens + excluded.completion_tokens,
           last_reason = COALESCE(excluded.last_reason, k.last_reason),
           updated_at = now()
         RETURNING ${COLUMNS}`,
        [
          keyIndex,
          delta.calls ?? 0,
          delta.failures ?? 0,
          delta.promptTokens ?? 0,
          delta.completionTokens ?? 0,
          delta.reason ?? null,
        ],
      );
      return rows[0]!;
    },
    list: () => db.query<KeyStats>(`SELECT ${COLUMNS} FROM llm_key_stats ORDER BY key_index`),
  };
}
