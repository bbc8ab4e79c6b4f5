// Wraps a chart's mark and encoding into a complete Vega-Lite spec: inline data, title, size and theme.
import type { ChartRecord } from "./columns.js";
import type { Channel } from "./encodings.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH } from "./theme.js";
import type { VegaLiteSpec } from "./types.js";

/** What a chart builder decides; `frameSpec` turns it into a spec. */
export interface ChartDraft {
  mark: Record<string, unknown>;
  encoding: Record<string, Channel>;
  data: ChartRecord[];
  title: string;
  /** Sentences about what was left out or combined, shown as the subtitle. */
  notes: string[];
  width?: number;
  height?: number;
  description?: string;
}

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** The full spec; `autosize: fit` makes the image exactly width x height so 2x renders are predictable. */
export function frameSpec(draft: ChartDraft): VegaLiteSpec {
  const title: Record<string, unknown> = { text: draft.title };
  if (draft.notes.length > 0) title.subtitle = draft.notes.join(" ");
  const spec: Record<string, unknown> = {
    $schema: SCHEMA,
    title,
    width: draft.width ?? CHART_WIDTH,
    height: draft.height ?? CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    data: { values: draft.data },
    mark: draft.mark,
    encoding: draft.encoding,
    config: CHART_CONFIG,
  };
  if (draft.description) spec.description = draft.description;
  return spec as unknown as VegaLiteSpec;
}
