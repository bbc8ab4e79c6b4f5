// chartForRequest: the chart for a plan's request — its kind's picture of the evidence, the requested type when
// it fits (else one line saying why not), and no image for a scalar or for evidence that cannot be drawn.
import { buildChartSpec } from "./build-spec.js";
import { CHART_KINDS, type ChartKind } from "./kinds/index.js";
import type { ChartOutcome, ChartRequest, RequestedChart } from "./request/chart-request.js";
import type { VegaLiteSpec } from "./types.js";

const TYPE_NAMES: Record<RequestedChart, string> = {
  bar: "bar chart",
  line: "line chart",
  area: "area chart",
  scatter: "scatter plot",
  histogram: "histogram",
  pie: "pie chart",
  heatmap: "heatmap",
  box: "box plot",
};

export function chartForRequest(request: ChartRequest): ChartOutcome {
  // The registry maps each kind to its own request type; indexing it by a union loses that pairing.
  const kind = CHART_KINDS[request.kind] as ChartKind<ChartRequest>;
  const requested = request.presentation.requested;
  const types = kind.types(request);
  const type = types[0];
  if (type === undefined) {
    const note = requested ? `The answer is ${kind.shows}, so there is no chart.` : null;
    return { spec: null, drawn: request.kind, note };
  }
  const fits = requested !== undefined && types.includes(requested);
  const note =
    requested && !fits
      ? `${article(TYPE_NAMES[requested])} cannot show ${kind.shows}, so this is ${kind.drawnAs}.`
      : null;
  const drawing = kind.draw(request, fits ? requested : type);
  if ("spec" in drawing) return { spec: described(drawing.spec, note), drawn: request.kind, note };
  if (kind.source === "answer" && request.kind !== "table") {
    const spec = buildChartSpec(request.answer, { title: request.presentation.title });
    const why = `${capitalize(kind.drawnAs)} could not be drawn: ${drawing.unusable}.`;
    return { spec: described(spec, why), drawn: "table", note: why };
  }
  return { spec: null, drawn: request.kind, note: `No chart: ${drawing.unusable}.` };
}

function described(spec: VegaLiteSpec | null, note: string | null): VegaLiteSpec | null {
  if (!spec || !note) return spec;
  return { ...spec, description: note } as VegaLiteSpec;
}

function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? "An" : "A"} ${noun}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
