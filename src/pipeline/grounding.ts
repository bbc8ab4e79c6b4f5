// Number grounding: every number an answer shows must come from the computed results (rounding allowed).

export interface NumberMention {
  text: string;
  value: number;
  /** Decimal places written. */
  decimals: number;
  /** Multiplier written as a suffix (K, M, B, million…), 1 when none. */
  scale: number;
  percent: boolean;
  index: number;
}

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  trillion: 1e12,
};

const NUMBER =
  /(^|[^\w.])([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(%|percent\b|k\b|m\b|mm\b|bn\b|b\b|thousand\b|million\b|billion\b|trillion\b|t\b)?/gi;

/** Numbers written in `text`, with how precisely they were written. */
export function findNumbers(text: string): NumberMention[] {
  const found: NumberMention[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const [, lead = "", sign = "", whole = "", fraction = "", suffixRaw = ""] = match;
    // A minus only counts after a space or bracket: "2001-01-01" is three numbers, not negatives.
    const negative = sign !== "" && (lead === "" || /[\s([:=]/.test(lead));
    const suffix = suffixRaw.trim().toLowerCase();
    const base = Number(`${whole.replaceAll(",", "")}${fraction}`);
    const percent = suffix === "%" || suffix === "percent";
    const scale = percent ? 1 : (SCALES[suffix] ?? 1);
    found.push({
      text: match[0].slice(lead.length),
      value: (negative ? -1 : 1) * base,
      decimals: fraction ? fraction.length - 1 : 0,
      scale,
      percent,
      index: (match.index ?? 0) + lead.length,
    });
  }
  return found;
}

/** Every number in a result: numeric cells, numbers inside text cells (dates, labels), nested values. */
export function collectNumbers(value: unknown, into: number[] = []): number[] {
  if (value === null || value === undefined) return into;
  if (typeof value === "number") {
    if (Number.isFinite(value)) into.push(value);
  } else if (typeof value === "bigint") {
    into.push(Number(value));
  } else if (typeof value === "string") {
    for (const mention of findNumbers(value)) into.push(mention.value * mention.scale, mention.value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectNumbers(item, into);
  } else if (typeof value === "object") {
    for (const item of Object.values(value as Record<string, unknown>)) collectNumbers(item, into);
  }
  return into;
}

/** True when `mention` is some known value as written (rounded, scaled, or as a percentage). */
export function isGrounded(mention: NumberMention, known: readonly number[]): boolean {
  const written = mention.value * mention.scale;
  const tolerance = 0.5 * 10 ** -mention.decimals * mention.scale * (1 + 1e-9);
  for (const value of known) {
    if (Math.abs(value - written) <= tolerance + Math.abs(value) * 1e-12) return true;
    if (mention.percent && Math.abs(value * 100 - mention.value) <= tolerance) return true;
  }
  return false;
}

export interface GroundingReport {
  grounded: boolean;
  ungrounded: NumberMention[];
}

/** Checks a text: list markers ("1." at a line start) are formatting, not figures. */
export function checkText(text: string, known: readonly number[]): GroundingReport {
  const ungrounded = findNumbers(text).filter((m) => !isListMarker(text, m) && !isGrounded(m, known));
  return { grounded: ungrounded.length === 0, ungrounded };
}

export function checkMetrics(metrics: Record<string, number | string>, known: readonly number[]): string[] {
  return Object.entries(metrics)
    .filter(([, value]) => {
      if (typeof value === "number")
        return !isGrounded(
          { text: String(value), value, decimals: decimalsOf(value), scale: 1, percent: false, index: 0 },
          known,
        );
      return findNumbers(value).some((m) => !isGrounded(m, known));
    })
    .map(([key]) => key);
}

/** Drops every sentence that holds an ungrounded number. */
export function removeUngrounded(text: string, known: readonly number[]): string {
  // Split after sentence punctuation followed by space, and at line breaks; keep the separators.
  const parts = text.split(/((?<=[.!?])[ \t]+|\n)/);
  let kept = "";
  for (let i = 0; i < parts.length; i += 2) {
    const sentence = parts[i] ?? "";
    const separator = parts[i + 1] ?? "";
    if (sentence.trim() === "" || checkText(sentence, known).grounded) kept += sentence + separator;
  }
  return kept.replace(/[ \t]+\n/g, "\n").trim();
}

function isListMarker(text: string, mention: NumberMention): boolean {
  const before = text.slice(Math.max(0, mention.index - 2), mention.index);
  const after = text[mention.index + mention.text.length];
  return (
    (mention.index === 0 ||
      before.endsWith("\n") ||
      /^\s*$/.test(text.slice(text.lastIndexOf("\n", mention.index) + 1, mention.index))) &&
    (after === "." || after === ")") &&
    mention.decimals === 0 &&
    mention.value <= 50
  );
}

function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf(".");
  return dot < 0 || text.includes("e") ? 0 : text.length - dot - 1;
}
