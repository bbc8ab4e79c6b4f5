// What anomalies and forecasts share: the series a question is about, per period of the table's time column.
import type { DataDna } from "../../../data/index.js";
import type { Grain, GroupKey } from "../intent.js";
import { autoTimeKey } from "../read/groups.js";
import type { Reading } from "../read/reading.js";
import { isTimeKey } from "./common.js";

function nativeSeriesGrain(dna: DataDna): Grain | null {
  const column = dna.columns.find((c) => c.name === dna.timeColumn);
  const grain = column?.time?.grain;
  if (!grain) return null;
  return grain === "minute" || grain === "second" ? "day" : grain;
}

/** Whether the table holds one row per day, month… (a series: daily weather, monthly prices). */
export function isDenseSeries(dna: DataDna): boolean {
  const time = dna.columns.find((c) => c.name === dna.timeColumn);
  const periodic = time?.time !== undefined && !["minute", "second"].includes(time.time.grain);
  return periodic && (time?.distinct ?? 0) >= 0.8 * dna.rowCount;
}

/** The period key of the series: the time grouping said, else the grain said, else the table's own spacing. */
export function seriesKey(s: Reading): { key: GroupKey; grain: Grain } | null {
  const said = isTimeKey(s.dna, s.group) ? s.group : autoTimeKey(s.dna, s.grain ?? nativeSeriesGrain(s.dna));
  if (!said) return null;
  // Cyclic parts are not a series: weekdays become days, months of the year months.
  const cyclic = { weekday: "day", month_of_year: "month" } as const;
  const key: GroupKey =
    said.grain === "weekday" || said.grain === "month_of_year" ? { ...said, grain: cyclic[said.grain] } : said;
  return { key, grain: key.grain ?? "year" };
}
