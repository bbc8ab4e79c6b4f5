// validateChartSpec: rebuilds a model-proposed Vega-Lite spec from allowlisted parts over the table's own rows.
import { scheme } from "vega";
import { type ColumnInfo, prepareTable } from "./columns.js";
import { sampleEvenly } from "./data-shaping.js";
import { midSentence } from "./humanize.js";
import { type ModelChannel, type ModelSpec, modelSpecSchema } from "./model-spec-schema.js";
import { formatCount, numberFormat } from "./number-format.js";
import { findColumn } from "./roles.js";
import { type ChartDraft, frameSpec } from "./spec-frame.js";
import { BAR_CHROME, BAR_STEP, CHART_HEIGHT } from "./theme.js";
import type { ResultTable, VegaLiteSpec } from "./types.js";
import { utcTimeUnit } from "./values.js";

/** Most rows a model-proposed chart draws; beyond it rows are sampled evenly and the subtitle says so. */
export const MAX_MODEL_ROWS = 5000;
const AGGREGATE_TITLES: Record<string, string> = {
  mean: "Average",
  average: "Average",
  sum: "Total",
  distinct: "Distinct",
};

/**
 * The spec rebuilt from its allowlisted mark, encoding and title over `table`'s rows, or null when it
 * is unusable (not a single-view spec, a field that is not a column, nothing positional to draw).
 * Data, URLs, transforms, params and expressions in the proposal are never carried over.
 */
export function validateChartSpec(spec: unknown, table: ResultTable): VegaLiteSpec | null {
  if (table.columns.length === 0 || table.rows.length === 0) return null;
  const parsed = modelSpecSchema.safeParse(firstLayer(spec));
  if (!parsed.success) return null;
  const prepared = prepareTable(table);
  const encoding: ChartDraft["encoding"] = {};
  for (const [channel, proposal] of Object.entries(parsed.data.encoding) as [string, ModelChannel | undefined][]) {
    if (!proposal) continue;
    const column = proposal.field === undefined ? undefined : findColumn(prepared.columns, proposal.field);
    if (proposal.field !== undefined && !column) return null;
    if (!column && proposal.aggregate !== "count") continue;
    encoding[channel] = rebuildChannel(proposal, column, prepared.records);
  }
  const mark = parsed.data.mark;
  if (mark.type === "arc" ? !encoding.theta : !encoding.x && !encoding.y) return null;

  const notes: string[] = [];
  const data = sampleEvenly(prepared.records, MAX_MODEL_ROWS);
  if (data.length < prepared.records.length) {
    notes.push(`${formatCount(data.length)} of ${formatCount(prepared.records.length)} rows shown, evenly sampled.`);
  }
  const draft: ChartDraft = { mark: { ...mark }, encoding, data, title: titleOf(parsed.data, encoding), notes };
  const yField = parsed.data.encoding.y?.field;
  const yColumn = yField === undefined ? undefined : findColumn(prepared.columns, yField);
  if (yColumn?.kind === "nominal" && mark.type === "bar") {
    draft.height = Math.max(CHART_HEIGHT, Math.min(yColumn.distinct, 80) * BAR_STEP + BAR_CHROME);
  }
  return frameSpec(draft);
}

/** A layered proposal is reduced to its first layer, with the shared encoding merged in. */
function firstLayer(spec: unknown): unknown {
  if (spec === null || typeof spec !== "object") return spec;
  const { layer, encoding, title } = spec as { layer?: unknown; encoding?: object; title?: unknown };
  if (!Array.isArray(layer) || "mark" in spec) return spec;
  const first = layer.find((item) => item !== null && typeof item === "object" && "mark" in item) as
    | { mark: unknown; encoding?: object }
    | undefined;
  return first ? { mark: first.mark, encoding: { ...encoding, ...first.encoding }, title } : spec;
}

function rebuildChannel(
  proposal: ModelChannel,
  column: ColumnInfo | undefined,
  records: ChartSpecRecords,
): Record<string, unknown> {
  const aggregate = proposal.aggregate === "average" ? "mean" : proposal.aggregate;
  const channel: Record<string, unknown> = {};
  if (!column) return { aggregate: "count", type: "quantitative", title: proposal.title ?? "Count" };
  const counted = aggregate === "count" || aggregate === "distinct";
  const wanted = proposal.type ?? column.kind;
  const type = counted || wanted === "nominal" || wanted === "ordinal" || wanted === column.kind ? wanted : column.kind;
  channel.field = column.field;
  channel.type = counted ? "quantitative" : type;
  if (aggregate) channel.aggregate = aggregate;
  if (proposal.bin !== undefined && column.kind === "quantitative") channel.bin = proposal.bin;
  if (proposal.timeUnit && column.kind === "temporal") {
    channel.timeUnit = proposal.timeUnit.startsWith("utc") ? proposal.timeUnit : `utc${proposal.timeUnit}`;
  } else if (type === "temporal") channel.scale = { type: "utc" };
  else if (type === "ordinal" && column.kind === "temporal") channel.timeUnit = utcTimeUnit(column.grain ?? "day");
  for (const key of ["sort", "stack", "legend", "axis"] as const) {
    if (proposal[key] !== undefined) channel[key] = proposal[key];
  }
  if (proposal.scale) {
    const { scheme: name, ...rest } = proposal.scale;
    // An unknown scheme name only fails when Vega runs, so keep it only if Vega knows it.
    channel.scale = {
      ...(channel.scale as object | undefined),
      ...rest,
      ...(name && scheme(name) ? { scheme: name } : {}),
    };
  }
  const prefix = aggregate ? AGGREGATE_TITLES[aggregate] : undefined;
  channel.title =
    proposal.title ??
    (aggregate === "count" ? "Count" : prefix ? `${prefix} ${midSentence(column.title)}` : column.title);
  if (channel.type === "quantitative" && !counted && !proposal.axis?.format && proposal.axis !== null) {
    const format = numberFormat(
      records.map((record) => record[column.field] as number | null),
      column.name,
    );
    channel.axis = { ...(proposal.axis ?? {}), format };
  }
  return channel;
}

type ChartSpecRecords = ReturnType<typeof prepareTable>["records"];

function titleOf(spec: ModelSpec, encoding: ChartDraft["encoding"]): string {
  if (typeof spec.title === "string" && spec.title.trim()) return spec.title.trim();
  if (spec.title && typeof spec.title === "object" && spec.title.text.trim()) return spec.title.text.trim();
  const y = encoding.y?.title ?? encoding.theta?.title;
  const x = encoding.x?.title ?? encoding.color?.title;
  if (typeof y === "string" && typeof x === "string") return `${y} by ${midSentence(x)}`;
  return String(y ?? x ?? "Chart");
}
