// CLARIFY: what the rule planner understood, the words it could not place, and two or three rephrasings built from
// the table's real columns (each one a question it answers in full).
import type { DataDna } from "../../data/index.js";
import type { ClarifyPlan, Provenance } from "../plan.js";
import { leftoverRuns } from "./read/accounting.js";
import { humanize } from "./read/text.js";
import { closeValues, unknownNames, valueColumns } from "./read/unknown-names.js";
import { rephrasingCandidates } from "./suggestions.js";
import { RULES } from "./turn-state.js";
import { type Understanding, understand, weightColumn } from "./understand.js";

const CAPABILITIES =
  "averages, totals, counts and shares, top or bottom N, trends by year/month/day/hour, correlations, anomalies and forecasts";

const PROVENANCE: Provenance = { planner: RULES, fallback: null };

/** Rephrasings the planner answers in full: at most three, and never fewer than two when the table has any. */
function rephrasings(dna: DataDna, columns: readonly string[], replace: Array<[string, string]>, question: string) {
  const substituted = replace.map(([from, to]) => question.replace(from, to));
  return [...new Set([...substituted, ...rephrasingCandidates(dna, columns)])]
    .filter((q) => understand(q, dna).complete)
    .slice(0, 3);
}

export function noDataPlan(question: string): ClarifyPlan {
  return {
    classification: "CLARIFY",
    question,
    reasoning: "There is no table to answer from.",
    provenance: PROVENANCE,
    tables: [],
    understood: [],
    missing: [],
    rephrasings: [],
    message: "There is no data in this channel yet. Upload a CSV, TSV, JSON, Parquet or Excel file and ask again.",
  };
}

/**
 * The question back for words the planner could not place. A name the question gives that no column holds
 * ("China" in a table without countries) is asked about by name, with the closest known values.
 */
export function clarifyPlan(question: string, found: Understanding, prefix = ""): ClarifyPlan {
  const { dna, reading } = found;
  const missing = leftoverRuns(reading.tokens, found.leftover);
  // Without an intent, whatever the words were read as is what was understood.
  const claimed = reading.tokens.flatMap((_, i) =>
    reading.ledger.isClaimed(i) && !found.leftover.includes(i) ? [i] : [],
  );
  const understood = found.best?.accounting.understood ?? leftoverRuns(reading.tokens, claimed);
  const columns = found.best
    ? found.best.kind.facts(found.best.intent, dna).columns
    : [
        ...new Set(
          reading.tokens.flatMap((_, i) =>
            reading.ledger.placements(i).flatMap((p) => ("column" in p ? [p.column] : [])),
          ),
        ),
      ];
  // A value several columns hold is named, but ambiguous: it is asked about as such, not as an unknown name.
  const shared = reading.ambiguous.filter((a) => missing.some((words) => words.includes(a.text)));
  const sharedText = new Set(shared.map((a) => a.text));
  const names = unknownNames(question, reading.tokens, reading.mentions, dna).filter(
    (name) =>
      !sharedText.has(name.toLowerCase()) &&
      missing.some((words) => words.includes(name.toLowerCase()) || name.toLowerCase().includes(words)),
  );
  const base = {
    classification: "CLARIFY" as const,
    question,
    provenance: PROVENANCE,
    tables: [dna.table],
    understood,
  };
  if (names.length > 0) {
    const name = names[0]!;
    const close = closeValues(name, dna);
    const textColumns = valueColumns(dna);
    const hint =
      close.length > 0
        ? `Did you mean ${close.map((c) => `"${c.value}" (${humanize(c.column)})`).join(", ")}?`
        : textColumns.length > 0
          ? `Its text columns are ${textColumns.slice(0, 5).join(", ")}.`
          : "It has no text column to look such a value up in.";
    return {
      ...base,
      reasoning: `Rule planner: "${name}" matches no column or known value of ${dna.table}, so a filter on it would be dropped.`,
      missing: names,
      rephrasings: rephrasings(
        dna,
        columns,
        close.slice(0, 2).map((c) => [name, c.value]),
        question,
      ),
      message: `${prefix}I couldn't find "${name}" in ${dna.table}. ${hint}`,
    };
  }
  const quote = (runs: string[]) => runs.map((words) => `"${words}"`).join(", ");
  if (found.concern) {
    return {
      ...base,
      reasoning: `Rule planner: ${found.concern}`,
      missing,
      rephrasings: rephrasings(dna, [...columns, weightColumn(dna) ?? ""], [], question),
      message: `${prefix}${found.concern} Try one of these:`,
    };
  }
  const unknown = leftoverRuns(
    reading.tokens,
    found.leftover.filter((i) => !reading.ledger.isClaimed(i)),
  );
  const unused = leftoverRuns(
    reading.tokens,
    found.leftover.filter((i) => reading.ledger.isClaimed(i)),
  );
  const unplaced = unknown.filter((words) => !sharedText.has(words));
  const problems = [
    ...shared.map((a) => `"${a.value}" is a value of ${a.columns.map(humanize).join(" and ")}: say which one you mean`),
    ...(unplaced.length > 0
      ? [
          `${quote(unplaced)} ${unplaced.length === 1 ? "matches" : "match"} no column, value or word I know in ${dna.table}`,
        ]
      : []),
    ...(unused.length > 0 ? [`I could not fit ${quote(unused)} into one answer with the rest of the question`] : []),
  ];
  const said = understood.length > 0 ? ` I understood ${quote(understood)}.` : "";
  const shown = dna.columns
    .slice(0, 8)
    .map((c) => humanize(c.name))
    .join(", ");
  return {
    ...base,
    reasoning: `Rule planner: ${missing.length > 0 ? `could not place ${quote(missing)}` : "no measure, group, value or count could be read"} in ${dna.table}.`,
    missing,
    rephrasings: rephrasings(dna, columns, [], question),
    message: `${prefix}I won't guess: ${problems.join("; and ") || "I could not read that question"}.${said} Offline I can answer ${CAPABILITIES} over its columns (${shown}). Try one of these:`,
  };
}
