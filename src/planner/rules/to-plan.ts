// A kind's intent as a Plan: its SQL through the builder, its Python, chart, title, columns and follow-ups, and
// the turn state a follow-up is applied to.
import type { ChartType } from "../../charts/index.js";
import { build, type DataDna } from "../../data/index.js";
import type { ChartIntent, ExecutablePlan, Provenance } from "../plan.js";
import type { BaseIntent } from "./intent.js";
import type { QuestionKind } from "./kind.js";
import { RULES, ruleTurnState } from "./turn-state.js";
import { understand } from "./understand.js";

const PROVENANCE: Provenance = { planner: RULES, fallback: null };

/** Questions offered next: the kind's candidates the planner understands in full, at most three. */
function followUpsOf(kind: QuestionKind, intent: BaseIntent, dna: DataDna): string[] {
  return kind
    .followUps(intent, dna)
    .filter((q) => understand(q, dna).complete)
    .slice(0, 3);
}

export function toPlan(
  question: string,
  dna: DataDna,
  kind: QuestionKind,
  intent: BaseIntent,
  options: { chart?: ChartType | null; reasoning?: string } = {},
): ExecutablePlan {
  const built = kind.build(intent, dna);
  const facts = kind.facts(intent, dna);
  const requested = options.chart ?? null;
  const chart: ChartIntent | null = requested ? { ...(built.chart ?? {}), type: requested } : built.chart;
  const answered = {
    question,
    reasoning: options.reasoning ?? kind.reasoning(intent),
    provenance: PROVENANCE,
    tables: [dna.table],
    columns: facts.columns,
    title: kind.title(intent),
    chart,
    followUps: followUpsOf(kind, intent, dna),
    turn: ruleTurnState({ table: dna.table, intent, chart: requested }),
  };
  if (built.query === null) {
    const known = new Set(dna.columns.map((c) => c.name));
    const wanted = facts.columns.filter((name) => known.has(name));
    return {
      ...answered,
      classification: "PY_ONLY",
      source: { table: dna.table, columns: wanted.length > 0 ? wanted : null },
      python: built.python,
    };
  }
  const sql = build(built.query);
  return built.python === null
    ? { ...answered, classification: "SQL_ONLY", sql }
    : { ...answered, classification: "SQL_THEN_PY", sql, python: built.python };
}
