// Finds the JSON in a model's reply as real models write it: after a <think> draft, in fences, wrapped in prose,
// with a trailing comma or a raw newline inside a string. Every candidate is returned, in order of appearance.

/** Reasoning drafts some models put before the answer; the JSON inside them is a draft, never the answer. */
const THINKING = /<(think|thinking|reasoning|reflection)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** A draft that was cut off: an opening tag with no close before the end of the reply. */
const UNCLOSED_THINKING = /<(think|thinking|reasoning|reflection)\b[^>]*>[\s\S]*$/i;

/** The reply without reasoning drafts. A reply that is nothing but an unclosed draft keeps its text. */
export function stripThinking(text: string): string {
  const closed = text.replace(THINKING, " ");
  // Some servers drop the opening tag and start the content inside the draft: "...draft...</think>{json}".
  const orphanClose = /<\/(think|thinking|reasoning|reflection)\s*>/i.exec(closed);
  const afterOrphan = orphanClose ? closed.slice(orphanClose.index + orphanClose[0].length) : closed;
  const withoutUnclosed = afterOrphan.replace(UNCLOSED_THINKING, " ");
  return withoutUnclosed.trim() === "" ? afterOrphan : withoutUnclosed;
}

/** Every JSON value found in the reply, first to last, each parsed (after repair when it needed one). */
export function jsonCandidates(text: string): unknown[] {
  const body = stripThinking(text).trim();
  if (body === "") return [];
  const sources = [body, ...fencedBlocks(body), ...balancedSpans(body)];
  const seen = new Set<string>();
  const values: Array<{ at: number; value: unknown }> = [];
  for (const [order, source] of sources.entries()) {
    const trimmed = source.trim();
    if (seen.has(trimmed)) continue;
    seen.add(trimmed);
    const value = parseLenient(trimmed);
    // The whole reply parsing is the strongest signal; spans come in document order after it.
    if (value !== undefined) values.push({ at: order === 0 ? Number.POSITIVE_INFINITY : body.indexOf(trimmed), value });
  }
  return values.sort((a, b) => a.at - b.at).map((entry) => entry.value);
}

/** The last JSON value of the reply, for callers without a schema to choose by. */
export function extractJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (stripThinking(text).trim() === "") return { ok: false, problem: "the reply was empty" };
  const candidates = jsonCandidates(text);
  if (candidates.length === 0) return { ok: false, problem: "the reply contained no parseable JSON object" };
  return { ok: true, value: candidates.at(-1) };
}

/** JSON.parse, then once more after repairing what models commonly get wrong; undefined when neither parses. */
export function parseLenient(text: string): unknown {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(repairJson(text));
    } catch {
      return undefined;
    }
  }
}

/**
 * Repairs without guessing content: raw control characters inside strings are escaped, commas before a closing
 * bracket are dropped. Anything else stays broken (and is reported back to the model).
 */
export function repairJson(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") {
        out += ch + (text[i + 1] ?? "");
        i++;
      } else if (ch === '"') {
        inString = false;
        out += ch;
      } else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch < " ") out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
      else out += ch;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === ",") {
      const rest = /^\s*([}\]])/.exec(text.slice(i + 1));
      if (rest) continue;
    }
    out += ch;
  }
  return out;
}

function fencedBlocks(text: string): string[] {
  return [...text.matchAll(/```[a-zA-Z]*[ \t]*\n?([\s\S]*?)```/g)].map((match) => match[1]);
}

/** Spans from an opening brace to its matching close, skipping braces inside strings; at most a few starts. */
function balancedSpans(text: string): string[] {
  const spans: string[] = [];
  for (let start = 0; start < text.length && spans.length < 8; start++) {
    const open = text[start];
    if (open !== "{" && open !== "[") continue;
    const end = matchingClose(text, start);
    if (end === -1) continue;
    spans.push(text.slice(start, end + 1));
    start = end;
  }
  return spans;
}

function matchingClose(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") stack.push(ch === "{" ? "}" : "]");
    else if (ch === "}" || ch === "]") {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Provider names allow letters, digits, `_` and `-`, up to 64 characters. */
export function safeSchemaName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "output";
}
