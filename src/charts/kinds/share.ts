// Share or rate: one part-to-whole picture (a single stacked bar, or a donut when asked), the asked-for part in
// the accent colour with its share in large type; never counts and percentages on one axis.
import { frameLayers } from "../compose/frame.js";
import {
  donutLayers,
  headline,
  type Part,
  segments,
  shareCaption,
  stackedBarLayers,
} from "../compose/part-to-whole.js";
import type { ShareRequest } from "../request/chart-request.js";
import { type ChartKind, contextLine, type Drawing, keyText, readEvidence, unitOf } from "./kind.js";

export const shareKind: ChartKind<ShareRequest> = {
  kind: "share",
  shows: "a part of a whole",
  drawnAs: "one stacked bar of the whole",
  source: "evidence",
  types: () => ["bar", "pie"],
  draw(request, type): Drawing {
    const { components } = request.evidence;
    const read = readEvidence("The parts of the whole", components.table, {
      label: components.label,
      value: components.value,
    });
    if (typeof read === "string") return { unusable: read };
    const { label, value } = read.columns;
    const asked = new Set(request.part.map((key) => String(key).toLowerCase()));
    const parts: Part[] = [];
    for (const record of read.records) {
      const amount = record[value.field];
      if (typeof amount !== "number") continue;
      if (amount < 0) return { unusable: `${value.name} has a negative part, so it is not a whole of parts` };
      const name = keyText(record[label.field], label);
      parts.push({ label: name, value: amount, asked: asked.has(name.toLowerCase()) });
    }
    if (!parts.some((part) => part.asked)) return { unusable: "none of the parts is the one asked about" };
    const seg = segments(parts);
    if (seg.total <= 0) return { unusable: "the whole is zero" };
    const unit = unitOf(request.presentation, value);
    const askedLabels = parts.filter((part) => part.asked).map((part) => part.label);
    const caption = shareCaption(askedLabels, seg.askedValue, seg.total, unit);
    const subtitle = [contextLine(request.presentation)];
    if (type === "pie") {
      return {
        spec: frameLayers({
          title: request.presentation.title,
          subtitle: [caption, ...subtitle],
          layers: donutLayers(seg, 100),
          height: 250,
        }),
      };
    }
    return {
      spec: frameLayers({
        title: request.presentation.title,
        subtitle,
        layers: [...headline(seg.askedShare, caption), ...stackedBarLayers(seg, 56)],
        height: 200,
      }),
    };
  },
};
