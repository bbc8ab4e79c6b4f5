// Finds the JSON in a model's reply (bare, fenced, or wrapped in prose) and describes a zod schema to the provider.
import { z } from "zod";

export type Extracted = { ok: true; value: unknown } | { ok: false; problem: string };

/** Tries the whole text, then each ```json fence, then each balanced {...} or [...] span. */
export function extractJson(text: string): Extracted {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "the reply was empty" };
  const candidates = [trimmed, ...fencedBlocks(trimmed), ...balancedSpans(trimmed)];
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch {
      // try the next candidate
    }
  }
  return { ok: false, problem: "the reply contained no parseable JSON object" };
}

function fencedBlocks(text: string): string[] {
  return [...text.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)```/g)].map((match) => match[1].trim());
}

/** Spans from an opening brace to its matching close, skipping braces inside strings; at most a few starts. */
function balancedSpans(text: string): string[] {
  const spans: string[] = [];
  for (let start = 0; start < text.length && spans.length < 5; start++) {
    const open = text[start];
    if (open !== "{" && open !== "[") continue;
    const end = matchingClose(text, start);
    if (end !== -1) spans.push(text.slice(start, end + 1));
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

/** The issues of a failed parse, one line each, for the repair prompt and the error. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    return `${path}: ${issue.message}`;
  });
}

const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/** The schema as JSON Schema (input side, so transforms describe what the model must write). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = jsonSchemas.get(schema);
  if (!json) {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<
      string,
      unknown
    >;
    json = rest;
    jsonSchemas.set(schema, json);
  }
  return json;
}

/** Provider names allow letters, digits, `_` and `-`, up to 64 characters. */
export function safeSchemaName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "output";
}
