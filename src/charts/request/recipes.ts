// How a planner fetches each evidence table: the SQL shape, as a template, and its bounds.
// Placeholders in braces: fragments ({source}: the table or the plan's filtered subquery; {period}, {value}:
// expressions the planner writes), identifiers ({x}, {time}: quoted column names) and integers ({limit}, from
// EVIDENCE_LIMITS). A segment [[name|…]] is kept only when `name` is given (an optional group).
// `fillRecipe` fills them; the wiring phase builds the same shapes with the data/sql builder.
import { EVIDENCE_LIMITS } from "./evidence.js";

export interface EvidenceRecipe {
  /** Which evidence table it fetches and what it keeps. */
  purpose: string;
  /** Placeholders filled with SQL fragments the caller built (a FROM source, an expression). */
  fragments: readonly string[];
  /** Placeholders filled with quoted identifiers. */
  identifiers: readonly string[];
  /** Placeholders filled with integers, with their default values. */
  integers: Readonly<Record<string, number>>;
  template: string;
}

/**
 * The pairs behind a correlation, at most `limit` (2,000) rows, deterministic. Every row when there are no more
 * than `limit`; otherwise the rows holding either axis's minimum or maximum and the `outliers` (200) most extreme
 * points by z-score on either axis, then a sample of
 * each cell of a 10 × 10 grid of x-deciles and y-deciles in proportion to its size, so the cloud keeps its shape
 * and its outliers. Every ORDER BY ends in the values themselves, so the same data always gives the same sample.
 * `{group}` is optional: the category a grouping asked for.
 */
export const correlationPairsRecipe: EvidenceRecipe = {
  purpose: "the pairs behind a correlation, stratified sample, outliers kept",
  fragments: ["source"],
  identifiers: ["x", "y", "group"],
  integers: { limit: EVIDENCE_LIMITS.pairs, outliers: EVIDENCE_LIMITS.pairOutliers },
  template: `WITH base AS (
  SELECT {x} AS x, {y} AS y[[group|, {group} AS g]] FROM {source} WHERE {x} IS NOT NULL AND {y} IS NOT NULL
), scored AS (
  SELECT x, y[[group|, g]], count(*) OVER () AS n,
    CASE WHEN x = min(x) OVER () OR x = max(x) OVER () OR y = min(y) OVER () OR y = max(y) OVER () THEN 1e300
      ELSE greatest(coalesce(abs(x - avg(x) OVER ()) / nullif(stddev_pop(x) OVER (), 0), 0),
                    coalesce(abs(y - avg(y) OVER ()) / nullif(stddev_pop(y) OVER (), 0), 0)) END AS z,
    ntile(10) OVER (ORDER BY x, y[[group|, g]]) AS sx, ntile(10) OVER (ORDER BY y, x[[group|, g]]) AS sy
  FROM base
), ranked AS (
  SELECT x, y[[group|, g]], n,
    row_number() OVER (ORDER BY z DESC, hash(x, y), x, y[[group|, g]]) AS extreme_rank,
    row_number() OVER (PARTITION BY sx, sy ORDER BY hash(x, y), x, y[[group|, g]]) AS cell_rank,
    count(*) OVER (PARTITION BY sx, sy) AS cell_n
  FROM scored
)
SELECT x AS {x}, y AS {y}[[group|, g AS {group}]] FROM ranked
WHERE n <= {limit} OR extreme_rank <= {outliers} OR cell_rank <= ceil(cell_n * ({limit} - {outliers}) / n)
ORDER BY extreme_rank <= {outliers} DESC, cell_rank / cell_n, extreme_rank
LIMIT {limit}`,
};

/** The correlation's own numbers over every pair: r, n and the least-squares line the chart draws. */
export const correlationStatsRecipe: EvidenceRecipe = {
  purpose: "r, n, slope and intercept over every pair",
  fragments: ["source"],
  identifiers: ["x", "y"],
  integers: {},
  template: `SELECT corr({y}, {x}) AS r, regr_count({y}, {x}) AS n, regr_slope({y}, {x}) AS slope,
  regr_intercept({y}, {x}) AS intercept
FROM {source}`,
};

/**
 * A series at its grain, one row per period, oldest first, at most `limit` (2,000) rows. `{period}` is the time
 * expression at the grain (e.g. date_trunc('day', col), or the column itself), `{value}` the aggregate expression
 * (e.g. count(*), avg(col)). Longer series keep the minimum and maximum period of each of `limit / 2` equal
 * buckets, so spikes and dips survive (the anomalies chart needs them); a forecast's history instead takes the
 * latest `limit` periods (`latestSeriesRecipe`).
 */
