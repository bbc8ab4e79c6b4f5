// The composer writes {{1.avg_hp}}, {{py.p_value | p}} or {{1.total - 2.total}} instead of numbers; they are
// filled in here from the computed results, so every number they produce is grounded by construction.
import type { PlanResults } from "../planner/index.js";
import { formatNumber } from "../util/index.js";

export interface Filled {
  text: string;
  /** Numbers the placeholders produced that are not cells themselves (differences, ratios, percentages). */
  derived: number[];
  /** Placeholders that named nothing, as written; their sentences cannot be shown. */
  unresolved: string[];
}

const PLACEHOLDER = /\{\{\s*([^{}]{1,200}?)\s*\}\}/g;

/** Fills every placeholder of `text`; one that names no result is left as written and reported. */
export function fillPlaceholders(text: string, results: PlanResults): Filled {
  const derived: number[] = [];
  const unresolved: string[] = [];
  const filled = text.replace(PLACEHOLDER, (whole, inner: string) => {
    const [expression = "", ...formats] = inner.split("|").map((part) => part.trim());
    const value = evaluate(expression, results);
    if (value === undefined || value === null) {
      unresolved.push(whole);
      return whole;
    }
    if (typeof value !== "number") return String(value);
    const shown = format(value, formats);
    if (shown === null) {
      unresolved.push(whole);
      return whole;
    }
    derived.push(...shown.values);
    return shown.text;
  });
  return { text: filled, derived, unresolved };
}

type Value = number | string | boolean | null;

/** `ref`, a number, or refs joined by + - * / with parentheses. */
function evaluate(expression: string, results: PlanResults): Value | undefined {
  const direct = resolve(expression.trim(), results);
  if (direct !== undefined) return direct;
  const tokens = expression.match(/\s*(\d+(?:\.\d+)?(?![\w.])|[-+*/()]|[^\s+*/()-][^\s+*/()]*(?:-[^\s+*/()]+)*)\s*/g);
  if (!tokens || tokens.join("").replace(/\s+/g, "") !== expression.replace(/\s+/g, "")) return undefined;
  const items = tokens.map((token) => token.trim());
  let at = 0;
  const primary = (): number | undefined => {
    const token = items[at++];
    if (token === "(") {
      const inner = sum();
      if (items[at++] !== ")") return undefined;
      return inner;
    }
    if (token === "-") {
      const inner = primary();
      return inner === undefined ? undefined : -inner;
    }
    if (token === undefined) return undefined;
    const value = /^\d+(\.\d+)?$/.test(token) ? Number(token) : resolve(token, results);
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  };
  const product = (): number | undefined => {
    let left = primary();
    while (left !== undefined && (items[at] === "*" || items[at] === "/")) {
      const op = items[at++];
      const right = primary();
      if (right === undefined || (op === "/" && right === 0)) return undefined;
      left = op === "*" ? left * right : left / right;
    }
    return left;
  };
  const sum = (): number | undefined => {
    let left = product();
    while (left !== undefined && (items[at] === "+" || items[at] === "-")) {
      const op = items[at++];
      const right = product();
      if (right === undefined) return undefined;
      left = op === "+" ? left + right : left - right;
    }
    return left;
  };
  const value = sum();
  return at === items.length ? value : undefined;
}

/** `rows`, `R.column` (row R of the table the composer saw), `py.path.to.value`. */
function resolve(ref: string, results: PlanResults): Value | undefined {
  const table = results.table ?? results.sql;
  if (ref === "rows") return table ? table.rows.length : undefined;
  const cell = /^(\d+)\.(.+)$/.exec(ref);
  if (cell && table) {
    const row = table.rows[Number(cell[1]) - 1];
    const name = cell[2];
    let column = table.columns.indexOf(name);
    if (column < 0) column = table.columns.findIndex((c) => c.toLowerCase() === name.toLowerCase());
    if (!row || column < 0) return undefined;
    return asValue(row[column]);
  }
  if (ref.startsWith("py")) {
    const path = ref === "py" ? [] : ref.slice(3).split(".");
    let node: unknown = results.python;
    for (const key of path) {
      if (node === null || typeof node !== "object") return undefined;
      node = Array.isArray(node) ? node[Number(key)] : (node as Record<string, unknown>)[key];
    }
    return asValue(node);
  }
  return undefined;
}

function asValue(cell: unknown): Value | undefined {
  if (cell === undefined) return undefined;
  if (cell === null || typeof cell === "number" || typeof cell === "string" || typeof cell === "boolean") return cell;
  if (typeof cell === "bigint") return Number(cell);
  return undefined;
}

/** The number as text after the formats, and the numbers that text stands for. */
function format(value: number, formats: string[]): { text: string; values: number[] } | null {
  let current = value;
  let suffix = "";
  let digits: number | null = null;
  let compact = false;
  for (const raw of formats) {
    const f = raw.toLowerCase();
    if (f === "abs") current = Math.abs(current);
    else if (f === "pct") {
      current *= 100;
      suffix = "%";
    } else if (f === "%") suffix = "%";
    else if (f === "int") digits = 0;
    else if (f === "compact") compact = true;
    else if (/^\d$/.test(f)) digits = Number(f);
    else if (f === "p") return { text: pValue(current), values: [current] };
    else if (f !== "") return null;
  }
  let text: string;
  if (digits !== null) {
    text = current.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  } else if (suffix === "%") {
    text = trimZeros(current.toFixed(Math.abs(current) >= 10 ? 1 : 2));
  } else if (current !== 0 && Math.abs(current) < 0.001) {
    text = current.toExponential(2).replace(/\.?0+e/, "e");
  } else {
    text = formatNumber(current, { compact });
  }
  return { text: `${text}${suffix}`, values: [current, value] };
}

function pValue(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${trimZeros(p.toFixed(p < 0.01 ? 4 : 3))}`;
}

const trimZeros = (text: string) => (text.includes(".") ? text.replace(/\.?0+$/, "") : text);
