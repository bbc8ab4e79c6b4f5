// Wraps an evidence chart's layers into a complete Vega-Lite spec: wrapped title, subtitle lines, size, theme.
import type { ChartRecord } from "../columns.js";
import type { Channel } from "../encodings.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, FONT } from "../theme.js";
import type { VegaLiteSpec } from "../types.js";
import { wrapText } from "./text.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
/** Title and subtitle lines wrap within the image less its padding. */
const TEXT_WIDTH = CHART_WIDTH - 24;
/** Most subtitle lines; a longer subtitle loses its last notes rather than the chart its height. */
const MAX_SUBTITLE_LINES = 4;

/** One layer: its own inline rows, a mark and its encoding. */
export interface Layer {
  data: ChartRecord[];
  mark: Record<string, unknown>;
  encoding: Record<string, Channel>;
}

export interface LayeredDraft {
  title: string;
  /** Subtitle sentences or phrases, each wrapped onto its own lines. */
  subtitle: string[];
  layers: Layer[];
  /** Whole image width (autosize fit). @defaultValue CHART_WIDTH */
  width?: number;
  /** Height of the plot and its axes; the title's and subtitle's lines are added to it. @defaultValue CHART_HEIGHT */
  height?: number;
  /** Scales or legends kept apart between layers, e.g. `{ scale: { color: "independent" } }`. */
  resolve?: Record<string, Record<string, "shared" | "independent">>;
  /** One line saying why the chart is not the requested type. */
  description?: string;
}

/** Title text as lines that fit the image width. */
export function titleLines(title: string): string[] {
  return wrapText(title, TEXT_WIDTH, FONT.title, true);
}

/** Subtitle phrases wrapped to the image width, at most four lines. */
export function subtitleLines(parts: readonly string[]): string[] {
  return parts
    .filter((part) => part.trim().length > 0)
    .flatMap((part) => wrapText(part, TEXT_WIDTH, FONT.subtitle))
    .slice(0, MAX_SUBTITLE_LINES);
}

/** Height the title and subtitle take, px: the plot keeps its own height under a two-line title. */
export function headerHeight(title: string[], subtitle: string[]): number {
  return title.length * (FONT.title + 3) + subtitle.length * (FONT.subtitle + 3) + 14;
}

export function frameLayers(draft: LayeredDraft): VegaLiteSpec {
  const title = titleLines(draft.title);
  const subtitle = subtitleLines(draft.subtitle);
  const spec: Record<string, unknown> = {
    $schema: SCHEMA,
    title: titleSpec(title, subtitle),
    width: draft.width ?? CHART_WIDTH,
    height: (draft.height ?? CHART_HEIGHT) + headerHeight(title, subtitle),
    autosize: { type: "fit", contains: "padding" },
    layer: draft.layers.map((layer) => ({ data: { values: layer.data }, mark: layer.mark, encoding: layer.encoding })),
    config: CHART_CONFIG,
  };
  if (draft.resolve) spec.resolve = draft.resolve;
  if (draft.description) spec.description = draft.description;
  return spec as unknown as VegaLiteSpec;
}

/** The title block: one line stays a string, more become Vega's multi-line arrays. */
export function titleSpec(title: string[], subtitle: string[]): Record<string, unknown> {
  const spec: Record<string, unknown> = { text: title.length === 1 ? title[0] : title };
  if (subtitle.length > 0) spec.subtitle = subtitle.length === 1 ? subtitle[0] : subtitle;
  return spec;
}
