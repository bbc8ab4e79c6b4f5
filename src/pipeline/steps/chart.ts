// Step 6: a Vega-Lite spec from the rows the text used (the model's proposal only if it validates), then a PNG.
import {
  buildChartSpec,
  type ChartType,
  type ResultTable,
  renderChartPng,
  type VegaLiteSpec,
  validateChartSpec,
} from "../../charts/index.js";

const REQUESTED: Array<[RegExp, ChartType]> = [
  [/\bpie\b|\bdonut\b/i, "pie"],
  [/\bscatter\b/i, "scatter"],
  [/\bhistogram\b|\bdistribution\b/i, "histogram"],
  [/\barea (chart|graph)\b/i, "area"],
  [/\bline (chart|graph)\b|\bover time\b/i, "line"],
  [/\bbar (chart|graph)\b|\bbars\b/i, "bar"],
  [/\bheat ?map\b/i, "heatmap"],
];

/** A chart type the person asked for in words ("as a pie chart"), if any. */
export function requestedChartType(question: string): ChartType | undefined {
  return REQUESTED.find(([pattern]) => pattern.test(question))?.[1];
}

export function chooseChartSpec(
  table: ResultTable | null,
  question: string,
  proposal: Record<string, unknown> | null,
  planned: { type: ChartType; x?: string; y?: string; color?: string } | null,
  title: string,
): VegaLiteSpec | null {
  if (!table || table.rows.length === 0) return null;
  const requested = requestedChartType(question);
  if (proposal && !requested) {
    const validated = validateChartSpec(proposal, table);
    if (validated) return validated;
  }
  const type = requested ?? planned?.type;
  return buildChartSpec(table, {
    ...(type ? { type } : {}),
    ...(planned?.x ? { x: planned.x } : {}),
    ...(planned?.y ? { y: planned.y } : {}),
    ...(planned?.color ? { color: planned.color } : {}),
    title,
  });
}

export async function renderChart(spec: VegaLiteSpec): Promise<Buffer> {
  return renderChartPng(spec, { scale: 2 });
}
