// Holds the API keys by index: hands them out round-robin over the healthy ones, sets a failing key aside for as
// long as its failure says, and reports when the soonest one is back.
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
  /** Rate limits in a row without a hint from the server; each doubles the next cooldown. */
  unhintedLimits: number;
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

/** First cooldown of a rate-limited key when the server gives no Retry-After; doubles per repeat. */
const FIRST_BACKOFF_MS = 1_000;

export class KeyPool {
  readonly size: number;
  readonly #keys: readonly string[];
  readonly #states: KeyState[];
  readonly #now: () => number;
  readonly #random: () => number;
  /** The key handed out last; the next request starts looking after it. */
  #last = -1;

  constructor(keys: readonly string[], now: () => number = Date.now, random: () => number = Math.random) {
    this.#keys = [...keys];
    this.size = keys.length;
    this.#states = keys.map(() => ({ coolingUntil: 0, lastReason: null, unhintedLimits: 0 }));
    this.#now = now;
    this.#random = random;
  }

  /**
   * The next healthy key after the last one handed out, so load spreads over every healthy key. When the key
   * handed out before was set aside since, the switch is returned as a rotation (once per setting aside).
   */
  acquire(): { index: number; key: string } {
    if (this.size === 0) {
      throw new LlmUnavailableError("No LLM API key is configured.", "Set LLM_API_KEYS to use the language model.");
    }
    const now = this.#now();
    for (let step = 1; step <= this.size; step++) {
      const index = (this.#last + step + this.size) % this.size;
      if (this.#states[index].coolingUntil <= now) {
        this.#last = index;
        return { index, key: this.#keys[index] };
      }
    }
    throw new AllKeysCoolingDownError(this.soonest(), now);
  }

  /**
   * Sets a key aside for `cooldownMs` (`Infinity` disables it; null backs off 1 s, 2 s, 4 s… up to `maxMs`, with
   * jitter). Returns the rotation to announce: to the key the next request will use, or null when none is free.
   */
  fail(index: number, reason: KeyFailureReason, cooldownMs: number | null, maxMs: number): KeyRotation | null {
    const now = this.#now();
    const state = this.#states[index];
    const wasHealthy = state.coolingUntil <= now;
    let cooldown = cooldownMs;
    if (cooldown === null) {
      state.unhintedLimits += 1;
      const backoff = Math.min(maxMs, FIRST_BACKOFF_MS * 2 ** (state.unhintedLimits - 1));
      cooldown = backoff * (0.8 + 0.4 * this.#random());
    }
    state.coolingUntil = Math.max(state.coolingUntil, now + cooldown);
    state.lastReason = reason;
    // Concurrent failures of one key announce one rotation.
    if (!wasHealthy) return null;
    const next = this.#peek(index, now);
    return next === undefined ? null : { from_index: index, to_index: next, reason };
  }

  /** A success clears the key's backoff and the reason shown as its current trouble. */
  succeed(index: number): void {
    const state = this.#states[index];
    state.unhintedLimits = 0;
    if (state.coolingUntil <= this.#now()) state.lastReason = null;
  }

  /** When the soonest key is usable again (epoch ms); null when every key is disabled. */
  soonest(): number | null {
    const finite = this.#states.map((state) => state.coolingUntil).filter((until) => Number.isFinite(until));
    return finite.length === 0 ? null : Math.min(...finite);
  }

  health(): KeyHealth[] {
    const now = this.#now();
    return this.#states.map((state, index) => ({
      index,
      current: index === Math.max(0, this.#last),
      disabled: state.coolingUntil === Number.POSITIVE_INFINITY,
      coolingDownUntil: state.coolingUntil > now && Number.isFinite(state.coolingUntil) ? state.coolingUntil : null,
      lastReason: state.lastReason,
    }));
  }

  /** The key `acquire` would hand out next, other than `except`; undefined when none is healthy. */
  #peek(except: number, now: number): number | undefined {
    for (let step = 1; step <= this.size; step++) {
      const index = (this.#last + step + this.size) % this.size;
      if (index !== except && this.#states[index].coolingUntil <= now) return index;
    }
    return undefined;
  }
}
