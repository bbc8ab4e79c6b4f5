// The word ledger: every word of a question is claimed by what reads it (a column, a value, a filter, a number,
// a cue…). A word may have several claims; it counts as placed when the chosen intent honours one of them.
import type { Agg, Direction, Grain } from "../intent.js";

export type Placement =
  /** Grammar and question words: always placed. */
  | { as: "function" }
  /** A column named (by its words, a synonym, an abbreviation or an adjective). */
  | { as: "column"; column: string }
  /** A known value of a column. */
  | { as: "value"; column: string; value: string }
  /** The comparator, number or unit of a condition on a column. */
  | { as: "filter"; column: string }
  | { as: "grain"; grain: Grain }
  /** The N of "top N" (and the word that asks for it). */
  | { as: "top"; n: number }
  /** The N of "the next N days". */
  | { as: "horizon"; n: number }
  | { as: "agg"; agg: Agg }
  | { as: "direction"; direction: Direction }
  /** "how many", "number of". */
  | { as: "count" }
  /** The noun the table's rows go by ("cars", "days", "rows"). */
  | { as: "entity" }
  /** A word that asks for one kind of analysis ("correlation", "forecast"). */
  | { as: "cue"; kind: string }
  /** A follow-up's own words ("and", "what about", "instead"). */
  | { as: "follow-up" };

export class Ledger {
  readonly #claims: Placement[][];

  constructor(readonly tokens: readonly string[]) {
    this.#claims = tokens.map(() => []);
  }

  claim(index: number, placement: Placement): void {
    this.#claims[index]?.push(placement);
  }

  claimSpan(start: number, end: number, placement: Placement): void {
    for (let i = start; i < end; i++) this.claim(i, placement);
  }

  placements(index: number): readonly Placement[] {
    return this.#claims[index] ?? [];
  }

  isClaimed(index: number): boolean {
    return (this.#claims[index]?.length ?? 0) > 0;
  }

  /** A copy for one candidate reading, so claims made while trying a kind do not leak into another. */
  copy(): Ledger {
    const copy = new Ledger(this.tokens);
    this.#claims.forEach((claims, i) => {
      for (const claim of claims) copy.claim(i, claim);
    });
    return copy;
  }
}
