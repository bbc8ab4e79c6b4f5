// Reads a question over one table and finds the kind that answers it: the first in priority order whose intent
// places every word. When none does, the reading that left the fewest words over says what is missing.
import type { DataDna } from "../../data/index.js";
import { CHART_NOUNS, CHART_WORDS } from "../chart-request.js";
import type { BaseIntent } from "./intent.js";
import type { QuestionKind } from "./kind.js";
import { KINDS } from "./kinds/index.js";
import { type Accounting, account, unclaimed } from "./read/accounting.js";
import { type Reading, readQuestion } from "./read/reading.js";

export interface Understanding {
  dna: DataDna;
  reading: Reading;
  /** The kind and intent that explain the question best, with what they leave over. */
  best: { kind: QuestionKind; intent: BaseIntent; accounting: Accounting } | null;
  /** Every word placed. */
  complete: boolean;
  /** Token indexes of words not placed. */
  leftover: number[];
}

/** Which cue claims a kind honours: its own, and those of kinds it also answers. */
export const cuesOf = (kind: QuestionKind): Set<string> => new Set([kind.name, ...(kind.answersCues ?? [])]);

/** Claims every kind's cue words, and words that only say how to draw the chart. */
export function claimCues(reading: Reading): void {
  for (const kind of KINDS)
    for (const i of kind.cues(reading.free)) reading.ledger.claim(i, { as: "cue", kind: kind.name });
  if (reading.tokens.some((t) => CHART_NOUNS.test(t))) {
    reading.tokens.forEach((t, i) => {
      if (CHART_WORDS.test(t)) reading.ledger.claim(i, { as: "function" });
    });
  }
}

/** The best reading of `reading` by the kinds, with its word accounting. */
export function chooseKind(reading: Reading): Understanding {
  let best: Understanding["best"] = null;
  for (const kind of KINDS) {
    const intent = kind.read(reading);
    if (!intent) continue;
    const accounting = account(reading.ledger, kind.facts(intent, reading.dna), cuesOf(kind));
    if (accounting.leftover.length === 0) {
      return { dna: reading.dna, reading, best: { kind, intent, accounting }, complete: true, leftover: [] };
    }
    if (!best || accounting.leftover.length < best.accounting.leftover.length) best = { kind, intent, accounting };
  }
  const leftover = best?.accounting.leftover ?? unclaimed(reading.ledger);
  return {
    dna: reading.dna,
    reading,
    best,
    complete: false,
    leftover: leftover.length > 0 ? leftover : allContent(reading),
  };
}

export function understand(question: string, dna: DataDna): Understanding {
  const reading = readQuestion(question, dna);
  claimCues(reading);
  return chooseKind(reading);
}

/** When no kind read anything and every word was claimed, the whole question is what could not be placed. */
function allContent(reading: Reading): number[] {
  return reading.tokens.flatMap((_, i) => (reading.ledger.placements(i).some((p) => p.as !== "function") ? [i] : []));
}
