// RulePlanner: answers from the Data DNA alone, with no model. It answers only questions whose every word it
// placed (question kinds under kinds/), applies follow-ups to the stored intent, and otherwise asks back.
import type { ResultTable } from "../../charts/index.js";
import type { DataDna } from "../../data/index.js";
import { SandboxError } from "../../util/index.js";
import type { ExecutablePlan, Plan } from "../plan.js";
import type { Composition, PlanContext, Planner, PlanResults, PriorTurn } from "../planner.js";
import { clarifyPlan, noDataPlan } from "./clarify.js";
import { asTable } from "./compose/metrics.js";
import { isFollowUp, planFollowUp } from "./follow-up.js";
import { kindOf } from "./kinds/index.js";
import { toPlan } from "./to-plan.js";
import { lastRuleTurn, RULES, ruleTurnOf } from "./turn-state.js";
import { type Understanding, understand } from "./understand.js";

export class RulePlanner implements Planner {
  readonly name = RULES;
  readonly available = true;

  async plan(question: string, context: PlanContext): Promise<Plan> {
    return planWithRules(question, context.tables, context.history);
  }

  writePython(): Promise<ExecutablePlan> {
    // Every rule plan that runs Python carries its code.
    throw new SandboxError(
      "python_unplanned",
      "This analysis needs Python code and no AI model is available to write it.",
      {
        hint: "Ask a question the offline planner handles (averages, rankings, trends, correlations, anomalies, forecasts).",
      },
    );
  }

  async repair(): Promise<ExecutablePlan | null> {
    // The same intent would give the same SQL: there is nothing to repair.
    return null;
  }

  async compose(plan: ExecutablePlan, results: PlanResults, context: PlanContext): Promise<Composition> {
    const turn = ruleTurnOf(plan.turn);
    const dna = context.tables.find((t) => t.table === turn?.table);
    const kind = turn ? kindOf(turn.intent) : undefined;
    const pythonTable = plan.classification === "SQL_ONLY" ? null : asTable(results.python);
    const table: ResultTable = pythonTable ?? results.sql ?? results.table ?? { columns: [], rows: [] };
    if (!turn || !dna || !kind) return genericComposition(table);
    if (table.rows.length === 0) {
      const text =
        kind.empty?.(turn.intent) ?? "The query returned no rows for this question, so there is nothing to report.";
      return { text, metrics: {}, chartSpec: null, followUps: plan.followUps };
    }
    const built = kind.build(turn.intent, dna);
    const input = { dna, axes: built.axes, chart: plan.chart, fromPython: plan.classification !== "SQL_ONLY" };
    const sentence = kind.describe(turn.intent, table, input);
    return { text: sentence.text, metrics: sentence.metrics, chartSpec: null, followUps: plan.followUps };
  }
}

/** A plain sentence for a plan another planner made (the model's SQL when the model cannot write the answer). */
function genericComposition(table: ResultTable): Composition {
  const rows = table.rows.length;
  const text = rows === 0 ? "The query returned no rows." : `Here is the result (${rows} row${rows === 1 ? "" : "s"}).`;
  return { text, metrics: {}, chartSpec: null, followUps: [] };
}

/** The rule planner's plan: a follow-up of the thread's last rule answer, else the best table's full reading. */
export function planWithRules(question: string, tables: DataDna[], history: readonly PriorTurn[] = []): Plan {
  if (tables.length === 0) return noDataPlan(question);
  const previous = lastRuleTurn(history);
  const previousDna = tables.find((t) => t.table === previous?.turn.table);
  if (previous && previousDna && isFollowUp(question)) {
    const followed = planFollowUp(question, previous.turn, previousDna);
    if (followed) return followed;
  }
  const best = chooseTable(
    tables.map((dna) => understand(question, dna)),
    previous?.turn.table ?? lastTable(history),
  );
  if (!best.complete || !best.best) return clarifyPlan(question, best);
  return toPlan(question, best.dna, best.best.kind, best.best.intent);
}

/** Fully understood first, then fewer words left over, then how much of the question the table names. */
function chooseTable(found: Understanding[], lastTableName: string | null): Understanding {
  const ranked = found
    .map((u, index) => ({ u, index }))
    .sort(
      (a, b) =>
        Number(b.u.complete) - Number(a.u.complete) ||
        Number(b.u.best !== null) - Number(a.u.best !== null) ||
        a.u.leftover.length - b.u.leftover.length ||
        b.u.reading.score - a.u.reading.score ||
        Number(b.u.dna.table === lastTableName) - Number(a.u.dna.table === lastTableName) ||
        a.index - b.index,
    );
  return ranked[0]!.u;
}

const lastTable = (history: readonly PriorTurn[]) => [...history].reverse().find((h) => h.table)?.table ?? null;
