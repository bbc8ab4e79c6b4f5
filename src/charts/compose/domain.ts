// The value axis's range: zero when it is near or the marks are lengths, otherwise hugging the data, and never
// below zero for values that cannot be negative (a line of daily values must not dip under its zero line).

export interface DomainOptions {
  /** Bars and areas are lengths from zero: zero is always in the domain. @defaultValue false */
  zero?: boolean;
  /** Share of the span added above the largest value (room for labels). @defaultValue 0.05 */
  headroom?: number;
  /** Share of the span added below the smallest value. @defaultValue 0.05 */
  footroom?: number;
  /** Never stretch to zero (scatter axes: positions, not lengths). @defaultValue false */
  hug?: boolean;
}

/** [low, high] for these values; starts at zero when the smallest is within a quarter of the largest's size. */
export function valueDomain(values: readonly number[], options: DomainOptions = {}): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (!Number.isFinite(min)) return [0, 1];
  const nonNegative = min >= 0;
  const nonPositive = max <= 0;
  const nearZero = nonNegative ? min <= max * 0.25 : nonPositive ? max >= min * 0.25 : true;
  if (options.zero || (nearZero && !options.hug)) {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  const span = max - min || Math.abs(max) || 1;
  let low = min === 0 ? 0 : min - span * (options.footroom ?? 0.05);
  let high = max === 0 ? 0 : max + span * (options.headroom ?? 0.05);
  if (nonNegative) low = Math.max(0, low);
  if (nonPositive) high = Math.min(0, high);
  if (low === high) high = low + 1;
  return [low, high];
}
