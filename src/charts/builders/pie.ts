// Pie (donut) charts of a measure's share per category: the largest slices and one "Other" slice.
import type { ChartRecord, ColumnInfo } from "../columns.js";
import { groupAggregate, opTitle } from "../data-shaping.js";
import { midSentence, titleBy } from "../humanize.js";
import type { ChartDraft } from "../spec-frame.js";
import { type BuildInput, countColumn, freeField, withoutNulls } from "./input.js";

/** Most named slices; the rest are summed into "Other". */
export const MAX_SLICES = 7;

export function pieChart(input: BuildInput, category: ColumnInfo, measureColumn?: ColumnInfo): ChartDraft | null {
  if (category.kind === "temporal" || category.kind === "quantitative") return null;
  let measure = measureColumn ?? countColumn(input.columns);
  const op = measureColumn ? "sum" : "count";
  const grouped = withoutNulls(groupAggregate(input.records, [category.field], measure.field, op), [
    category.field,
    measure.field,
  ]);
  if (!measureColumn || grouped.length < input.records.length)
    measure = { ...measure, title: opTitle(op, measure.title) };
  if (grouped.length < 2 || grouped.some((record) => (record[measure.field] as number) < 0)) return null;
  const sorted = [...grouped].sort((a, b) => (b[measure.field] as number) - (a[measure.field] as number));
  const notes: string[] = [];
  let slices: ChartRecord[] = sorted;
  if (sorted.length > MAX_SLICES + 1) {
    const rest = sorted.slice(MAX_SLICES);
    const other = rest.reduce((sum, record) => sum + (record[measure.field] as number), 0);
    slices = [...sorted.slice(0, MAX_SLICES), { [category.field]: "Other", [measure.field]: other }];
    notes.push(`${rest.length} smaller ${midSentence(category.title)} values combined as Other.`);
  }
  const rank = freeField(input.columns, "slice_rank");
  const data = slices.map((record, index) => ({ ...record, [rank]: index }));
  return {
    mark: { type: "arc", innerRadius: 60 },
    encoding: {
      theta: { field: measure.field, type: "quantitative", stack: true, title: measure.title },
      color: {
        field: category.field,
        type: "nominal",
        sort: data.map((record) => record[category.field]),
        legend: { title: category.title },
      },
      order: { field: rank, type: "quantitative", sort: "ascending" },
    },
    data,
    title: input.title ?? `Share of ${midSentence(titleBy(measure.title, category.title))}`,
    notes,
  };
}
