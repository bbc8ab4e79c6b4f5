// planOffline: picks the table that explains the question best, parses an Intent, and writes SQL, Python and a chart.
import type { DataDna } from "../../data/index.js";
import { buildSql } from "./build-sql.js";
import { clarifyPlan, unknownValuePlan } from "./clarify.js";
import { planFollowUp } from "./follow-up-turn.js";
import { followUpsFor } from "./follow-ups.js";
import { parseQuestion } from "./parse.js";
import { anomaliesPython, forecastPython } from "./python-code.js";
import { groupColumn } from "./python-pandas.js";
import { compareGroupsPython, summaryPython } from "./python-stats.js";
import { aliasOf } from "./text.js";
import { titleOf } from "./title.js";
import type { ExecutablePlan, GroupKey, Intent, OfflinePlan, PlannerContext } from "./types.js";

export function planOffline(question: string, context: PlannerContext): OfflinePlan {
  if (context.tables.length === 0) return clarifyPlan(undefined, "no table");
  const followUp = planFollowUp(question, context, { plan: planOffline, build: executablePlan });
  if (followUp) return followUp;
  const lastTable = [...(context.history ?? [])].reverse().find((h) => h.table)?.table ?? null;
  const ranked = context.tables
    .map((dna, index) => ({ dna, index, parsed: parseQuestion(question, dna) }))
    .sort(
      (a, b) =>
        Number(b.parsed.intent !== null) - Number(a.parsed.intent !== null) ||
        b.parsed.score - a.parsed.score ||
        Number(b.dna.table === lastTable) - Number(a.dna.table === lastTable) ||
        a.index - b.index,
    );
  const best = ranked[0]!;
  // A value the question names but no table holds would silently drop its filter: ask instead.
  if (best.parsed.unknown.length > 0) return unknownValuePlan(best.dna, best.parsed.unknown);
  if (!best.parsed.intent) return clarifyPlan(best.dna, best.parsed.reason);
  return executablePlan(best.dna, best.parsed.intent);
}

function executablePlan(dna: DataDna, intent: Intent): ExecutablePlan {
  const statistics = statisticsPlan(dna, intent);
  if (statistics) return statistics;
  const built = buildSql(dna, intent);
  const python = pythonFor(intent, built.x, built.y);
  const temporalX =
    intent.groupBy !== null && (intent.kind === "trend" || intent.grain !== undefined || isTimeGroup(dna, intent));
  let chart: ExecutablePlan["chart"] = null;
  if (intent.kind === "forecast" && built.x) chart = { type: "line", x: built.x, y: "forecast" };
  // The anomalous rows are scattered points in time: a line through them would invent a series.
  else if (intent.kind === "anomalies" && built.x && built.y && temporalX)
    chart = { type: "scatter", x: built.x, y: built.y };
  else if (intent.kind === "distribution" && !intent.groupBy)
    chart = { type: "histogram", x: "bin_start", y: built.y ?? "" };
  else if (built.x && built.y && built.color) {
    const timeX =
      intent.groupBy !== null && (isTimeGroup(dna, intent) || (intent.splitBy && isTimeKey(dna, intent.splitBy)));
    chart = { type: timeX ? "line" : "bar", x: built.x, y: built.y, color: built.color };
  } else if (built.x && built.y) chart = { type: temporalX ? "line" : "bar", x: built.x, y: built.y };
  return {
    classification: python ? "SQL_THEN_PY" : "SQL_ONLY",
    reasoning: reasoningOf(intent),
    columnsNeeded: columnsOf(intent),
    table: dna.table,
    sql: built.sql,
    python,
    intent,
    chart,
    title: titleOf(intent),
    followUps: followUpsFor(dna, intent),
  };
}

/**
 * Summary statistics and group comparisons run in Python over the whole table (PY_ONLY: no SQL, `df` is the
 * table, filters applied in pandas), so tests see every row rather than a capped SQL result.
 */
function statisticsPlan(dna: DataDna, intent: Intent): ExecutablePlan | null {
  let python: string;
  let chart: ExecutablePlan["chart"] = null;
  if (intent.kind === "summary") {
    python = summaryPython(dna, intent, intent.columns ?? (intent.measure ? [intent.measure] : []));
  } else if (intent.kind === "compare" && intent.groupBy && intent.measure) {
    python = compareGroupsPython(dna, intent);
    const numeric = dna.columns.find((c) => c.name === intent.measure)?.numeric !== undefined;
    if (numeric) chart = { type: "bar", x: groupColumn(dna, intent.groupBy).name, y: aliasOf("avg", intent.measure) };
  } else return null;
  return {
    classification: "PY_ONLY",
    reasoning: reasoningOf(intent),
    columnsNeeded: columnsOf(intent),
    table: dna.table,
    sql: null,
    python,
    intent,
    chart,
    title: titleOf(intent),
    followUps: followUpsFor(dna, intent),
  };
}

function isTimeGroup(dna: DataDna, intent: Intent): boolean {
  return intent.groupBy !== null && isTimeKey(dna, intent.groupBy);
}

function isTimeKey(dna: DataDna, key: GroupKey): boolean {
  if (key.grain === "weekday" || key.grain === "month_of_year" || key.grain === "hour") return false;
  return key.grain !== undefined || dna.columns.find((c) => c.name === key.column)?.role === "time";
}

function pythonFor(intent: Intent, x: string | null, y: string | null): string | null {
  if (intent.kind === "forecast" && x && y) return forecastPython(x, y, intent.grain ?? "day", intent.horizon ?? 7);
  if (intent.kind === "anomalies" && y) return anomaliesPython(y, intent.groupBy !== null);
  return null;
}

function columnsOf(intent: Intent): string[] {
  const names = [
    ...(intent.pair ?? []),
    ...(intent.columns ?? []),
    ...(intent.measure ? [intent.measure] : []),
    ...(intent.groupBy ? [intent.groupBy.column] : []),
    ...(intent.splitBy ? [intent.splitBy.column] : []),
    ...(intent.target ? [intent.target.column] : []),
    ...intent.filters.map((f) => f.column),
  ];
  return [...new Set(names)];
}

function reasoningOf(intent: Intent): string {
  const parts = [`Offline planner read a ${intent.kind} question`];
  if (intent.measure) parts.push(`over ${intent.measure} (${intent.agg})`);
  if (intent.pair) parts.push(`between ${intent.pair[0]} and ${intent.pair[1]}`);
  if (intent.groupBy)
    parts.push(`grouped by ${intent.groupBy.column}${intent.groupBy.grain ? ` (${intent.groupBy.grain})` : ""}`);
  if (intent.target) parts.push("counting the rows that match the asked value");
  if (intent.filters.length > 0) parts.push(`with ${intent.filters.length} filter(s)`);
  if (intent.kind === "forecast" || intent.kind === "anomalies") parts.push("then Python over the SQL result");
  if (intent.kind === "summary") parts.push("summarised in Python over the whole table");
  if (intent.kind === "compare" && intent.measure && intent.groupBy) parts.push("tested in Python over every row");
  return `${parts.join(" ")}.`;
}
