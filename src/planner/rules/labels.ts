// The columns that name a row in row-level answers (top cars, anomalous days): names first, then the time.
import type { DataDna } from "../../data/index.js";

const TEXTUAL = /^(VARCHAR|JSON)/;

/**
 * Up to two text columns with the most distinct values and the main time column. A text column that
 * names most rows (a car's name, a film's title) comes first; otherwise the time names the row (a day).
 * Long free-text columns are left out.
 */
export function labelColumns(dna: DataDna, measure: string | null): string[] {
  const text = dna.columns
    .filter((c) => c.name !== measure && TEXTUAL.test(c.type) && c.role !== "text")
    .sort((a, b) => b.distinct - a.distinct)
    .slice(0, 2);
  const naming = text.filter((c) => c.distinct >= 0.5 * dna.rowCount).map((c) => c.name);
  const others = text.filter((c) => c.distinct < 0.5 * dna.rowCount).map((c) => c.name);
  const time = dna.timeColumn && dna.timeColumn !== measure ? [dna.timeColumn] : [];
  const labels = [...naming, ...time, ...others];
  if (labels.length > 0) return labels;
  const other = dna.columns.find((c) => c.name !== measure && c.role !== "measure");
  return other ? [other.name] : [];
}
