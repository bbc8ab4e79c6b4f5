// Plain-text tables of trace statistics in seed 004's layout, for the terminal and Slack code blocks.
import type {
  HourCount,
  StepAverage,
  StepErrorRate,
  StepPercentiles,
  TraceListItem,
  TraceStep,
  TraceSummary,
} from "../store/index.js";

const RULE = "-".repeat(64);
const ms = (value: number | null) => (value === null ? "—" : `${Number(value).toFixed(1)}`);
const iso = (date: Date | string | null) => (date === null ? "—" : new Date(date).toISOString());
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const mark = (status: string) => (status === "completed" ? "✓" : status === "failed" ? "✗" : "…");

export function formatRecent(items: TraceListItem[]): string {
  if (items.length === 0) return "No conversations traced yet.";
  const rows = items.map(
    (t) =>
      `${t.id.padEnd(38)}${iso(t.startedAt).padEnd(26)}${ms(t.durationMs).padStart(10)}  ${t.status.padEnd(10)}${clip(t.question ?? "", 60)}`,
  );
  return [
    `Recent conversations (last ${items.length})`,
    RULE,
    `${"Conversation ID".padEnd(38)}${"Start".padEnd(26)}${"ms".padStart(10)}  ${"status".padEnd(10)}question`,
    ...rows,
  ].join("\n");
}

export function formatSummary(summary: TraceSummary): string {
  const { trace } = summary;
  const slowest = summary.steps.reduce<(typeof summary.steps)[number] | null>(
    (best, step) => ((step.durationMs ?? 0) > (best?.durationMs ?? -1) ? step : best),
    null,
  );
  const lines = summary.steps.map((step) => {
    const share = step.sharePct === null ? "" : ` ${step.sharePct.toFixed(0)}%`;
    const flag = step === slowest && summary.steps.length > 1 ? "  ← slowest" : "";
    return `  ${mark(step.status)} ${step.step.padEnd(15)}: ${ms(step.durationMs).padStart(9)} ms${share}${flag}`;
  });
  return [
    `Conversation: ${trace.id}`,
    `Question:     ${trace.question ?? "—"}`,
    `Start:        ${iso(trace.startedAt)}`,
    `End:          ${iso(trace.endedAt)}`,
    `Total:        ${ms(summary.totalMs)} ms   Steps: ${summary.steps.length}   Status: ${trace.status}`,
    ...(trace.classification ? [`Plan:         ${trace.classification}`] : []),
    ...(trace.error ? [`Error:        ${trace.error}`] : []),
    RULE,
    ...lines,
  ].join("\n");
}

export function formatTrace(id: string, steps: TraceStep[]): string {
  if (steps.length === 0) return `No steps recorded for ${id}.`;
  const blocks = steps.map((s) =>
    [
      `Step: ${s.step}`,
      `  Start:    ${iso(s.startedAt)}`,
      `  End:      ${iso(s.endedAt)}`,
      `  Duration: ${ms(s.durationMs)} ms`,
      `  Status:   ${s.status}`,
      ...(s.inputSummary ? [`  Input:    ${s.inputSummary}`] : []),
      ...(s.outputSummary ? [`  Output:   ${s.outputSummary}`] : []),
      ...(s.tokens !== null ? [`  Tokens:   ${s.tokens}`] : []),
      ...(s.keyIndex !== null ? [`  Key:      #${s.keyIndex}`] : []),
      ...(s.error ? [`  Error:    ${s.error}`] : []),
    ].join("\n"),
  );
  return [`Full trace: ${id}`, RULE, ...blocks].join("\n\n");
}

export function formatAverages(rows: StepAverage[], hours: number): string {
  const head = `${"Step".padEnd(16)}${"Count".padStart(7)}${"Avg (ms)".padStart(11)}${"Min (ms)".padStart(11)}${"Max (ms)".padStart(11)}`;
  const lines = rows.map(
    (r) =>
      `${r.step.padEnd(16)}${String(r.count).padStart(7)}${ms(r.avgMs).padStart(11)}${ms(r.minMs).padStart(11)}${ms(r.maxMs).padStart(11)}`,
  );
  return [`Average step durations (last ${hours} h)`, RULE, head, ...(lines.length ? lines : ["(no steps)"])].join(
    "\n",
  );
}

export function formatSlow(rows: TraceListItem[], thresholdMs: number): string {
  const lines = rows.map(
    (t) =>
      `${t.id.padEnd(38)}${(Number(t.durationMs ?? 0) / 1000).toFixed(3).padStart(10)} s${String(t.stepCount).padStart(6)}  ${iso(t.startedAt)}`,
  );
  return [`Slowest conversations (> ${thresholdMs} ms)`, RULE, ...(lines.length ? lines : ["(none)"])].join("\n");
}

export function formatErrors(rows: StepErrorRate[], hours: number): string {
  const lines = rows.map((r) => {
    const rate = Number(r.errorRatePct);
    const flag = rate >= 10 ? "  ← problem" : "";
    return `${r.step.padEnd(16)}${String(r.total).padStart(7)}${String(r.failures).padStart(10)}${`${rate.toFixed(2)}%`.padStart(12)}${flag}`;
  });
  const head = `${"Step".padEnd(16)}${"Total".padStart(7)}${"Failures".padStart(10)}${"Error rate".padStart(12)}`;
  return [`Error rates by step (last ${hours} h)`, RULE, head, ...(lines.length ? lines : ["(no steps)"])].join("\n");
}

export function formatPercentiles(p: StepPercentiles): string {
  const keys = ["p10", "p25", "p50", "p75", "p90", "p95", "p99"] as const;
  const lines = keys.map((key) => `${key.toUpperCase().padEnd(8)}${ms(p[key]).padStart(12)} ms`);
  return [`Duration percentiles for '${p.step}'`, RULE, ...lines, `Samples ${String(p.samples).padStart(12)}`].join(
    "\n",
  );
}

export function formatBusiest(rows: HourCount[]): string {
  const lines = rows.map((r) => `${String(r.hour).padStart(2, "0")}:00 UTC${String(r.conversations).padStart(10)}`);
  return ["Busiest hours of day", RULE, ...(lines.length ? lines : ["(no conversations)"])].join("\n");
}
