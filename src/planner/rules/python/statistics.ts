// Python for statistics questions: summary statistics of columns and tests comparing groups, each ending in a table.
import type { DataDna } from "../../../data/index.js";
import type { Agg, Filter, GroupKey } from "../intent.js";
import { aliasOf } from "../read/text.js";
import { filterLines, groupColumn, pyLiteral } from "./pandas.js";

const isNumeric = (dna: DataDna, name: string) => dna.columns.find((c) => c.name === name)?.numeric !== undefined;

const program = (imports: string[], ...blocks: string[][]) =>
  `${[imports, ...blocks.filter((b) => b.length > 0)].map((b) => b.join("\n")).join("\n\n")}\n`;

const NUMERIC_ROWS = `def statistics_of(column):
    s = stats[column]
    values = pd.to_numeric(df[column], errors="coerce")
    iqr = None if s["q1"] is None else s["q3"] - s["q1"]
    normality = s["normality"] or {}
    return {
        "count": s["count"],
        "missing": s["missing"],
        "missing share (%)": round(100 * s["missing_share"], 2),
        "mean": s["mean"],
        "standard deviation": s["std"],
        "minimum": s["min"],
        "25th percentile": s["q1"],
        "median": s["median"],
        "75th percentile": s["q3"],
        "maximum": s["max"],
        "skewness": round(float(values.skew()), 4),
        # Outliers lie beyond 1.5 interquartile ranges from the quartiles.
        "outliers": s["outliers"],
        "lower outlier fence": None if iqr is None else round(s["q1"] - 1.5 * iqr, 4),
        "upper outlier fence": None if iqr is None else round(s["q3"] + 1.5 * iqr, 4),
        f"normality p-value ({normality.get('test', 'too few values')})": normality.get("p_value"),
    }`;

/**
 * Summary statistics with the analytics helper: one numeric column gives statistic/value rows (count, missing,
 * mean, spread, quartiles, skewness, IQR outliers, a normality test); several give one column each; a text
 * column gives its count, distinct values and most common values.
 */
export function summaryPython(dna: DataDna, filters_: Filter[], columns: string[]): string {
  const imports = ["import pandas as pd", "from insightx_analytics import summary_statistics"];
  const filters = filterLines(dna, filters_);
  if (columns.length === 1 && !isNumeric(dna, columns[0]!)) {
    return program(imports, filters, [
      `column = ${pyLiteral(columns[0])}`,
      's = summary_statistics(df, columns=[column])["columns"][column]',
      'rows = [("count", s["count"]), ("missing", s["missing"]), ("distinct values", s["unique"])]',
      "# The most frequent values, with how many rows hold each.",
      'rows += [(f"most common: {value}", n) for value, n in s["top"].items()]',
      'result = pd.DataFrame(rows, columns=["statistic", "value"])',
    ]);
  }
  const finish =
    columns.length === 1
      ? [
          `row = statistics_of(${pyLiteral(columns[0])})`,
          'result = pd.DataFrame(list(row.items()), columns=["statistic", "value"])',
        ]
      : [
          "table = {column: statistics_of(column) for column in columns}",
          'result = pd.DataFrame(table).rename_axis("statistic").reset_index()',
        ];
  return program(
    imports,
    filters,
    [`columns = ${pyLiteral(columns)}`, 'stats = summary_statistics(df, columns=columns)["columns"]'],
    [NUMERIC_ROWS],
    finish,
  );
}

/**
 * Compares a measure between groups with the analytics helper (Welch's t-test for two groups, ANOVA for more,
 * chi-square for a text column). The table has one row per group (size, mean and median, or the share of each
 * value) with the test's p-value and effect size.
 */
export function compareGroupsPython(
  dna: DataDna,
  intent: { groupBy: GroupKey; measure: string; groups: Array<string | number> | null; agg: Agg; filters: Filter[] },
): string {
  const key = groupColumn(dna, intent.groupBy);
  const value = intent.measure;
  const groups = intent.groups;
  const imports = ["import pandas as pd", "from insightx_analytics import compare_groups"];
  const setup = [
    ...filterLines(dna, intent.filters),
    ...key.lines,
    `group_col, value_col = ${pyLiteral(key.name)}, ${pyLiteral(value)}`,
    ...(groups
      ? [`groups = ${pyLiteral(groups)}`, "df = df[df[group_col].isin(groups)]"]
      : ["df = df[df[group_col].notna()]"]),
    `test = compare_groups(df, group_col, value_col${groups ? ", groups=groups" : ""})`,
  ];
  const order = groups ? ".reindex(groups)" : "";
  const table = isNumeric(dna, value)
    ? [
        "# One row per group: its size, mean and median, then the test's p-value and effect size.",
        'values = pd.to_numeric(df[value_col], errors="coerce")',
        `per_group = values.groupby(df[group_col]).agg(["count", "mean", "median"])${order}`,
        ...(groups ? [] : ['per_group = per_group.sort_values("mean", ascending=False)']),
        `per_group.columns = ["n", ${pyLiteral(aliasOf("avg", value))}, ${pyLiteral(aliasOf("median", value))}]`,
        ...(intent.agg === "sum"
          ? [`per_group[${pyLiteral(aliasOf("total", value))}] = values.groupby(df[group_col]).sum()`]
          : []),
        "result = per_group.round(4).reset_index()",
      ]
    : [
        "# One row per group: its size and the share (%) of each value, then the test's p-value and effect size.",
        'shares = pd.crosstab(df[group_col], df[value_col], normalize="index").mul(100).round(2)',
        'shares.columns = [f"pct_{c}" for c in shares.columns]',
        `shares.insert(0, "n", df.groupby(group_col)[value_col].count())`,
        `result = shares${order}.reset_index()`,
      ];
  return program(imports, setup, [
    ...table,
    'result["p_value"] = test["p_value"]',
    'result[test["effect_size"]["name"]] = test["effect_size"]["value"]',
  ]);
}
