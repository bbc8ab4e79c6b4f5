// Numbers as people read them in answers, metrics and summaries: thousands separated, never more digits than useful.

export interface FormatNumberOptions {
  /**
   * Millions and above as 1.23M, 4.5B, 2T (labels, metric tiles, data summaries).
   * @defaultValue false: every digit of the integer part
   */
  compact?: boolean;
}

const trim = (text: string) => (text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text);

const SCALES: Array<[number, string]> = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
];

/** 281420717 → "281,420,717" (compact "281.42M"); 105.0825 → "105.08"; -0.831741 → "-0.832"; 0.000123 → "0.000123". */
export function formatNumber(value: number, options: FormatNumberOptions = {}): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (options.compact) {
    const scale = SCALES.find(([size]) => abs >= size);
    if (scale) return `${trim((value / scale[0]).toFixed(2))}${scale[1]}`;
  }
  if (Number.isInteger(value) || abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 1) return trim(value.toFixed(2));
  if (abs === 0) return "0";
  return trim(value.toPrecision(3));
}
