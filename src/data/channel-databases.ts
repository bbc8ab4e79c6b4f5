// One DuckDB file per channel: a locked-down read-only instance for questions, full access only while ingesting.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection, DuckDBInstance as DuckDBInstanceType } from "@duckdb/node-api";
import { type ChannelRef, channelDbPath, channelKey } from "./channel-key.js";
import { DuckDBInstance } from "./duckdb.js";
import { KeyedRwLock } from "./rw-lock.js";

export interface DuckDbSettings {
  /** DuckDB `memory_limit`. @defaultValue "2GB" */
  memoryLimit: string;
  /** DuckDB `threads`. @defaultValue 2 */
  threads: number;
  /** DuckDB `max_temp_directory_size`. @defaultValue "10GB" */
  maxTempSize: string;
}

interface OpenInstance {
  instance: DuckDBInstanceType;
  users: number;
  lastUsed: number;
}

/**
 * Owns every channel's DuckDB file. Questions run through `read` on an instance opened READ_ONLY with
 * external access, extensions and configuration locked; `write` closes it and opens the file with full
 * access for ingestion only, under an exclusive per-channel lock.
 */
export class ChannelDatabases {
  private readonly lock = new KeyedRwLock();
  private readonly open = new Map<string, OpenInstance>();
  private readonly opening = new Map<string, Promise<OpenInstance>>();

  constructor(
    private readonly dataDir: string,
    private readonly settings: DuckDbSettings,
    /** How many channels' query instances stay open at once. @defaultValue 32 */
    private readonly maxOpen = 32,
  ) {}

  pathFor(ref: ChannelRef): string {
    return channelDbPath(this.dataDir, ref);
  }

  /** Runs `fn` on a fresh connection of the channel's locked-down instance; readers share the channel. */
  read<T>(ref: ChannelRef, fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const key = channelKey(ref);
    return this.lock.read(key, async () => {
      const entry = await this.queryInstance(ref);
      try {
        const connection = await entry.instance.connect();
        try {
          return await fn(connection);
        } finally {
          connection.closeSync();
        }
      } finally {
        entry.users -= 1;
        entry.lastUsed = Date.now();
      }
    });
  }

  /** Runs `fn` with the channel's file opened read-write with full access, nobody else using it. */
  write<T>(ref: ChannelRef, fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const key = channelKey(ref);
    return this.lock.write(key, async () => {
      this.closeInstance(key);
      const file = this.pathFor(ref);
      mkdirSync(path.dirname(file), { recursive: true });
      const instance = await DuckDBInstance.create(file, {
        memory_limit: this.settings.memoryLimit,
        threads: String(this.settings.threads),
        temp_directory: this.tempDir(key),
        max_temp_directory_size: this.settings.maxTempSize,
        autoinstall_known_extensions: "false",
        autoload_known_extensions: "false",
        allow_community_extensions: "false",
      });
      const connection = await instance.connect();
      try {
        return await fn(connection);
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    });
  }

  /** Deletes the channel's database file (and its versions); the channel starts empty. */
  forget(ref: ChannelRef): Promise<void> {
    const key = channelKey(ref);
    return this.lock.write(key, async () => {
      this.closeInstance(key);
      const file = this.pathFor(ref);
      // The WAL before the database: a WAL left beside a new, empty file would be replayed into it.
      for (const suffix of [".wal", "", ".tmp"]) rmSync(file + suffix, { recursive: true, force: true });
      rmSync(this.tempDir(key), { recursive: true, force: true });
    });
  }

  async close(): Promise<void> {
    for (const key of [...this.open.keys()]) this.closeInstance(key);
  }

  /** DuckDB creates only the last level of its temp directory: the parents must exist before it spills. */
  private tempDir(key: string): string {
    const dir = path.join(this.dataDir, "tmp", "duckdb", key.replace(/[^A-Za-z0-9_-]/g, "_"));
    mkdirSync(path.dirname(dir), { recursive: true });
    return dir;
  }

  private async queryInstance(ref: ChannelRef): Promise<OpenInstance> {
    const key = channelKey(ref);
    const existing = this.open.get(key);
    if (existing) {
      existing.users += 1;
      return existing;
    }
    let pending = this.opening.get(key);
    if (!pending) {
      pending = this.openQueryInstance(ref).finally(() => this.opening.delete(key));
      this.opening.set(key, pending);
    }
    const entry = await pending;
    entry.users += 1;
    return entry;
  }

  private async openQueryInstance(ref: ChannelRef): Promise<OpenInstance> {
    const key = channelKey(ref);
    const file = this.pathFor(ref);
    mkdirSync(path.dirname(file), { recursive: true });
    // READ_ONLY needs the file to exist: an empty channel gets an empty database first (and a WAL left by a
    // crash is checkpointed into its file). Otherwise the read-write open is skipped (~20 ms of every command).
    if (!existsSync(file) || existsSync(`${file}.wal`)) {
      const bootstrap = await DuckDBInstance.create(file, { threads: "1" });
      bootstrap.closeSync();
    }
    const instance = await DuckDBInstance.create(file, {
      access_mode: "READ_ONLY",
      memory_limit: this.settings.memoryLimit,
      threads: String(this.settings.threads),
      temp_directory: this.tempDir(key),
      max_temp_directory_size: this.settings.maxTempSize,
      enable_external_access: "false",
      allow_community_extensions: "false",
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    // Limits are set at open (temp_directory cannot change once external access is off); then freeze them all.
    const setup = await instance.connect();
    try {
      await setup.run("SET lock_configuration = true");
    } finally {
      setup.closeSync();
    }
    const entry: OpenInstance = { instance, users: 0, lastUsed: Date.now() };
    this.evictIdle();
    this.open.set(key, entry);
    return entry;
  }

  private evictIdle(): void {
    if (this.open.size <= this.maxOpen) return;
    const idle = [...this.open.entries()]
      .filter(([, e]) => e.users === 0)
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [key] of idle.slice(0, this.open.size - this.maxOpen)) this.closeInstance(key);
  }

  private closeInstance(key: string): void {
    const entry = this.open.get(key);
    if (!entry) return;
    this.open.delete(key);
    entry.instance.closeSync();
  }
}
