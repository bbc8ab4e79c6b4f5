// Number grounding: every number an answer shows must come from the computed results: as written (rounded,
// scaled, as a percentage), as the magnitude of a negative result in words ("fell 45.1%"), as a bound ("p <
// 0.001"), in scientific notation, as the difference, ratio or multiple of two results, or as "1 in N".

export interface NumberMention {
  text: string;
  value: number;
  /** Decimal places written (of the mantissa, for scientific notation). */
  decimals: number;
  /** Multiplier written as a suffix (K, M, B, million…) or an exponent (e-08, × 10^-8); 1 when none. */
  scale: number;
  percent: boolean;
  /** Written as a multiple: "1.5x", "3×", "2 times". */
  multiple: boolean;
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

const SUPERSCRIPTS: Record<string, string> = {
  "⁰": "0",
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
  "⁻": "-",
  "−": "-",
};

// "mm" is read (so "55.9 mm" is not 55.9 million) but scales nothing: it is millimetres.
const NUMBER =
  /(^|[^\w.])([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:[eE]([-+−]?\d+)|\s?[x×·]\s?10\^?([-+−⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+))?(?:\s?(%|percent\b|x(?![\p{L}\d])|×|times\b|k\b|mm\b|m\b|bn\b|b\b|thousand\b|million\b|billion\b|trillion\b|t\b))?/giu;

/** Numbers written in `text`, with how precisely they were written. */
export function findNumbers(text: string): NumberMention[] {
  const found: NumberMention[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const [, lead = "", sign = "", whole = "", fraction = "", eExponent, tenExponent, suffixRaw = ""] = match;
    // A minus only counts after a space or bracket: "2001-01-01" is three numbers, not negatives.
    const negative = sign !== "" && (lead === "" || /[\s([:=]/.test(lead));
    const suffix = suffixRaw.trim().toLowerCase();
    const base = Number(`${whole.replaceAll(",", "")}${fraction}`);
    const exponentText = eExponent ?? tenExponent;
    const exponent =
      exponentText === undefined ? 0 : Number([...exponentText].map((ch) => SUPERSCRIPTS[ch] ?? ch).join(""));
    const percent = suffix === "%" || suffix === "percent";
    const multiple = suffix === "x" || suffix === "×" || suffix === "times";
    const scale = (percent || multiple ? 1 : (SCALES[suffix] ?? 1)) * 10 ** exponent;
    found.push({
      text: match[0].slice(lead.length),
      value: (negative ? -1 : 1) * base,
      decimals: fraction ? fraction.length - 1 : 0,
      scale,
      percent,
      multiple,
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

const toleranceOf = (mention: NumberMention) => 0.5 * 10 ** -mention.decimals * mention.scale * (1 + 1e-9);

function near(value: number, written: number, tolerance: number): boolean {
  return Math.abs(value - written) <= tolerance + Math.abs(value) * 1e-12;
}

/** True when `mention` is some known value as written (rounded, scaled, or as a percentage). */
export function isGrounded(mention: NumberMention, known: readonly number[]): boolean {
  return matchesKnown(mention.value * mention.scale, mention, known);
}

function matchesKnown(written: number, mention: NumberMention, known: readonly number[]): boolean {
  const tolerance = toleranceOf(mention);
  for (const value of known) {
    if (near(value, written, tolerance)) return true;
    if (mention.percent && near(value * 100, written, tolerance)) return true;
  }
  return false;
}

export interface GroundingReport {
  grounded: boolean;
  ungrounded: NumberMention[];
}

/** Words that say a number is the size of a fall, a loss or a negative value. */
const NEGATIVE_WORDS =
  /\b(fell|fall|falls|falling|drop|drops|dropped|decline[sd]?|declining|decrease[sd]?|decreasing|down|lower|less|fewer|loss|losses|lost|lose|negative|negatively|inverse|inversely|shrank|shrunk|shrinks?|below|under|minus|reduc(?:ed|tion|es)|cut|slump(?:ed)?|plunge[sd]?|behind|trails?|deficit|worse)\b/i;
/** Words that say a number compares two others. */
const COMPARING_WORDS =
  /\b(by|difference|differs?|gap|margin|more|less|fewer|higher|lower|greater|smaller|bigger|larger|ahead|behind|leads?|trails?|than|increase[sd]?|decrease[sd]?|rose|rise[sn]?|fell|grew|grow[sn]?|drop(?:ped|s)?|up|down|change[sd]?|gain(?:ed|s)?|los[st]|over|above|below|beyond|spread|outperform(?:s|ed)?|exceed(?:s|ed)?|times|as (?:many|much))\b/i;
const LESS_THAN = /(?:<|≤|<=|less than|lower than|below|under|fewer than|smaller than|at most|no more than)\s*$/i;
const MORE_THAN = /(?:>|≥|>=|more than|greater than|higher than|above|over|exceed(?:s|ing)?|at least)\s*$/i;
const P_VALUE = /\bp(?:[\s-]?values?)?\s*(?:[<≤=>]|of|is|was|below|under|less than)?\s*[<≤]?\s*$/i;

/** The clause around a mention: from the last sentence or clause break before it to the next one after it. */
function clauseAround(text: string, mention: NumberMention): { before: string; after: string; clause: string } {
  const start = Math.max(0, text.slice(0, mention.index).search(/[^.;!?\n]*$/));
  const rest = text.slice(mention.index + mention.text.length);
  const stop = rest.search(/[.;!?\n](\s|$)/);
  const after = stop < 0 ? rest : rest.slice(0, stop);
  const before = text.slice(start, mention.index);
  return { before, after, clause: `${before}${mention.text}${after}` };
}

/** Checks a text: list markers ("1." at a line start) are formatting, not figures. */
export function checkText(
  text: string,
  known: readonly number[],
  derivable: readonly number[] = known,
): GroundingReport {
  const pairs = pairsOf(derivable);
  const mentions = findNumbers(text);
  const oneIn = oneInPhrases(text, mentions);
  const ungrounded = mentions.filter(
    (m) =>
      !isListMarker(text, m) &&
      !oneIn.excused.has(m.index) &&
      !isGrounded(m, known) &&
      !(oneIn.denominators.has(m.index) && isOneIn(m, known)) &&
      !isDerived(text, m, known, pairs),
  );
  return { grounded: ungrounded.length === 0, ungrounded };
}

/** A number that is a true statement about the results without being one of them. */
function isDerived(text: string, mention: NumberMention, known: readonly number[], pairs: Pairs): boolean {
  const { before, clause } = clauseAround(text, mention);
  const written = mention.value * mention.scale;
  const tolerance = toleranceOf(mention);
  const window = before.slice(-60) + text.slice(mention.index, mention.index + mention.text.length + 30);
  // "fell 45.1%" for -0.451, "a negative correlation of 0.78" for -0.78.
  if (written > 0 && NEGATIVE_WORDS.test(window) && matchesKnown(-written, mention, known)) return true;
  // "p < 0.001" for 2.1e-08; "more than 100 flights" for 108.
  const isP = P_VALUE.test(before) || /\bsignifican|\bp[\s-]?values?\b/i.test(clause);
  if (LESS_THAN.test(before)) {
    if (isP && known.some((v) => v >= 0 && v < written && v <= 1)) return true;
    if (known.some((v) => v < written && v >= written / 2 && Math.sign(v) === Math.sign(written))) return true;
  }
  if (MORE_THAN.test(before) && known.some((v) => v > written && v <= written * 2)) return true;
  // "1.5x", "3 times as many": the ratio of two results.
  if (mention.multiple || /^\s*(?:-?fold|times)\b/i.test(text.slice(mention.index + mention.text.length))) {
    return pairs.ratio(written, tolerance);
  }
  if (!COMPARING_WORDS.test(clause)) return false;
  // "leads by 38.9": the difference of two results; "38% higher": their relative change; "5 points" of shares.
  if (pairs.difference(Math.abs(written), tolerance)) return true;
  if (mention.percent) {
    const share = Math.abs(written) / 100;
    const shareTolerance = tolerance / 100;
    if (pairs.relativeChange(share, shareTolerance) || pairs.difference(share, shareTolerance)) return true;
  }
  return false;
}

interface Pairs {
  difference(target: number, tolerance: number): boolean;
  ratio(target: number, tolerance: number): boolean;
  relativeChange(target: number, tolerance: number): boolean;
}

/** Differences and ratios of up to 400 distinct results, by binary search over the sorted values. */
function pairsOf(values: readonly number[]): Pairs {
  const sorted = [...new Set(values.filter((v) => Number.isFinite(v)))].slice(0, 400).sort((a, b) => a - b);
  const has = (target: number, tolerance: number) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < target - tolerance) lo = mid + 1;
      else if (sorted[mid] > target + tolerance) hi = mid - 1;
      else return true;
    }
    return false;
  };
  // A pair with a value near zero says nothing: 0.4508 - 0.00000002 is just 0.4508 again.
  const comparable = (a: number, b: number) =>
    Math.min(Math.abs(a), Math.abs(b)) >= 0.01 * Math.max(Math.abs(a), Math.abs(b));
  const hasComparable = (a: number, target: number, tolerance: number) => {
    const b = a - target;
    return has(b, tolerance) && comparable(a, b);
  };
  return {
    difference: (target, tolerance) => target > 0 && sorted.some((a) => hasComparable(a, target, tolerance)),
    // a / b = target, within the tolerance written: b * (target ± tolerance) brackets a.
    ratio: (target, tolerance) =>
      sorted.some(
        (b) =>
          b !== 0 && sorted.some((a) => a !== b && comparable(a, b) && Math.abs(a / b - target) <= tolerance + 1e-12),
      ),
    relativeChange: (target, tolerance) =>
      sorted.some(
        (b) =>
          b !== 0 &&
          sorted.some(
            (a) => a !== b && comparable(a, b) && Math.abs(Math.abs((a - b) / b) - target) <= tolerance + 1e-12,
          ),
      ),
  };
}

/** "1 in 5": the 1 is part of the phrase, and the 5 is grounded when some share is about a fifth. */
function oneInPhrases(text: string, mentions: NumberMention[]) {
  const excused = new Set<number>();
  const denominators = new Set<number>();
  for (let i = 0; i + 1 < mentions.length; i++) {
    const one = mentions[i];
    const n = mentions[i + 1];
    if (one.value !== 1 || one.scale !== 1 || one.decimals !== 0) continue;
    const between = text.slice(one.index + one.text.length, n.index);
    if (!/^\s*(?:in|out of)\s*(?:every\s*)?$/i.test(between)) continue;
    excused.add(one.index);
    denominators.add(n.index);
  }
  return { excused, denominators };
}

function isOneIn(mention: NumberMention, known: readonly number[]): boolean {
  const n = mention.value * mention.scale;
  if (n < 2) return false;
  return known.some((v) => {
    const share = v > 1 && v <= 100 ? v / 100 : v;
    return share > 0 && share < 1 && Math.abs(1 / share - n) <= 0.5 + 1e-9;
  });
}

export function checkMetrics(metrics: Record<string, number | string>, known: readonly number[]): string[] {
  return Object.entries(metrics)
    .filter(([, value]) => {
      if (typeof value === "number")
        return !isGrounded(
          {
            text: String(value),
            value,
            decimals: decimalsOf(value),
            scale: 1,
            percent: false,
            multiple: false,
            index: 0,
          },
          known,
        );
      return findNumbers(value).some((m) => !isGrounded(m, known));
    })
    .map(([key]) => key);
}

/** Drops every sentence that holds an ungrounded number or a placeholder that could not be filled. */
export function removeUngrounded(text: string, known: readonly number[], derivable: readonly number[] = known): string {
  // Split after sentence punctuation followed by space, and at line breaks; keep the separators.
  const parts = text.split(/((?<=[.!?])[ \t]+|\n)/);
  let kept = "";
  for (let i = 0; i < parts.length; i += 2) {
    const sentence = parts[i] ?? "";
    const separator = parts[i + 1] ?? "";
    const usable = !sentence.includes("{{") && checkText(sentence, known, derivable).grounded;
    if (sentence.trim() === "" || usable) kept += sentence + separator;
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
