// Part-to-whole pictures: one stacked bar or a donut, the asked-for part in the accent colour and labelled with
// its share; shares come from the parts themselves, so the picture and the text agree.
import type { ChartRecord } from "../columns.js";
import { COLORS, FONT } from "../theme.js";
import { formatPercent, formatValue } from "./format.js";
import type { Layer } from "./frame.js";
import { abbreviate } from "./text.js";

export interface Part {
  label: string;
  value: number;
  /** Part of what the question asked about. */
  asked: boolean;
}

/** Named segments before the rest are summed as "All others". */
export const MAX_SEGMENTS = 6;
/** Colours of the asked-for segments, then of the rest (distinct enough to tell apart in the legend). */
const ASKED = [COLORS.accent, "#E69F00", "#CC79A7"];
const REST = ["#0072B2", "#56B4E9", "#8DA0B3", "#C3CEDA", "#64748B", "#009E73"];

export interface Segments {
  rows: ChartRecord[];
  /** Legend entries in order, each "Label 43.8%". */
  domain: string[];
  range: string[];
  total: number;
  askedShare: number;
  askedValue: number;
}

/** The parts as segments: asked-for parts first, the rest largest first, beyond `MAX_SEGMENTS` one "All others". */
export function segments(parts: readonly Part[]): Segments {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  const asked = parts.filter((part) => part.asked).sort((a, b) => b.value - a.value);
  let rest = parts.filter((part) => !part.asked).sort((a, b) => b.value - a.value);
  const room = Math.max(1, MAX_SEGMENTS - asked.length);
  if (rest.length > room) {
    const other = rest.slice(room - 1).reduce((sum, part) => sum + part.value, 0);
    rest = [...rest.slice(0, room - 1), { label: "All others", value: other, asked: false }];
  }
  const ordered = [...asked, ...rest];
  const rows: ChartRecord[] = [];
  let start = 0;
  ordered.forEach((part, index) => {
    const share = total > 0 ? part.value / total : 0;
    rows.push({
      segment: `${abbreviate(part.label, 18)} ${formatPercent(share)}`,
      start,
      end: start + share,
      value: part.value,
      order: index,
    });
    start += share;
  });
  const askedValue = asked.reduce((sum, part) => sum + part.value, 0);
  return {
    rows,
    domain: rows.map((row) => String(row.segment)),
    range: ordered.map((part, index) =>
      part.asked ? ASKED[index % ASKED.length]! : REST[(index - asked.length) % REST.length]!,
    ),
    total,
    askedShare: total > 0 ? askedValue / total : 0,
    askedValue,
  };
}

/** The headline above the picture: the share in large type and what it is a share of. */
export function headline(share: number, caption: string): Layer[] {
  return [
    {
      data: [{}],
      mark: {
        type: "text",
        text: formatPercent(share),
        x: 0,
        y: 0,
        align: "left",
        baseline: "top",
        fontSize: FONT.headline,
        fontWeight: "bold",
        color: COLORS.accent,
      },
      encoding: {},
    },
    {
      data: [{}],
      mark: {
        type: "text",
        text: caption,
        x: 0,
        y: FONT.headline + 8,
        align: "left",
        baseline: "top",
        fontSize: FONT.label,
        color: COLORS.subtleText,
      },
      encoding: {},
    },
  ];
}

/** What the asked share is of, in words: "sun: 640 of 1,461 days". */
export function shareCaption(askedLabels: string[], part: number, whole: number, unit?: string): string {
  const what = askedLabels.length > 0 ? `${askedLabels.join(" + ")}: ` : "";
  const noun = unit && unit !== "$" && unit !== "%" ? ` ${unit}` : "";
  const value = (n: number) => (unit === "$" ? formatValue(n, "$") : formatValue(n));
  return `${what}${value(part)} of ${value(whole)}${noun}`;
}

const color = (seg: Segments) => ({
  field: "segment",
  type: "nominal",
  scale: { domain: seg.domain, range: seg.range },
  sort: seg.domain,
  legend: { title: null, orient: "bottom", direction: "horizontal", columns: 3, labelLimit: 200 },
});

/** One horizontal bar of the whole, 0–100%, its segments stacked in order. */
export function stackedBarLayers(seg: Segments, top: number): Layer[] {
  return [
    {
      data: seg.rows,
      mark: { type: "bar", height: 44, y: top + 22, stroke: "#ffffff", strokeWidth: 1.5 },
      encoding: {
        x: {
          field: "start",
          type: "quantitative",
          scale: { domain: [0, 1], nice: false },
          axis: { format: ".0%", title: null, values: [0, 0.25, 0.5, 0.75, 1], grid: false, offset: 6 },
        },
        x2: { field: "end" },
        color: color(seg),
      },
    },
  ];
}

/** A donut of the whole with the asked share (when a part was asked about) in its middle. */
export function donutLayers(seg: Segments, radius: number): Layer[] {
  const middle: Layer[] =
    seg.askedValue > 0
      ? [
          {
            data: [{}],
            mark: {
              type: "text",
              text: formatPercent(seg.askedShare),
              fontSize: FONT.headline - 4,
              fontWeight: "bold",
              color: COLORS.accent,
              baseline: "middle",
            },
            encoding: {},
          },
        ]
      : [];
  return [
    {
      data: seg.rows,
      mark: { type: "arc", innerRadius: radius * 0.58, outerRadius: radius, stroke: "#ffffff", strokeWidth: 1.5 },
      encoding: {
        theta: { field: "value", type: "quantitative", stack: true },
        order: { field: "order", type: "quantitative", sort: "ascending" },
        color: color(seg),
      },
    },
    ...middle,
  ];
}
