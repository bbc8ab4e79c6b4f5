// Model-written SQL as models write it, made into what DuckDB runs, without a round trip: fences and labels
// removed, MySQL backticks and `LIMIT m, n` rewritten, a filter value in the wrong case set to the data's spelling.
// The result still goes through the SQL guard when it runs.
import type { DataDna } from "../../data/index.js";

type Token = { kind: "string" | "ident" | "backtick" | "word" | "space" | "comment" | "other"; text: string };

/** DuckDB-ish lexing: enough to tell strings, quoted names and comments from the rest. */
export function lex(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const quoted = (quote: string, kind: Token["kind"]) => {
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === quote) {
          if (sql[j + 1] === quote) j++;
          else break;
        }
      }
      tokens.push({ kind, text: sql.slice(i, j + 1) });
      i = j + 1;
    };
    if (ch === "'") quoted("'", "string");
    else if (ch === '"') quoted('"', "ident");
    else if (ch === "`") quoted("`", "backtick");
    else if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      tokens.push({ kind: "comment", text: sql.slice(i, stop) });
      i = stop;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      tokens.push({ kind: "comment", text: sql.slice(i, stop) });
      i = stop;
    } else if (/\s/.test(ch)) {
      const match = /^\s+/.exec(sql.slice(i))!;
      tokens.push({ kind: "space", text: match[0] });
      i += match[0].length;
    } else if (/[\p{L}\p{N}_$]/u.test(ch)) {
      const match = /^[\p{L}\p{N}_$.]+/u.exec(sql.slice(i))!;
      tokens.push({ kind: "word", text: match[0] });
      i += match[0].length;
    } else {
      tokens.push({ kind: "other", text: ch });
      i++;
    }
  }
  return tokens;
}

/** The SQL without fences, labels and trailing semicolons, with backticks and MySQL paging rewritten. */
export function cleanModelSql(raw: string): string {
  let text = raw.trim();
  const fenced = /```[a-zA-Z]*[ \t]*\n?([\s\S]*?)(?:```|$)/.exec(text);
  if (fenced) text = fenced[1].trim();
  text = text.replace(/^(?:sql|duckdb|query)\s*:\s*/i, "").trim();
  const tokens = lex(text).map((token) =>
    token.kind === "backtick" ? { kind: "ident" as const, text: toDoubleQuoted(token.text) } : token,
  );
  rewriteMysqlLimit(tokens);
  return tokens
    .map((token) => token.text)
    .join("")
    .trim()
    .replace(/[;\s]+$/, "");
}

function toDoubleQuoted(backticked: string): string {
  const inner = backticked.slice(1, backticked.endsWith("`") && backticked.length > 1 ? -1 : undefined);
  return `"${inner.replaceAll("``", "`").replaceAll('"', '""')}"`;
}

/** `LIMIT 5, 10` (MySQL: skip 5, take 10) → `LIMIT 10 OFFSET 5`. */
function rewriteMysqlLimit(tokens: Token[]): void {
  const significant = (from: number) => {
    let j = from;
    while (j < tokens.length && (tokens[j].kind === "space" || tokens[j].kind === "comment")) j++;
    return j;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== "word" || tokens[i].text.toUpperCase() !== "LIMIT") continue;
    const a = significant(i + 1);
    const comma = significant(a + 1);
    const b = significant(comma + 1);
    if (tokens[a]?.kind !== "word" || !/^\d+$/.test(tokens[a].text)) continue;
    if (tokens[comma]?.text !== "," || tokens[b]?.kind !== "word" || !/^\d+$/.test(tokens[b].text)) continue;
    const offset = tokens[a].text;
    tokens.splice(a, b - a + 1, { kind: "word", text: `${tokens[b].text} OFFSET ${offset}` });
  }
}

export interface ValueFix {
  column: string;
  from: string;
  to: string;
}

/**
 * A string compared with a column whose every value is known (`"Origin" = 'japan'`) and that is not one of them,
 * but is one of them in another case or with other spacing, is set to the data's own spelling.
 */
