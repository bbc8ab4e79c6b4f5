// A Redis connection for our own keys (dedupe, channel order) and the connection options BullMQ wants.
import { ConfigError } from "../util/index.js";

/** The few ioredis commands the queue uses itself. */
export interface RedisClient {
  set(key: string, value: string, mode: "EX", seconds: number, flag: "NX"): Promise<"OK" | null>;
  del(...keys: string[]): Promise<number>;
  rpush(key: string, ...values: string[]): Promise<number>;
  lindex(key: string, index: number): Promise<string | null>;
  lpos(key: string, value: string): Promise<number | null>;
  lrem(key: string, count: number, value: string): Promise<number>;
  ping(): Promise<string>;
  quit(): Promise<string>;
  disconnect(): void;
  on(event: "error", listener: (error: Error) => void): unknown;
}

export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
}

/** `redis://user:pass@host:6379/2` → ioredis/BullMQ connection options. */
export function redisOptions(url: string): RedisConnectionOptions {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1) || "0");
  return {
    host: parsed.hostname || "127.0.0.1",
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db > 0 ? { db } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
  };
}

type RedisConstructor = new (options: RedisConnectionOptions & Record<string, unknown>) => RedisClient;

/** Opens an ioredis client (BullMQ's own client library, loaded when a Redis queue is used). */
export async function openRedis(url: string, extra: Record<string, unknown> = {}): Promise<RedisClient> {
  const name = "ioredis";
  let module: { Redis?: RedisConstructor; default?: RedisConstructor };
  try {
    module = (await import(name)) as typeof module;
  } catch (error) {
    throw new ConfigError("redis_client_missing", "REDIS_URL is set but the ioredis package is not installed.", {
      cause: error,
      hint: "Run `npm install ioredis`, or unset REDIS_URL to use the in-process queue.",
    });
  }
  const Redis = module.Redis ?? module.default!;
  const client = new Redis({ ...redisOptions(url), maxRetriesPerRequest: null, ...extra });
  return client;
}
