// Cuts text to a length without breaking what it is made of: grapheme clusters, HTML entities, Slack control sequences.

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
/** `&amp;` `&lt;` `&gt;` and `<…>` sequences (mentions, links) are cut whole or not at all. */
const ATOM = /&(?:amp|lt|gt);|<[^<>\n]{1,500}>/g;

/** The text's indivisible pieces, in order. */
export function atoms(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const match of text.matchAll(ATOM)) {
    if (match.index > at) for (const g of segmenter.segment(text.slice(at, match.index))) out.push(g.segment);
    out.push(match[0]);
    at = match.index + match[0].length;
  }
  if (at < text.length) for (const g of segmenter.segment(text.slice(at))) out.push(g.segment);
  return out;
}

/**
 * `text` when it fits in `max` UTF-16 units (Slack's limits are at least this strict), else its longest prefix of
 * whole atoms followed by `marker`. Never halves a surrogate pair, an emoji sequence or an entity.
 */
export function clipText(text: string, max: number, marker = "…"): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - marker.length);
  let out = "";
  for (const atom of atoms(text)) {
    if (out.length + atom.length > room) break;
    out += atom;
  }
  return `${out}${marker}`;
}

/**
 * Splits `text` into pieces of at most `max` units, preferring line breaks past half the size, never inside an atom.
 * Joined back, the pieces give `text` again (a line break chosen as the cut point moves to the next piece's start).
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = "";
  let lastBreak = -1;
  for (const atom of atoms(text)) {
    if (current.length + atom.length > max && current.length > 0) {
      if (lastBreak > max / 2) {
        pieces.push(current.slice(0, lastBreak));
        current = current.slice(lastBreak);
      } else {
        pieces.push(current);
        current = "";
      }
      lastBreak = -1;
    }
    if (atom === "\n" || atom === "\r\n") lastBreak = current.length;
    current += atom;
  }
  if (current.length > 0 || pieces.length === 0) pieces.push(current);
  return pieces;
}
