// A readers-writer lock per key: questions share a channel's database, ingestion takes it alone.

interface LockState {
  readers: number;
  writer: boolean;
  queue: Array<{ write: boolean; grant: () => void }>;
}

export class KeyedRwLock {
  private readonly states = new Map<string, LockState>();

  async read<T>(key: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(key, false);
    try {
      return await fn();
    } finally {
      this.release(key, false);
    }
  }

  async write<T>(key: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(key, true);
    try {
      return await fn();
    } finally {
      this.release(key, true);
    }
  }

  private state(key: string): LockState {
    let state = this.states.get(key);
    if (!state) {
      state = { readers: 0, writer: false, queue: [] };
      this.states.set(key, state);
    }
    return state;
  }

  private acquire(key: string, write: boolean): Promise<void> {
    const state = this.state(key);
    const free = write ? !state.writer && state.readers === 0 : !state.writer && state.queue.length === 0;
    if (free) {
      if (write) state.writer = true;
      else state.readers += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => state.queue.push({ write, grant: resolve }));
  }

  private release(key: string, write: boolean): void {
    const state = this.state(key);
    if (write) state.writer = false;
    else state.readers -= 1;
    // Writers wait for readers to drain; queued work is granted in arrival order.
    while (state.queue.length > 0 && !state.writer) {
      const next = state.queue[0]!;
      if (next.write) {
        if (state.readers > 0) break;
        state.queue.shift();
        state.writer = true;
        next.grant();
        break;
      }
      state.queue.shift();
      state.readers += 1;
      next.grant();
    }
    if (!state.writer && state.readers === 0 && state.queue.length === 0) this.states.delete(key);
  }
}
