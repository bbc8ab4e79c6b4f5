// composeOffline: a short answer written only from the result's own values, with metrics and follow-ups.

import { describeGroups, describeRows, describeTwoKeys } from "./compose-groups.js";
import { describeComparison, describeSummary } from "./compose-stats.js";
import { formatCell, formatNumber, formatPercent, metricValue, toNumber } from "./format.js";
import { aliasOf, humanize } from "./text.js";
import { conditionWords, measureWords } from "./title.js";
import type { ExecutablePlan, OfflineAnswer, ResultTable } from "./types.js";

export type { ResultTable } from "./types.js";

/** A worker reply of a DataFrame ({columns, rows}) as a table; anything else is not one. */
export function asTable(value: unknown): ResultTable | null {
  if (!value || typeof value !== "object") return null;
  const v = value as { columns?: unknown; rows?: unknown };
  if (!Array.isArray(v.columns) || !Array.isArray(v.rows)) return null;
  return { columns: v.columns.map(String), rows: v.rows.filter(Array.isArray) as unknown[][] };
}

export function composeOffline(plan: ExecutablePlan, result: ResultTable, python?: unknown): OfflineAnswer {
  const table = (plan.python ? asTable(python) : null) ?? result;
  const followUps = plan.followUps ?? [];
  if (table.rows.length === 0) {
    const text =
      plan.intent.kind === "anomalies"
        ? `No value of ${humanize(plan.intent.measure ?? "the measure")} stood far enough from its usual level to count as an anomaly.`
        : "The query returned no rows for this question, so there is nothing to report.";
    return { text, metrics: {}, followUps };
  }
  const text = writeText(plan, table);
  return { text, metrics: plan.intent.kind === "summary" ? statisticMetrics(table) : metricsOf(table), followUps };
}

function writeText(plan: ExecutablePlan, table: ResultTable): string {
  const { intent } = plan;
  const row = table.rows[0]!;
  const cell = (name: string, r: unknown[] = row) => r[table.columns.indexOf(name)];
  const where = intent.filters.length > 0 ? ` (${intent.filters.map(conditionWords).join(", ")})` : "";
  if (intent.kind === "summary") return describeSummary(plan, table);
  if (intent.kind === "compare" && plan.classification === "PY_ONLY") return describeComparison(plan, table);
  if (intent.kind === "correlation") {
    const r = toNumber(row[0]);
    if (r === null)
      return `There are not enough rows with both ${humanize(intent.pair![0])} and ${humanize(intent.pair![1])} to measure a correlation.`;
    const strength =
      Math.abs(r) >= 0.7 ? "strong" : Math.abs(r) >= 0.4 ? "moderate" : Math.abs(r) >= 0.2 ? "weak" : "very weak";
    const sign = r >= 0 ? "positive" : "negative";
    return `The correlation between ${humanize(intent.pair![0])} and ${humanize(intent.pair![1])} is ${formatNumber(r)}, a ${strength} ${sign} relationship, over ${formatCell(row[1])} rows with both values${where}.`;
  }
  if (intent.target && !intent.groupBy) {
    const [hit, total, pct] = [row[0], row[1], toNumber(row[2])];
    const cond = conditionWords(intent.target);
    const share = pct === null ? "" : ` (${formatPercent(pct)})`;
    return intent.kind === "share" && pct !== null
      ? `${formatPercent(pct)} of ${intent.entity}${where} have ${cond} (${formatCell(hit)} of ${formatCell(total)}).`
      : `${formatCell(hit)} of ${formatCell(total)} ${intent.entity}${share} have ${cond}${where}.`;
  }
  if (intent.splitBy && plan.chart?.color) return describeTwoKeys(plan, table);
  if (intent.kind === "anomalies" || intent.kind === "forecast" || intent.groupBy || intent.kind === "top") {
    return intent.groupBy || intent.kind === "anomalies" || intent.kind === "forecast"
      ? describeGroups(plan, table)
      : describeRows(plan, table);
  }
  if (intent.kind === "lookup") {
    const first = table.columns.map((c, i) => `${humanize(c)} ${formatCell(row[i])}`).join(", ");
    return `The first matching row${where} has ${first}.`;
  }
  if (intent.kind === "count") return `There are ${formatCell(row[0])} ${intent.entity}${where}.`;
  if (intent.kind === "distribution") return describeRows(plan, table);
  const parts = table.columns
    .filter((c) => !c.startsWith("n_"))
    .map((c) => `the ${humanize(c).replace(/^avg /, "average ")} is ${formatCell(cell(c))}`);
  const counted = table.columns.find((c) => c.startsWith("n_"));
  const across = counted ? ` across ${formatCell(cell(counted))} ${intent.entity} with a value` : "";
  const lead =
    parts.length === 1
      ? `The ${measureWords(intent)}${where} is ${formatCell(row[0])}`
      : capital(`${parts.join(" and ")}${where}`);
  return `${lead}${across}.`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The first row's values by column: the single answer, the top-ranked group, or the most extreme anomaly. */
function metricsOf(table: ResultTable): Record<string, number | string> {
  const metrics: Record<string, number | string> = {};
  const row = table.rows[0]!;
  table.columns.forEach((column, i) => {
    const value = row[i];
    if (value === null || value === undefined) return;
    metrics[column] = metricValue(value);
  });
  return metrics;
}

/** statistic/value tables: each numeric statistic of the (first) column by its name ("mean", "outliers"…). */
function statisticMetrics(table: ResultTable): Record<string, number | string> {
  const metrics: Record<string, number | string> = {};
  for (const row of table.rows) {
    const value = toNumber(row[1]);
    if (value !== null) metrics[aliasOf(String(row[0]))] = metricValue(value);
  }
  return metrics;
}
