// Three starter questions built from a table's real columns, phrased the way the planner understands.
import type { ColumnProfile, DataDna } from "../../data/index.js";

/** Up to `count` questions about `dna`, most useful first. */
export function suggestQuestions(dna: DataDna, count = 3): string[] {
  const measures = dna.columns.filter((c) => c.role === "measure" && c.numeric);
  const groups = dna.columns.filter(
    (c) => (c.role === "dimension" || c.role === "status") && c.distinct >= 2 && c.distinct <= 50,
  );
  const time = dna.columns.find((c) => c.name === dna.timeColumn && c.time);
  const [m1, m2] = measures;
  const [g1, g2] = groups;
  const label = humanTable(dna.table);
  const candidates: Array<string | null> = [
    m1 && g1 ? `Average ${m1.name} by ${g1.name}` : null,
    m1 && time ? `Average ${m1.name} by ${timeGrain(time)}` : null,
    m1 ? `Top 5 ${label} by ${m1.name}` : null,
    m1 && m2 ? `What is the correlation between ${m1.name} and ${m2.name}?` : null,
    g1 ? `How many ${label} are there by ${g1.name}?` : null,
    m1 ? `Summary statistics of ${m1.name}` : null,
    m2 && g2 ? `Average ${m2.name} by ${g2.name}` : null,
    time ? `How many ${label} per ${timeGrain(time)}?` : null,
    `How many rows are in ${dna.table}?`,
  ];
  const unique = [...new Set(candidates.filter((q): q is string => q !== null))];
  return unique.slice(0, count);
}

/** Years for data spanning years, else months, else days. */
function timeGrain(column: ColumnProfile): string {
  const span = column.time ? Date.parse(column.time.max) - Date.parse(column.time.min) : 0;
  const day = 86_400_000;
  if (span > 2 * 365 * day) return "year";
  if (span > 60 * day) return "month";
  return "day";
}

function humanTable(table: string): string {
  return table.replace(/_v\d+$/, "").replaceAll("_", " ");
}
