// Summary numbers of a set of values: mean, median, quartiles and Tukey's whiskers, for box plots and rules.

export interface Spread {
  n: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
  /** Smallest and largest values within 1.5 IQR of the box. */
  low: number;
  high: number;
  /** Values beyond the whiskers. */
  outliers: number[];
}

/** Quantile by linear interpolation between order statistics (pandas' and DuckDB's quantile_cont default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const fence = 1.5 * (q3 - q1);
  const inside = sorted.filter((value) => value >= q1 - fence && value <= q3 + fence);
  return {
    n: sorted.length,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    median: quantile(sorted, 0.5),
    q1,
    q3,
    low: inside[0] ?? q1,
    high: inside.at(-1) ?? q3,
    outliers: sorted.filter((value) => value < q1 - fence || value > q3 + fence),
  };
}
