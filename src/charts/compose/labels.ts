// Places annotation labels (peaks, anomalies, thresholds) so none overlaps another or leaves the plot: each label
// tries its placements in order and is dropped when none is free, most important labels first.
import { FONT } from "../theme.js";
import { textWidth } from "./text.js";

export type Align = "left" | "center" | "right";
export type Baseline = "top" | "middle" | "bottom";

export interface Placement {
  dx: number;
  dy: number;
  align: Align;
  baseline: Baseline;
}

export interface LabelCandidate<T> {
  /** Anchor in plot pixels: x from the left, y from the top. */
  x: number;
  y: number;
  text: string;
  /** Lower numbers are placed first. */
  priority: number;
  placements: Placement[];
  /** Carried through to the placed label (the data row the text layer draws). */
  datum: T;
}

export interface PlacedLabel<T> extends Placement {
  text: string;
  datum: T;
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Placements around an anchor, nearest first: above and below (farther each round), then right and left.
 * `align` keeps labels near an edge inside the plot.
 */
export function around(gap = 8, prefer: "above" | "below" = "above", align: Align = "center"): Placement[] {
  // Edge labels start (or end) right above or below their point, so they stay inside the plot.
  const vertical = [gap, gap + 14, gap + 28].flatMap((d) => {
    const above: Placement = { dx: 0, dy: -d, align, baseline: "bottom" };
    const below: Placement = { dx: 0, dy: d, align, baseline: "top" };
    return prefer === "above" ? [above, below] : [below, above];
  });
  return [
    ...vertical,
    { dx: gap, dy: 0, align: "left", baseline: "middle" },
    { dx: -gap, dy: 0, align: "right", baseline: "middle" },
  ];
}

/** Text layers for placed labels: a white halo under each so a label stays readable across a line or grid. */
export function labelLayers<T extends Record<string, unknown>>(
  placed: readonly PlacedLabel<T>[],
  encoding: Record<string, unknown>,
  style: Record<string, unknown> = {},
): Array<{ data: T[]; mark: Record<string, unknown>; encoding: Record<string, unknown> }> {
  return groupByPlacement(placed).flatMap(({ placement, rows }) => [
    {
      data: rows,
      mark: {
        type: "text",
        ...placement,
        ...style,
        color: "#ffffff",
        stroke: "#ffffff",
        strokeWidth: 6,
        strokeJoin: "round",
      },
      encoding,
    },
    { data: rows, mark: { type: "text", ...placement, color: "#1f2937", ...style }, encoding },
  ]);
}

export interface Obstacles {
  /** Never covered: marks that must stay visible (highlighted points, bars' ends). */
  hard?: readonly Box[];
  /** Avoided when a placement free of them exists (a line's path); labels carry a white halo for the rest. */
  soft?: readonly Box[];
}

/**
 * Keeps labels inside `width` x `height`, apart from each other and from the hard obstacles, and off the soft
 * ones where any placement allows; returns the labels that found a place.
 */
export function placeLabels<T>(
  candidates: readonly LabelCandidate<T>[],
  width: number,
  height: number,
  obstacles: Obstacles = {},
  fontSize: number = FONT.annotation,
): PlacedLabel<T>[] {
  const taken: Box[] = [...(obstacles.hard ?? [])];
  const soft = obstacles.soft ?? [];
  const placed: PlacedLabel<T>[] = [];
  for (const candidate of [...candidates].sort((a, b) => a.priority - b.priority)) {
    const w = textWidth(candidate.text, fontSize) + 2;
    const h = fontSize + 3;
    const boxes = candidate.placements
      .map((placement, index) => ({
        index,
        placement,
        box: boxOf(candidate.x + placement.dx, candidate.y + placement.dy, w, h, placement),
      }))
      .filter(({ box }) => box.x1 >= 0 && box.x2 <= width && box.y1 >= 0 && box.y2 <= height)
      .filter(({ box }) => !taken.some((other) => overlaps(box, other)));
    // Nearest first, but crossing a line costs as much as moving three placements away.
    const cost = ({ index, box }: { index: number; box: Box }) =>
      index + (soft.some((other) => overlaps(box, other)) ? 3 : 0);
    const chosen = boxes.reduce<(typeof boxes)[number] | undefined>(
      (best, option) => (best === undefined || cost(option) < cost(best) ? option : best),
      undefined,
    );
    if (!chosen) continue;
    taken.push(chosen.box);
    placed.push({ ...chosen.placement, text: candidate.text, datum: candidate.datum });
  }
  return placed;
}

/** Small boxes along a polyline (plot pixels), every few pixels: a line's path as soft obstacles. */
export function pathBoxes(points: ReadonlyArray<readonly [number, number]>, spacing = 5): Box[] {
  const boxes: Box[] = [];
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i]!;
    boxes.push(pointBox(x, y, 1.5));
    const next = points[i + 1];
    if (!next) continue;
    const steps = Math.floor(Math.hypot(next[0] - x, next[1] - y) / spacing);
    for (let s = 1; s < steps; s++) {
      boxes.push(pointBox(x + ((next[0] - x) * s) / steps, y + ((next[1] - y) * s) / steps, 1.5));
    }
  }
  return boxes;
}

/** A small box around a point mark, as an obstacle. */
export function pointBox(x: number, y: number, radius = 4): Box {
  return { x1: x - radius, y1: y - radius, x2: x + radius, y2: y + radius };
}

function boxOf(x: number, y: number, w: number, h: number, placement: Placement): Box {
  const x1 = placement.align === "left" ? x : placement.align === "right" ? x - w : x - w / 2;
  const y1 = placement.baseline === "top" ? y : placement.baseline === "bottom" ? y - h : y - h / 2;
  return { x1, y1, x2: x1 + w, y2: y1 + h };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** Linear map from a domain to pixels. */
export function linear(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** Placed labels grouped into one text layer's rows per placement (Vega-Lite cannot encode align per row). */
export function groupByPlacement<T>(placed: readonly PlacedLabel<T>[]): Array<{ placement: Placement; rows: T[] }> {
  const groups = new Map<string, { placement: Placement; rows: T[] }>();
  for (const label of placed) {
    const key = `${label.dx}|${label.dy}|${label.align}|${label.baseline}`;
    let group = groups.get(key);
    if (!group) {
      group = { placement: { dx: label.dx, dy: label.dy, align: label.align, baseline: label.baseline }, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(label.datum);
  }
  return [...groups.values()];
}
