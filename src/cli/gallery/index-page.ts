// The gallery's index.html: every chart at Slack's size next to its question, kind and note.
import type { GalleryEntry } from "./case.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

export function galleryIndex(entries: readonly GalleryEntry[]): string {
  const figures = entries.map((entry) => {
    const image = entry.file
      ? `<img src="${escapeHtml(entry.file)}" width="360" alt="${escapeHtml(entry.question)}">`
      : `<div class="none">${escapeHtml(entry.error ? `Failed: ${entry.error}` : "No image: the number is the answer.")}</div>`;
    const note = entry.note ? `<br><em>${escapeHtml(entry.note)}</em>` : "";
    const kind = entry.drawn && entry.drawn !== entry.kind ? `${entry.kind} → ${entry.drawn}` : entry.kind;
    return `<figure>${image}<figcaption><strong>${escapeHtml(entry.question)}</strong><br>${escapeHtml(kind)}${note}</figcaption></figure>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>InsightX chart gallery</title>
<style>
body { font-family: sans-serif; margin: 24px; color: #1f2937; }
main { display: flex; flex-wrap: wrap; gap: 24px; }
figure { width: 360px; margin: 0; }
figcaption { font-size: 13px; margin-top: 6px; }
.none { width: 360px; height: 120px; display: flex; align-items: center; justify-content: center; background: #f3f4f6; }
</style></head>
<body><h1>InsightX chart gallery</h1>
<p>One chart per answer kind, drawn from the evidence behind each answer, shown 360 px wide as Slack shows them.</p>
<main>
${figures.join("\n")}
</main></body></html>
`;
}
