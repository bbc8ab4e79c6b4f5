// Accumulated insights: findings a channel has learned, fed back into later prompts.
import type { Db } from "../db/db.js";

export interface Insight {
  id: number;
  sessionId: string;
  conversationId: string | null;
  query: string;
  finding: string;
  confidence: number | null;
  createdAt: Date;
}

export interface NewInsight {
  sessionId: string;
  query: string;
  finding: string;
  confidence?: number;
  conversationId?: string;
}

export interface InsightsRepo {
  add(insight: NewInsight): Promise<Insight>;
  /** The newest `limit` insights of the session, newest first. */
  recent(sessionId: string, limit: number): Promise<Insight[]>;
  removeAll(sessionId: string): Promise<number>;
}

const COLUMNS = `id, session_id AS "sessionId", conversation_id AS "conversationId", query, finding, confidence,
  created_at AS "createdAt"`;

export function insightsRepo(db: Db): InsightsRepo {
  return {
    async add(insight) {
      const rows = await db.query<Insight>(
        `INSERT INTO insights (session_id, conversation_id, query, finding, confidence) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${COLUMNS}`,
        [insight.sessionId, insight.conversationId ?? null, insight.query, insight.finding, insight.confidence ?? null],
      );
      return rows[0]!;
    },
    recent: (sessionId, limit) =>
      db.query<Insight>(
        `SELECT ${COLUMNS} FROM insights WHERE session_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [sessionId, limit],
      ),
    async removeAll(sessionId) {
      return (await db.query("DELETE FROM insights WHERE session_id = $1 RETURNING id", [sessionId])).length;
    },
  };
}
