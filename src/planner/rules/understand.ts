// Reads a question over one table and finds the kind that answers it: the first in priority order whose intent
// places every word. When none does, the reading that left the fewest words over says what is missing.
import type { DataDna } from "../../data/index.js";
import { CHART_NOUNS, CHART_WORDS } from "../chart-request.js";
import type { BaseIntent, IntentFacts } from "./intent.js";
import type { QuestionKind } from "./kind.js";
import { KINDS } from "./kinds/index.js";
import { type Accounting, account, unclaimed } from "./read/accounting.js";
import { type Reading, readQuestion } from "./read/reading.js";
import { humanize, nameWords } from "./read/text.js";
import { ROW_NOUNS } from "./read/vocabulary.js";

export interface Understanding {
  dna: DataDna;
  reading: Reading;
  /** The kind and intent that explain the question best, with what they leave over. */
  best: { kind: QuestionKind; intent: BaseIntent; accounting: Accounting } | null;
  /** Every word placed. */
  complete: boolean;
  /** Token indexes of words not placed. */
  leftover: number[];
  /** Why a reading that placed every word is still not answered, said to the person. */
  concern?: string;
}

const COUNT_NAME = /^(count|counts|n|num|number|frequency|freq|tally)$/;

/** A measure that says how many things a row stands for ("count" in a table of jobs per year and sex). */
export function weightColumn(dna: DataDna): string | null {
  const column = dna.columns.find((c) => {
    const words = nameWords(c.name);
    return c.role === "measure" && c.numeric !== undefined && words.length === 1 && COUNT_NAME.test(words[0]!);
  });
  return column?.name ?? null;
}

/**
 * Counting rows where each row already holds a count answers another question (how many rows, not how many
 * people): unless the question says rows, it is asked back.
 */
function countsAggregatedRows(reading: Reading, facts: IntentFacts): string | null {
  const weight = weightColumn(reading.dna);
  if (!weight || facts.agg !== "count" || facts.columns.includes(weight)) return null;
  if (reading.tokens.some((t) => ROW_NOUNS.has(t))) return null;
  return `Each row of ${reading.dna.table} already holds a count (${humanize(weight)}), so counting rows would not count ${reading.entity}. Say "total ${humanize(weight)}" to add the counts up.`;
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
    const facts = kind.facts(intent, reading.dna);
    const accounting = account(reading.ledger, facts, cuesOf(kind));
    const concern = accounting.leftover.length === 0 ? countsAggregatedRows(reading, facts) : null;
    if (concern)
      return { dna: reading.dna, reading, best: { kind, intent, accounting }, complete: false, leftover: [], concern };
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
