// Holds the API keys by index: which one is current, which are cooling down and why.
import { AllKeysCoolingDownError, type KeyFailureReason, LlmUnavailableError } from "./errors.js";

/** A switch from one key to another; never carries the key itself. */
export interface KeyRotation {
  from_index: number;
  to_index: number;
  reason: KeyFailureReason;
}

interface KeyState {
  coolingUntil: number;
  lastReason: KeyFailureReason | null;
}

/** What the pool knows about one key, for `stats()`. */
export interface KeyHealth {
  index: number;
  current: boolean;
  disabled: boolean;
  /** Epoch ms when the key is usable again; `null` when it is usable now. */
  coolingDownUntil: number | null;
  lastReason: KeyFailureReason | null;
}

export class KeyPool {
  readonly size: number;
  readonly #keys: readonly string[];
  readonly #states: KeyState[];
  readonly #now: () => number;
  #current = 0;

  constructor(keys: readonly string[], now: () => number = Date.now) {
    this.#keys = [...keys];
    this.size = keys.length;
    this.#states = keys.map(() => ({ coolingUntil: 0, lastReason: null }));
    this.#now = now;
  }

  /**
   * The key to use now: the current one if healthy, else the next healthy one in order.
   * A switch made here (the current key cooled while no other was free) is returned as a rotation.
   */
  acquire(): { index: number; key: string; rotation: KeyRotation | null } {
    if (this.size === 0) {
      throw new LlmUnavailableError("No LLM API key is configured.", "Set LLM_API_KEYS to use the language model.");
    }
    const now = this.#now();
    const from = this.#current;
    const index = this.#nextHealthy(from, now, true);
    if (index === undefined) throw new AllKeysCoolingDownError(this.#soonest(), now);
    this.#current = index;
    const reason = this.#states[from].lastReason;
    const rotation = index !== from && reason !== null ? { from_index: from, to_index: index, reason } : null;
    return { index, key: this.#keys[index], rotation };
  }

  /**
   * Sets a key aside for `cooldownMs` (`Infinity` disables it). When it was the current key, the pool
   * moves to the next healthy key and returns that rotation; concurrent failures of the same key rotate once.
   */
  fail(index: number, reason: KeyFailureReason, cooldownMs: number): KeyRotation | null {
    const now = this.#now();
    const state = this.#states[index];
    state.coolingUntil = Math.max(state.coolingUntil, now + cooldownMs);
    state.lastReason = reason;
    if (index !== this.#current) return null;
    const next = this.#nextHealthy(index, now, false);
    if (next === undefined) return null;
    this.#current = next;
    return { from_index: index, to_index: next, reason };
  }

  /** A success clears nothing but the reason shown as the key's current trouble. */
  succeed(index: number): void {
    const state = this.#states[index];
    if (state.coolingUntil <= this.#now()) state.lastReason = null;
  }

  health(): KeyHealth[] {
    const now = this.#now();
    return this.#states.map((state, index) => ({
      index,
      current: index === this.#current,
      disabled: state.coolingUntil === Number.POSITIVE_INFINITY,
      coolingDownUntil: state.coolingUntil > now && Number.isFinite(state.coolingUntil) ? state.coolingUntil : null,
      lastReason: state.lastReason,
    }));
  }

  #nextHealthy(start: number, now: number, includeStart: boolean): number | undefined {
    for (let step = includeStart ? 0 : 1; step < this.size; step++) {
      const index = (start + step) % this.size;
      if (this.#states[index].coolingUntil <= now) return index;
    }
    return undefined;
  }

  #soonest(): number | null {
    const finite = this.#states.map((state) => state.coolingUntil).filter((until) => Number.isFinite(until));
    return finite.length === 0 ? null : Math.min(...finite);
  }
}
