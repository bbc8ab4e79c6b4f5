// Sentences for the statistics tables from Python: summary statistics and group comparisons, every figure a cell.
import type { ResultTable } from "../../../charts/index.js";
import type { Filter } from "../intent.js";
import { aliasOf, humanize } from "../read/text.js";
import { formatCell, formatLabel, formatNumber, toNumber } from "./format.js";
import { whereWords } from "./phrases.js";

/** A p-value as written: three decimals, or in words when it rounds to zero (no invented cutoff). */
const pText = (p: number) => (p >= 0.001 ? `p = ${p.toFixed(3)}` : "a p-value below one in a thousand");

const TEST_NAMES: Record<string, string> = { shapiro: "Shapiro-Wilk", dagostino: "D'Agostino-Pearson" };

const EFFECT_WORDS: Record<string, { name: string; steps: [number, number, number] }> = {
  cohens_d: { name: "Cohen's d", steps: [0.2, 0.5, 0.8] },
  eta_squared: { name: "eta squared", steps: [0.01, 0.06, 0.14] },
  cramers_v: { name: "Cramér's V", steps: [0.1, 0.3, 0.5] },
};

function effectSize(name: string, value: number): string {
  const known = EFFECT_WORDS[name];
  if (!known) return `${humanize(name)} ${formatNumber(value)}`;
  const size = Math.abs(value);
  const word =
    size < known.steps[0] ? "negligible" : size < known.steps[1] ? "small" : size < known.steps[2] ? "medium" : "large";
  return `${known.name} ${formatNumber(value)}, a ${word} effect`;
}

/** statistic/value tables: the centre and spread, then what the question dwelt on (outliers, normality, shape). */
export function describeSummary(
  intent: { measure: string | null; filters: Filter[]; focus: "outliers" | "normality" | "distribution" | null },
  table: ResultTable,
): string {
  const named = new Map(table.rows.map((row) => [String(row[0]), row.slice(1)] as const));
  const where = whereWords(intent.filters);
  if (table.columns.length > 2) {
    const parts = table.columns.slice(1).map((column, i) => {
      const at = (label: string) => formatCell(named.get(label)?.[i]);
      return `${humanize(column)} averages ${at("mean")} (median ${at("median")}, from ${at("minimum")} to ${at("maximum")})`;
    });
    return `Summary statistics${where}: ${parts.join("; ")}.`;
  }
  const get = (label: string) => named.get(label)?.[0];
  const num = (label: string) => toNumber(get(label));
  const column = humanize(intent.measure ?? "the values");
  if (named.has("distinct values")) {
    const common = table.rows
      .filter((row) => String(row[0]).startsWith("most common: "))
      .slice(0, 3)
      .map((row) => `${String(row[0]).slice("most common: ".length)} (${formatCell(row[1])})`);
    return `${capital(column)}${where} has ${formatCell(get("count"))} values (${formatCell(get("missing"))} missing) and ${formatCell(get("distinct values"))} distinct ones; the most common are ${common.join(", ")}.`;
  }
  const lead = `${capital(column)}${where} has ${formatCell(get("count"))} values (${formatCell(get("missing"))} missing): mean ${formatCell(get("mean"))}, median ${formatCell(get("median"))}, standard deviation ${formatCell(get("standard deviation"))}, from ${formatCell(get("minimum"))} to ${formatCell(get("maximum"))}.`;
  const outliers = num("outliers");
  const fences = `below ${formatCell(get("lower outlier fence"))} or above ${formatCell(get("upper outlier fence"))}`;
  const outlierText =
    outliers === null
      ? ""
      : outliers === 0
        ? `No value is an outlier (none lies ${fences}).`
        : `${formatNumber(outliers)} value${outliers === 1 ? " is an outlier" : "s are outliers"}, lying ${fences}.`;
  const skew = num("skewness");
  const shapeText =
    skew === null
      ? ""
      : Math.abs(skew) < 0.5
        ? `The distribution is roughly symmetric (skewness ${formatNumber(skew)}).`
        : `The distribution is ${skew > 0 ? "right" : "left"}-skewed (skewness ${formatNumber(skew)}), with a longer tail of ${skew > 0 ? "high" : "low"} values.`;
  const normalityRow = table.rows.find((row) => String(row[0]).startsWith("normality p-value"));
  const p = normalityRow ? toNumber(normalityRow[1]) : null;
  const said = /\(([^)]*)\)/.exec(String(normalityRow?.[0] ?? ""))?.[1] ?? "";
  const test = TEST_NAMES[said] ?? said;
  const normalText =
    p === null
      ? ""
      : p >= 0.05
        ? `A ${test} normality test does not reject a normal distribution (${pText(p)}).`
        : `The values are not normally distributed: a ${test} normality test gives ${pText(p)}.`;
  const order =
    intent.focus === "outliers"
      ? [outlierText, shapeText, normalText]
      : intent.focus === "normality"
        ? [normalText, shapeText, outlierText]
        : [shapeText, outlierText, normalText];
  return [lead, ...order].filter((s) => s !== "").join(" ");
}

/** Group comparisons: each group's size and mean (or most common value), then the test and its effect size. */
export function describeComparison(
  intent: { measure: string; entity: string; filters: Filter[] },
  table: ResultTable,
): string {
  const measure = intent.measure;
  const col = (name: string) => table.columns.indexOf(name);
  const pIndex = col("p_value");
  const effectName = table.columns[pIndex + 1] ?? "";
  const p = toNumber(table.rows[0]?.[pIndex]);
  const effect = toNumber(table.rows[0]?.[pIndex + 1]);
  const avg = col(aliasOf("avg", measure));
  const shown = table.rows.slice(0, 4);
  const groupsText =
    avg >= 0
      ? shown
          .map(
            (row) =>
              `${formatNumber(toNumber(row[avg]) ?? 0)} for ${formatLabel(row[0])} (${formatCell(row[1])} ${intent.entity})`,
          )
          .join(", ")
      : shown
          .map((row) => {
            const shares = table.columns
              .map((c, i) => [c, toNumber(row[i])] as const)
              .filter(([c]) => c.startsWith("pct_"));
            const [top, share] = shares.reduce((best, s) => ((s[1] ?? -1) > (best[1] ?? -1) ? s : best));
            return `${formatLabel(row[0])} mostly ${top.slice(4)} (${formatNumber(share ?? 0)}% of ${formatCell(row[1])})`;
          })
          .join(", ");
  const lead =
    avg >= 0
      ? `Average ${humanize(measure)}${whereWords(intent.filters)}: ${groupsText}${table.rows.length > shown.length ? ", among others" : ""}.`
      : `${capital(humanize(measure))}${whereWords(intent.filters)} by ${humanize(table.columns[0]!)}: ${groupsText}.`;
  if (p === null) return `${lead} There are too few values to test the difference.`;
  const testName = avg < 0 ? "a chi-square test" : table.rows.length === 2 ? "Welch's t-test" : "a one-way ANOVA";
  const verdict = p < 0.05 ? "is statistically significant" : "is not statistically significant";
  const size = effect === null ? "" : `; ${effectSize(effectName, effect)}`;
  return `${lead} The difference ${verdict} (${testName}, ${pText(p)}${size}).`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
