// Step 6: a Vega-Lite spec from the rows the text used (the model's proposal only if it validates), then a PNG.
import {
  buildChartSpec,
  type ResultTable,
  renderChartPng,
  type VegaLiteSpec,
  validateChartSpec,
} from "../../charts/index.js";
import { type ExecutablePlan, requestedChartType } from "../../planner/index.js";

/** The chart the plan calls for over `table`; null when no chart fits (the plan says so, or the rows make none). */
export function chooseChartSpec(
  table: ResultTable | null,
  plan: ExecutablePlan,
  proposal: Record<string, unknown> | null,
): VegaLiteSpec | null {
  if (!table || table.rows.length === 0 || plan.chart === null) return null;
  const requested = requestedChartType(plan.question);
  if (proposal && !requested) {
    const validated = validateChartSpec(proposal, table);
    if (validated) return validated;
  }
  const planned = plan.chart;
  const type = requested ?? planned.type;
  return buildChartSpec(table, {
    ...(type ? { type } : {}),
    ...(planned.x ? { x: planned.x } : {}),
    ...(planned.y ? { y: planned.y } : {}),
    ...(planned.color ? { color: planned.color } : {}),
    title: plan.title,
  });
}

export async function renderChart(spec: VegaLiteSpec): Promise<Buffer> {
  return renderChartPng(spec, { scale: 2 });
}