export const seriesRecipe: EvidenceRecipe = {
  purpose: "a series, extremes kept when it is longer than the bound",
  fragments: ["source", "period", "value"],
  identifiers: ["time", "measure"],
  integers: { limit: EVIDENCE_LIMITS.series, buckets: EVIDENCE_LIMITS.series / 2 },
  template: `WITH series AS (
  SELECT {period} AS t, {value} AS v FROM {source} WHERE {period} IS NOT NULL GROUP BY 1
), bucketed AS (
  SELECT t, v, count(*) OVER () AS n, ntile({buckets}) OVER (ORDER BY t) AS b FROM series
), ranked AS (
  SELECT t, v, n, row_number() OVER (PARTITION BY b ORDER BY v ASC NULLS LAST, t) AS low,
    row_number() OVER (PARTITION BY b ORDER BY v DESC NULLS LAST, t) AS high
  FROM bucketed
)
SELECT t AS {time}, v AS {measure} FROM ranked WHERE n <= {limit} OR low = 1 OR high = 1 ORDER BY t`,
};

/** The latest `limit` periods of a series, oldest first: the history a forecast continues. */
export const latestSeriesRecipe: EvidenceRecipe = {
  purpose: "the latest periods of a series (a forecast's history)",
  fragments: ["source", "period", "value"],
  identifiers: ["time", "measure"],
  integers: { limit: EVIDENCE_LIMITS.series },
  template: `SELECT * FROM (
  SELECT {period} AS {time}, {value} AS {measure} FROM {source} WHERE {period} IS NOT NULL
  GROUP BY 1 ORDER BY 1 DESC LIMIT {limit}
) ORDER BY 1`,
};

/**
 * The parts of a whole: one row per value of `{label}` with its count (or `{value}` = sum(col) for a share of a
 * total), largest first, at most `limit` (50) rows. For a part defined by a condition the label is a CASE
 * expression naming the part and "other".
 */
export const componentsRecipe: EvidenceRecipe = {
  purpose: "the parts of a whole",
  fragments: ["source", "label", "value"],
  identifiers: ["label_name", "value_name"],
  integers: { limit: EVIDENCE_LIMITS.components },
  template: `SELECT {label} AS {label_name}, {value} AS {value_name} FROM {source}
GROUP BY 1 ORDER BY 2 DESC LIMIT {limit}`,
};

/**
 * The values a distribution summarises, nulls dropped: every value when there are at most `limit` (10,000),
 * otherwise a repeatable reservoir sample of `limit`. Mean and median come from the answer, over every value.
 */
export const distributionValuesRecipe: EvidenceRecipe = {
  purpose: "the values behind a distribution, sampled beyond the bound",
  fragments: ["source"],
  identifiers: ["value", "group"],
  integers: { limit: EVIDENCE_LIMITS.values, seed: 7 },
  template: `SELECT * FROM (SELECT {value}[[group|, {group}]] FROM {source} WHERE {value} IS NOT NULL)
USING SAMPLE reservoir({limit} ROWS) REPEATABLE ({seed})`,
};

export interface RecipeInputs {
  fragments: Record<string, string>;
  identifiers?: Record<string, string>;
  integers?: Record<string, number>;
}

/**
 * The recipe's SQL with every placeholder filled: identifiers through `quote`, fragments as given, integers
 * checked; an optional segment whose name is not given is dropped. Throws on a missing placeholder or a bad
 * integer: a caller's bug, not bad input.
 */
export function fillRecipe(recipe: EvidenceRecipe, inputs: RecipeInputs, quote: (name: string) => string): string {
  const lookup = (name: string): string | undefined => {
    if (recipe.fragments.includes(name)) return inputs.fragments[name];
    if (recipe.identifiers.includes(name)) {
      const identifier = inputs.identifiers?.[name];
      return identifier === undefined ? undefined : quote(identifier);
    }
    const value = inputs.integers?.[name] ?? recipe.integers[name];
    if (value === undefined) return undefined;
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`recipe integer ${name} must be >= 0`);
    return String(value);
  };
  const kept = recipe.template.replace(/\[\[([a-z_]+)\|([^\]]*)\]\]/g, (_, name: string, segment: string) =>
    lookup(name) === undefined ? "" : segment,
  );
  return kept.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = lookup(name);
    if (value === undefined) throw new RangeError(`recipe "${recipe.purpose}" needs {${name}}`);
    return value;
  });
}
