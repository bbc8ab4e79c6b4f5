// "Is body mass different for Adelie and Gentoo?", "Compare yield between 1931 and 1932": a measure (or a category)
// between groups, tested in Python over every row; or two measures side by side.
import type { ResultTable } from "../../../charts/index.js";
import type { DataDna } from "../../../data/index.js";
import { formatCell } from "../compose/format.js";
import { countsView, describeGroups } from "../compose/groups.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, groupWords, measureWords, whereWords } from "../compose/phrases.js";
import { describeComparison } from "../compose/statistics.js";
import type { Agg, BaseIntent, Filter, GroupKey } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { groupColumn } from "../python/pandas.js";
import { compareGroupsPython } from "../python/statistics.js";
import { cueIndexes } from "../read/cues.js";
import { timeKey } from "../read/groups.js";
import type { Reading } from "../read/reading.js";
import { aliasOf, humanize } from "../read/text.js";
import { measurePairSql, measureSql } from "../sql/shapes.js";
import { followUpCandidates } from "../suggestions.js";
import { chooseAgg, facts, reasoningOf, scope, withFilter } from "./common.js";

export type ComparisonIntent = BaseIntent & { kind: "comparison" } & (
    | {
        /** What differs between the groups: a measure (t-test, ANOVA) or a category (chi-square). */
        mode: "groups";
        groupBy: GroupKey;
        subject: string;
        groups: Array<string | number> | null;
        agg: Agg;
      }
    /** Groups named with nothing to compare: their sizes. */
    | { mode: "counts"; groupBy: GroupKey; groups: Array<string | number> | null }
    | { mode: "measures"; pair: [string, string]; agg: Agg }
  );

const CUE = {
  words: /^(compare|compared|comparison|versus|vs|vs\.|differ|differs|different|difference|significantly)$/,
  phrases: [["difference", "between"]],
};

/**
 * The groups a comparison is between: two or more years ("between 1931 and 1932"), known values of one column
 * ("Europe and Japan"), or every group of a column said with "by"/"across". The filters naming them are dropped.
 */
function comparedGroups(s: Reading): { key: GroupKey; values: Array<string | number> | null; rest: Filter[] } | null {
  const years = s.filters.filter((f): f is Extract<Filter, { kind: "year" }> => f.kind === "year");
  const yearColumn = s.dna.columns.find((c) => c.name === years[0]?.column);
  if (years.length >= 2 && yearColumn) {
    const named = new Set<Filter>(years);
    const values = [...new Set(years.map((y) => y.year))];
    return { key: timeKey(yearColumn, "year"), values, rest: s.filters.filter((f) => !named.has(f)) };
  }
  const list = s.filters.find((f): f is Extract<Filter, { kind: "in" }> => f.kind === "in");
  if (list) return { key: { column: list.column }, values: list.values, rest: s.filters.filter((f) => f !== list) };
  return s.group ? { key: s.group, values: null, rest: s.filters } : null;
}

const isNumeric = (dna: DataDna, name: string) => dna.columns.find((c) => c.name === name)?.numeric !== undefined;

export const comparison: QuestionKind<ComparisonIntent> = {
  name: "comparison",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    if (cueIndexes(s.free, CUE).length === 0) return null;
    const groups = comparedGroups(s);
    const measure = s.measures[0] ?? null;
    const base = { kind: "comparison" as const, ...scope(s) };
    if (groups) {
      const subject = measure ?? s.dims.find((d) => d !== groups.key.column) ?? null;
      if (subject) {
        const agg = measure ? chooseAgg(s, measure, true) : "count";
        return {
          ...base,
          mode: "groups",
          filters: groups.rest,
          groupBy: groups.key,
          subject,
          groups: groups.values,
          agg,
        };
      }
      return { ...base, mode: "counts", filters: groups.rest, groupBy: groups.key, groups: groups.values };
    }
    if (s.measures.length >= 2)
      return { ...base, mode: "measures", pair: [s.measures[0]!, s.measures[1]!], agg: chooseAgg(s, measure, false) };
    return null;
  },
  facts(i, dna) {
    if (i.mode === "measures") return facts(i, dna, { columns: i.pair, agg: i.agg });
    const columns = i.mode === "groups" ? [i.subject] : [];
    return facts(i, dna, {
      columns,
      keys: [i.groupBy],
      agg: i.mode === "groups" && isNumeric(dna, i.subject) ? i.agg : "count",
      counts: i.mode === "counts",
    });
  },
  build(i, dna) {
    if (i.mode === "measures") {
      const built = measurePairSql(dna, i.pair, i.agg, i.filters, i.entity);
      return { query: built.query, python: null, axes: built.axes, chart: {} };
    }
    if (i.mode === "counts") {
      const filters = i.groups
        ? [...i.filters, { kind: "in" as const, column: i.groupBy.column, values: i.groups }]
        : i.filters;
      const spec = { measure: null, agg: "count" as const, groupBy: i.groupBy, splitBy: null, filters, limit: null };
      const built = measureSql(dna, { ...spec, direction: "desc", entity: i.entity, ranked: false, series: false });
      const { x, y } = built.axes;
      return { query: built.query, python: null, axes: built.axes, chart: x && y ? { type: "bar", x, y } : {} };
    }
    // Tests see every row, so Python reads the whole table (filters applied in pandas).
    const python = compareGroupsPython(dna, { ...i, measure: i.subject });
    const numeric = isNumeric(dna, i.subject);
    const x = groupColumn(dna, i.groupBy).name;
    const y = aliasOf("avg", i.subject);
    return { query: null, python, axes: { x, y }, chart: numeric ? { type: "bar", x, y } : null };
  },
  title(i) {
    const where = whereWords(i.filters);
    if (i.mode === "groups") return capitalise(`${humanize(i.subject)} compared by ${groupWords(i.groupBy)}${where}`);
    if (i.mode === "counts") return capitalise(`number of ${i.entity} by ${groupWords(i.groupBy)}${where}`);
    return capitalise(`${i.pair.map(humanize).join(" and ")} compared${where}`);
  },
  reasoning: (i) =>
    reasoningOf("comparison", {
      filters: i.filters,
      ...(i.mode === "measures" ? {} : { groupBy: i.groupBy }),
      ...(i.mode === "groups" ? { measure: i.subject, extra: "tested in Python over every row" } : {}),
    }),
  describe(i, table: ResultTable, input) {
    const metrics = firstRowMetrics(table);
    if (i.mode === "groups") return { text: describeComparison({ ...i, measure: i.subject }, table), metrics };
    if (i.mode === "counts") {
      return { text: describeGroups(countsView(i.entity, i.filters, i.groupBy), table, input), metrics };
    }
    const row = table.rows[0]!;
    const parts = i.pair.map(
      (m, k) => `the ${measureWords({ measure: m, agg: i.agg, entity: i.entity })} is ${formatCell(row[k])}`,
    );
    return { text: capitalise(`${parts.join(" and ")}${whereWords(i.filters)}.`), metrics };
  },
  followUps: (i, dna: DataDna) =>
    followUpCandidates(dna, {
      measure: i.mode === "groups" ? i.subject : null,
      ...(i.mode === "measures" ? { pair: i.pair } : { groupColumn: i.groupBy.column }),
      kind: i.kind,
    }),
  applyFollowUp(i, change) {
    if (change.change === "filter") return { ...i, filters: withFilter(i.filters, change.filter) };
    if (change.change === "measure" && i.mode === "groups") return { ...i, subject: change.column };
    if (change.change === "group" && i.mode !== "measures") return { ...i, groupBy: change.key, groups: null };
    return null;
  },
};
