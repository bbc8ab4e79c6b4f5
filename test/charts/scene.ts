// Lays a spec out with Vega (no pixels) and reads what a person would see: every text with its box, axis labels
// per axis, the fonts used, so tests can check for repeated ticks, overlaps and legibility.
import { type Loader, None, parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { refusingLoader } from "../../src/charts/safety.js";

export interface SceneText {
  role: string;
  text: string;
  fontSize: number;
  /** Absolute box in CSS pixels. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Scene {
  /** Visible texts (labels hidden by Vega's overlap removal are left out). */
  texts: SceneText[];
  /** Visible tick labels of each labelled axis, in order. */
  axes: string[][];
  /** Mark types drawn, by role "mark" (not axes or legends). */
  marks: string[];
}

interface Item {
  x?: number;
  y?: number;
  text?: string | string[];
  opacity?: number;
  fontSize?: number;
  bounds?: { x1: number; y1: number; x2: number; y2: number };
  items?: Node[];
}
interface Node {
  marktype?: string;
  role?: string;
  items?: Item[];
}

export async function sceneOf(spec: unknown): Promise<Scene> {
  const vega = compile(spec as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: "none", loader: refusingLoader() as unknown as Loader });
  view.logLevel(None);
  await view.runAsync();
  const scene: Scene = { texts: [], axes: [], marks: [] };
  const walkMark = (node: Node, dx: number, dy: number, axis: string[] | null) => {
    if (node.role === "mark" && node.marktype && node.marktype !== "group") scene.marks.push(node.marktype);
    for (const item of node.items ?? []) {
      if (node.marktype === "text" && item.text !== undefined && item.bounds && (item.opacity ?? 1) > 0) {
        const text = Array.isArray(item.text) ? item.text.join(" ") : String(item.text);
        if (text.trim()) {
          const { x1, y1, x2, y2 } = item.bounds;
          scene.texts.push({
            role: node.role ?? "",
            text,
            fontSize: item.fontSize ?? 11,
            x1: x1 + dx,
            y1: y1 + dy,
            x2: x2 + dx,
            y2: y2 + dy,
          });
          if (node.role === "axis-label" && axis) axis.push(text);
        }
      }
      if (item.items) {
        const own = node.role === "axis" ? [] : axis;
        if (node.role === "axis" && own) scene.axes.push(own);
        for (const child of item.items) walkMark(child, dx + (item.x ?? 0), dy + (item.y ?? 0), own);
      }
    }
  };
  walkMark((view.scenegraph() as unknown as { root: Node }).root, 0, 0, null);
  view.finalize();
  // Vega-Lite draws grids as axes of their own, without labels.
  scene.axes = scene.axes.filter((labels) => labels.length > 0);
  return scene;
}

/** Axes whose visible tick labels repeat (e.g. "2012, 2012, 2013"). */
export function repeatedTicks(scene: Scene): string[][] {
  return scene.axes.filter((labels) => new Set(labels).size !== labels.length);
}

/** Pairs of visible texts whose boxes overlap by more than a pixel (a halo under its own text does not count). */
export function overlappingTexts(scene: Scene): Array<[string, string]> {
  const texts = scene.texts;
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i]!;
      const b = texts[j]!;
      const halo = a.text === b.text && Math.abs(a.x1 - b.x1) < 0.5 && Math.abs(a.y1 - b.y1) < 0.5;
      if (halo) continue;
      const overlapX = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
      const overlapY = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      if (overlapX > 1 && overlapY > 1) pairs.push([a.text, b.text]);
    }
  }
  return pairs;
}

/** The smallest text as it appears when Slack shows the image `displayWidth` px wide. */
export function smallestTextOnScreen(scene: Scene, imageWidth: number, displayWidth = 360): number {
  return Math.min(...scene.texts.map((text) => text.fontSize)) * (displayWidth / imageWidth);
}
