// Cutting text for display: by code points, so an emoji or any character outside the BMP is never split in half.

/** `text` cut to at most `max` characters (code points), the cut marked with "…". */
export function clip(text: string, max: number): string {
  // UTF-16 length is at least the code point count: when it fits, nothing needs counting.
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join("")}…`;
}
