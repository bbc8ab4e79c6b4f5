// Per-question bookkeeping of what the planners did: model replies, tokens, and key rotations waiting to be shown.
import type { LlmEvent } from "../llm/index.js";

export class TurnLog {
  /** Model replies received (what `llm_calls` counts). */
  calls = 0;
  tokens = 0;
  readonly #pending: LlmEvent[] = [];

  record(event: LlmEvent): void {
    this.#pending.push(event);
  }

  /** Events recorded since the last drain, in order. */
  drain(): LlmEvent[] {
    return this.#pending.splice(0, this.#pending.length);
  }
}
