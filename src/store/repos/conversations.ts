// Conversations (one per Slack thread) and their messages, for thread history in prompts.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/db.js";

export interface Conversation {
  id: string;
  sessionId: string;
  threadTs: string;
  createdAt: Date;
}

export type MessageRole = "user" | "assistant";

export interface Message {
  id: number;
  conversationId: string;
  role: MessageRole;
  text: string;
  /** Structured extras (SQL, metrics, chart spec…), or null. */
  payload: unknown;
  /** The planner's turn state for an answered turn, or null. */
  plan: unknown;
  createdAt: Date;
}

export interface NewMessage {
  conversationId: string;
  role: MessageRole;
  text: string;
  payload?: unknown;
  plan?: unknown;
}

export interface ConversationsRepo {
  /** The conversation of a thread, created on first use. */
  ensure(sessionId: string, threadTs: string): Promise<Conversation>;
  get(id: string): Promise<Conversation | null>;
  addMessage(message: NewMessage): Promise<Message>;
  /** The latest `limit` messages, oldest first (the order a prompt reads them in). */
  history(conversationId: string, limit: number): Promise<Message[]>;
}

const CONVERSATION = `id, session_id AS "sessionId", thread_ts AS "threadTs", created_at AS "createdAt"`;
const MESSAGE = `id, conversation_id AS "conversationId", role, text, payload, plan, created_at AS "createdAt"`;

export function conversationsRepo(db: Db): ConversationsRepo {
  return {
    async ensure(sessionId, threadTs) {
      const inserted = await db.query<Conversation>(
        `INSERT INTO conversations (id, session_id, thread_ts) VALUES ($1, $2, $3)
         ON CONFLICT (session_id, thread_ts) DO NOTHING RETURNING ${CONVERSATION}`,
        [randomUUID(), sessionId, threadTs],
      );
      if (inserted[0]) return inserted[0];
      const rows = await db.query<Conversation>(
        `SELECT ${CONVERSATION} FROM conversations WHERE session_id = $1 AND thread_ts = $2`,
        [sessionId, threadTs],
      );
      if (!rows[0]) throw new Error(`conversation ${sessionId}/${threadTs} vanished while being created`);
      return rows[0];
    },
    async get(id) {
      return (await db.query<Conversation>(`SELECT ${CONVERSATION} FROM conversations WHERE id = $1`, [id]))[0] ?? null;
    },
    async addMessage(message) {
      const rows = await db.query<Message>(
        `INSERT INTO messages (conversation_id, role, text, payload, plan) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
         RETURNING ${MESSAGE}`,
        [
          message.conversationId,
          message.role,
          message.text,
          message.payload === undefined ? null : JSON.stringify(message.payload),
          message.plan === undefined || message.plan === null ? null : JSON.stringify(message.plan),
        ],
      );
      return rows[0]!;
    },
    history: (conversationId, limit) =>
      db.query<Message>(
        `SELECT * FROM (
           SELECT ${MESSAGE} FROM messages WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2
         ) latest ORDER BY id`,
        [conversationId, limit],
      ),
  };
}
