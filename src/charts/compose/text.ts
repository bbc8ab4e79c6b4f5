// Text that fits: estimated widths, titles wrapped into lines, long category labels abbreviated (uniquely), since
// a truncated label with no tooltip (a PNG has none) hides what it names.
import { GLYPH_WIDTH } from "../theme.js";

/** Estimated width in px of `text` at `fontSize` (DejaVu Sans averages ~0.6 em per glyph; bold ~0.66). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return text.length * fontSize * (bold ? GLYPH_WIDTH * 1.1 : GLYPH_WIDTH);
}

/** Words of `text` in lines of at most `width` px; a word longer than a line is abbreviated. */
export function wrapText(text: string, width: number, fontSize: number, bold = false): string[] {
  const maxChars = Math.max(8, Math.floor(width / (fontSize * (bold ? GLYPH_WIDTH * 1.1 : GLYPH_WIDTH))));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = word.length > maxChars ? abbreviate(word, maxChars) : word;
    if (line && line.length + 1 + piece.length > maxChars) {
      lines.push(line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  }
  if (line) lines.push(line);
  return lines;
}

/** `text` shortened to `max` characters, cut at a word boundary when one is near, with an ellipsis. */
export function abbreviate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(" ");
  const head = space >= max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,.;:-]+$/, "")}…`;
}

/**
 * Display labels for categories: each at most `max` characters and distinct. A long label keeps its start and its
 * end, where names differ (model years, codes); labels that still collide keep more of their end, and as a last
 * resort their position.
 */
export function displayLabels(values: readonly string[], max: number): string[] {
  const labels = values.map((value) => (value.length <= max ? value : shorten(value, max, Math.min(10, max / 3))));
  for (const tail of [max / 2, max - 6]) {
    const counts = countOf(labels);
    labels.forEach((label, index) => {
      if (counts.get(label)! > 1 && values[index]!.length > max)
        labels[index] = shorten(values[index]!, max, tail, true);
    });
  }
  const counts = countOf(labels);
  const seen = new Map<string, number>();
  return labels.map((label) => {
    if (counts.get(label)! === 1) return label;
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return `${abbreviate(label, max - 3)} #${n}`;
  });
}

function countOf(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

/**
 * The first characters and the end joined by an ellipsis. The end is the last word when it is short (model
 * years, codes: "Chevrolet Chevelle… 1970"), otherwise the last `tail` characters only when `exact` (to tell
 * colliding labels apart); a label with a long last word is cut at a word boundary instead.
 */
function shorten(value: string, max: number, tail: number, exact = false): string {
  const lastSpace = value.lastIndexOf(" ");
  const lastWord = lastSpace > 0 ? value.slice(lastSpace) : "";
  let end = "";
  if (exact) end = value.slice(value.length - Math.floor(tail));
  else if (lastWord && lastWord.length <= tail + 1) end = lastWord;
  if (!end) return abbreviate(value, max);
  const head = value.slice(0, Math.max(1, max - 1 - end.length)).trimEnd();
  return `${head}…${end}`;
}