export function fixFilterValues(sql: string, tables: readonly DataDna[]): { sql: string; fixes: ValueFix[] } {
  const known = new Map<string, string[]>();
  for (const dna of tables) {
    for (const column of dna.columns) {
      const values = (column.values ?? []).filter((v): v is string => typeof v === "string");
      if (values.length > 0)
        known.set(column.name.toLowerCase(), [...(known.get(column.name.toLowerCase()) ?? []), ...values]);
    }
  }
  if (known.size === 0) return { sql, fixes: [] };
  const tokens = lex(sql);
  const fixes: ValueFix[] = [];
  const significant = tokens
    .map((token, index) => ({ token, index }))
    .filter((t) => t.token.kind !== "space" && t.token.kind !== "comment");
  for (let k = 0; k < significant.length; k++) {
    const { token, index } = significant[k];
    if (token.kind !== "string") continue;
    const column = comparedColumn(
      significant.map((s) => s.token),
      k,
    );
    if (!column) continue;
    const values = known.get(column.toLowerCase());
    if (!values) continue;
    const literal = token.text.slice(1, -1).replaceAll("''", "'");
    if (values.includes(literal)) continue;
    const norm = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();
    const matches = [...new Set(values.filter((value) => norm(value) === norm(literal)))];
    if (matches.length !== 1) continue;
    tokens[index] = { kind: "string", text: `'${matches[0].replaceAll("'", "''")}'` };
    fixes.push({ column, from: literal, to: matches[0] });
  }
  return { sql: tokens.map((token) => token.text).join(""), fixes };
}

/** Every string literal the SQL compares with a column, and that column's name. */
export function stringFilters(sql: string): Array<{ column: string; value: string }> {
  const significant = lex(sql).filter((token) => token.kind !== "space" && token.kind !== "comment");
  const found: Array<{ column: string; value: string }> = [];
  for (const [k, token] of significant.entries()) {
    if (token.kind !== "string") continue;
    const column = comparedColumn(significant, k);
    if (column) found.push({ column, value: token.text.slice(1, -1).replaceAll("''", "'") });
  }
  return found;
}

/** The column a string literal is compared with (`col = 'x'`, `'x' = col`, `col IN ('x', 'y')`), bare or quoted. */
function comparedColumn(tokens: Token[], at: number): string | null {
  const name = (token: Token | undefined) => {
    if (!token) return null;
    if (token.kind === "ident") return token.text.slice(1, -1).replaceAll('""', '"');
    if (token.kind === "word" && /^[\p{L}_][\p{L}\p{N}_$.]*$/u.test(token.text)) return token.text.split(".").at(-1)!;
    return null;
  };
  const operator = (i: number) => {
    const one = tokens[i]?.text;
    const two = `${tokens[i - 1]?.text ?? ""}${one ?? ""}`;
    if (two === "<>" || two === "!=") return { width: 2 };
    if (one === "=") return { width: 1 };
    return null;
  };
  // col = 'x'   col <> 'x'
  const before = operator(at - 1);
  if (before) return name(tokens[at - 1 - before.width]);
  // col LIKE 'x%'   col NOT ILIKE 'x'
  const word = tokens[at - 1]?.kind === "word" ? tokens[at - 1].text.toUpperCase() : "";
  if (word === "LIKE" || word === "ILIKE") {
    const negated = tokens[at - 2]?.kind === "word" && tokens[at - 2].text.toUpperCase() === "NOT";
    return name(tokens[at - (negated ? 3 : 2)]);
  }
  // 'x' = col   'x' <> col
  if (tokens[at + 1]?.text === "=") return name(tokens[at + 2]);
  const pair = `${tokens[at + 1]?.text ?? ""}${tokens[at + 2]?.text ?? ""}`;
  if (pair === "<>" || pair === "!=") return name(tokens[at + 3]);
  // col IN ('a', 'b', …)
  let j = at - 1;
  while (j >= 0 && (tokens[j].text === "," || tokens[j].kind === "string")) j--;
  if (tokens[j]?.text === "(" && tokens[j - 1]?.kind === "word" && tokens[j - 1].text.toUpperCase() === "IN") {
    const negated = tokens[j - 2]?.kind === "word" && tokens[j - 2].text.toUpperCase() === "NOT";
    return name(tokens[j - (negated ? 3 : 2)]);
  }
  return null;
}
