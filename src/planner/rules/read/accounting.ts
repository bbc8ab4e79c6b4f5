// Word accounting: a word of the question is placed when it is a function word or when the chosen intent honours
// one of its claims (its column is used, its aggregation applied, its number taken…). The rest is left over.
import type { IntentFacts } from "../intent.js";
import type { Ledger, Placement } from "./ledger.js";
import { FUNCTION_WORDS } from "./vocabulary.js";

export interface Accounting {
  /** Token indexes of words nothing placed. */
  leftover: number[];
  /** What the placed words said, in words, for a CLARIFY ("average", "Director", "in 2008"). */
  understood: string[];
}

function honoured(placement: Placement, facts: IntentFacts, cues: ReadonlySet<string>): boolean {
  switch (placement.as) {
    case "function":
    case "entity":
    case "follow-up":
      return true;
    case "column":
    case "value":
    case "filter":
      return facts.columns.includes(placement.column);
    case "grain":
      return facts.time;
    case "top":
      return facts.limit === placement.n;
    case "horizon":
      return facts.horizon === placement.n;
    case "agg":
      return facts.agg === placement.agg || (placement.agg === "count" && facts.counts);
    case "direction":
      return facts.order === placement.direction;
    case "count":
      return facts.counts;
    case "cue":
      return cues.has(placement.kind);
  }
}

/** Accounts for every word of the question against what an intent does with it. */
export function account(ledger: Ledger, facts: IntentFacts, cues: ReadonlySet<string>): Accounting {
  const leftover: number[] = [];
  ledger.tokens.forEach((token, i) => {
    if (FUNCTION_WORDS.has(token)) return;
    if (ledger.placements(i).some((p) => honoured(p, facts, cues))) return;
    leftover.push(i);
  });
  return { leftover, understood: understoodWords(ledger, facts, cues) };
}

/** Words nothing could place at all, whatever the intent: the first sign a table is the wrong one. */
export function unclaimed(ledger: Ledger): number[] {
  return ledger.tokens.flatMap((token, i) => (FUNCTION_WORDS.has(token) || ledger.isClaimed(i) ? [] : [i]));
}

function understoodWords(ledger: Ledger, facts: IntentFacts, cues: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let run: string[] = [];
  ledger.tokens.forEach((token, i) => {
    const placed = !FUNCTION_WORDS.has(token) && ledger.placements(i).some((p) => honoured(p, facts, cues));
    if (placed) run.push(token);
    else if (run.length > 0) {
      out.push(run.join(" "));
      run = [];
    }
  });
  if (run.length > 0) out.push(run.join(" "));
  return [...new Set(out)];
}

/** Function words that belong to the word left over next to them ("how many", "more than"). */
const PHRASE_BEFORE: Record<string, string> = { many: "how", much: "how" };
const PHRASE_AFTER: Record<string, string> = { more: "than", less: "than", fewer: "than" };

/** Leftover words as runs of the question ("natural disasters", "how many"), for the message. */
export function leftoverRuns(tokens: readonly string[], leftover: readonly number[]): string[] {
  const runs: string[][] = [];
  let last = -2;
  for (const i of leftover) {
    const token = tokens[i]!;
    const before = PHRASE_BEFORE[token] !== undefined && PHRASE_BEFORE[token] === tokens[i - 1] ? [tokens[i - 1]!] : [];
    const after = PHRASE_AFTER[token] !== undefined && PHRASE_AFTER[token] === tokens[i + 1] ? [tokens[i + 1]!] : [];
    if (i === last + 1 && before.length === 0) runs.at(-1)!.push(token, ...after);
    else runs.push([...before, token, ...after]);
    last = after.length > 0 ? i + 1 : i;
  }
  return runs.map((run) => run.join(" "));
}
