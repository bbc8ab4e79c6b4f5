// Picks d3 number formats for axes and legends: thousands separators, SI suffixes for big values, percentages.

const SHARE_NAME = /(pct|percent|share|rate|ratio|fraction)/i;

/** d3-format specifier for a measure, from its largest absolute value and its name. */
export function numberFormat(values: readonly (number | null)[], name = ""): string {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (present.length === 0) return ",.2~f";
  const maxAbs = Math.max(...present.map(Math.abs));
  if (SHARE_NAME.test(name) && present.every((value) => value >= 0 && value <= 1)) return ".1~%";
  if (maxAbs >= 1_000_000) return ".3~s";
  if (maxAbs >= 100) return ",.0f";
  if (maxAbs >= 1) return ",.2~f";
  return ".3~g";
}

/** Formats one number the way chart subtitles read: 12,345 or 1.2M. */
export function formatCount(value: number): string {
  if (Math.abs(value) >= 1_000_000) {
    const units: [number, string][] = [
      [1e12, "T"],
      [1e9, "B"],
      [1e6, "M"],
    ];
    const [size, suffix] = units.find(([size]) => Math.abs(value) >= size)!;
    return `${Number((value / size).toFixed(1))}${suffix}`;
  }
  return Math.round(value).toLocaleString("en-US");
}
