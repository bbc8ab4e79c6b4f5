// Vega-Lite channel definitions for measures and dimensions, with titles, formats and sort orders.
import type { ChartRecord, ColumnInfo } from "./columns.js";
import { numberFormat } from "./number-format.js";
import { timeFormat, utcTimeUnit } from "./values.js";

export type Channel = Record<string, unknown>;

/** A quantitative channel whose axis (or legend) format suits the values it shows. */
export function measureChannel(column: ColumnInfo, records: ChartRecord[], extra: Channel = {}): Channel {
  const format = numberFormat(
    records.map((record) => record[column.field] as number | null),
    column.name,
  );
  const guide = extra.guide === "legend" ? "legend" : "axis";
  const { guide: _guide, ...rest } = extra;
  return { field: column.field, type: "quantitative", title: column.title, [guide]: { format }, ...rest };
}

/** A continuous time axis in UTC with labels at the data's grain. */
export function timeChannel(column: ColumnInfo, extra: Channel = {}): Channel {
  const grain = column.grain ?? "day";
  return {
    field: column.field,
    type: "temporal",
    title: column.title,
    scale: { type: "utc" },
    axis: { format: timeFormat(grain), labelAngle: 0 },
    ...extra,
  };
}

/** A discrete channel: categories as given or sorted by `sort`, ordinals and times in natural order. */
export function discreteChannel(column: ColumnInfo, extra: Channel = {}): Channel {
  if (column.kind === "temporal") {
    return {
      field: column.field,
      type: "ordinal",
      timeUnit: utcTimeUnit(column.grain ?? "day"),
      title: column.title,
      axis: { format: timeFormat(column.grain ?? "day") },
      ...extra,
    };
  }
  if (column.kind === "ordinal") {
    return { field: column.field, type: "ordinal", title: column.title, sort: column.order ?? "ascending", ...extra };
  }
  if (column.kind === "quantitative") {
    return { field: column.field, type: "ordinal", title: column.title, sort: "ascending", ...extra };
  }
  return { field: column.field, type: "nominal", title: column.title, ...extra };
}

/** Colour channel for series; a legend titled with the column's readable name. */
export function colorChannel(column: ColumnInfo, extra: Channel = {}): Channel {
  const channel = discreteChannel(column, extra);
  const { axis: _axis, ...rest } = channel;
  return { ...rest, legend: { title: column.title } };
}

/** Longest label a discrete column shows, in characters. */
export function longestLabel(records: ChartRecord[], field: string): number {
  let longest = 0;
  for (const record of records) longest = Math.max(longest, String(record[field] ?? "").length);
  return longest;
}
