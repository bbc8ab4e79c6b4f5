// No kind known: the chart the answer's shape calls for (buildChartSpec), as before evidence charts.
import { buildChartSpec } from "../build-spec.js";
import type { TableRequest } from "../request/chart-request.js";
import { CHART_TYPES } from "../types.js";
import type { ChartKind } from "./kind.js";

export const tableKind: ChartKind<TableRequest> = {
  kind: "table",
  shows: "the answer's rows",
  drawnAs: "the chart their shape calls for",
  source: "answer",
  types: () => CHART_TYPES,
  draw(request, type) {
    const type_ = type === "box" ? "histogram" : type;
    const spec = buildChartSpec(request.answer, {
      ...request.options,
      ...(request.presentation.requested ? { type: type_ } : {}),
      title: request.presentation.title,
    });
    return spec ? { spec } : { unusable: "the answer's rows make no chart" };
  },
};
