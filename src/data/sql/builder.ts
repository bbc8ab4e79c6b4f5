// The one place the app assembles SQL text: identifiers quoted with DuckDB's own helper, values bound as $n.
// Model-written SQL is text from outside and goes through the guard; everything the app writes goes through here.
import { quotedIdentifier, quotedString } from "@duckdb/node-api";

/** A value bound to a `$n` parameter. */
export type SqlValue = string | number | boolean | null;

/** A finished query: text with `$1…$n` placeholders and the values they bind. Plain data, safe to serialise. */
export interface SqlQuery {
  text: string;
  params: SqlValue[];
}

type Part = { text: string } | { value: SqlValue };

/** A piece of SQL: static text written in this codebase, quoted identifiers and bound values, never pasted text. */
export class Sql {
  readonly #parts: readonly Part[];

  private constructor(parts: readonly Part[]) {
    this.#parts = parts;
  }

  /** @internal Static text only: callers reach it through `sql`, `ident` and the typed helpers below. */
  static fromParts(parts: readonly Part[]): Sql {
    return new Sql(parts);
  }

  get parts(): readonly Part[] {
    return this.#parts;
  }

  get isEmpty(): boolean {
    return this.#parts.every((part) => "text" in part && part.text === "");
  }
}

const text = (value: string): Sql => Sql.fromParts([{ text: value }]);

/**
 * Tagged template: the literal parts are SQL written here, each `${…}` is either a fragment (spliced) or a value
 * (bound as a parameter). `sql\`${ident(c)} = ${value}\`` never puts `value` into the text.
 */
export function sql(strings: TemplateStringsArray, ...values: Array<Sql | SqlValue>): Sql {
  const parts: Part[] = [];
  strings.forEach((literal, i) => {
    parts.push({ text: literal });
    if (i >= values.length) return;
    const value = values[i];
    if (value instanceof Sql) parts.push(...value.parts);
    else {
      if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
      parts.push({ value: value ?? null });
    }
  });
  return Sql.fromParts(parts);
}

/** A double-quoted identifier (table, column or alias); any name is safe. */
export function ident(name: string): Sql {
  return text(quotedIdentifier(name));
}

/** An integer written into the text, for positions and sizes the app computed (never a value from a question). */
export function integer(n: number): Sql {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return text(String(n));
}

export const EMPTY_SQL: Sql = text("");

/** `*`: every column. */
export const STAR: Sql = text("*");

type Separator = ", " | " AND " | " OR " | " " | "\n";

export function joinSql(fragments: readonly Sql[], separator: Separator = ", "): Sql {
  const parts: Part[] = [];
  fragments.forEach((fragment, i) => {
    if (i > 0) parts.push({ text: separator });
    parts.push(...fragment.parts);
  });
  return Sql.fromParts(parts);
}

/** `expr AS "alias"`. */
export function aliased(expr: Sql, alias: string): Sql {
  return sql`${expr} AS ${ident(alias)}`;
}

export type Aggregate = "avg" | "sum" | "min" | "max" | "median" | "count" | "stddev_samp";
/** `avg(expr)`; `count()` without an expression counts rows. */
export function aggregate(fn: Aggregate, expr?: Sql): Sql {
  return sql`${text(fn)}(${expr ?? text("*")})`;
}

export type Comparison = "=" | "<>" | ">" | ">=" | "<" | "<=";
export function compare(left: Sql, op: Comparison, right: Sql | SqlValue): Sql {
  return sql`${left} ${text(op)} ${right}`;
}

export function inList(left: Sql, values: readonly SqlValue[]): Sql {
  return sql`${left} IN (${joinSql(values.map((v) => sql`${v}`))})`;
}

export type TruncUnit = "hour" | "day" | "week" | "month" | "quarter" | "year";
const TRUNC_UNITS: ReadonlySet<string> = new Set(["hour", "day", "week", "month", "quarter", "year"]);
/** `date_trunc('month', expr)`: the unit is written into the text, so it must be one of the known units. */
export function dateTrunc(unit: TruncUnit, expr: Sql): Sql {
  if (!TRUNC_UNITS.has(unit)) throw new RangeError(`not a time unit: ${unit}`);
  return sql`date_trunc(${text(quotedString(unit))}, ${expr})`;
}

export type DatePart = "year" | "month" | "hour" | "isodow" | "dayname" | "monthname";
/** `year(expr)`, `dayname(expr)` …: DuckDB's date part functions. */
export function datePart(part: DatePart, expr: Sql): Sql {
  return sql`${text(part)}(${expr})`;
}

export type Direction = "asc" | "desc";
export function ordered(expr: Sql, direction: Direction, nullsLast = false): Sql {
  return sql`${expr} ${text(direction === "asc" ? "ASC" : "DESC")}${nullsLast ? text(" NULLS LAST") : EMPTY_SQL}`;
}

/** A whole SELECT, clause by clause; empty lists drop their clause. */
export interface SelectSpec {
  select: readonly Sql[];
  from: Sql;
  where?: readonly Sql[];
  groupBy?: readonly Sql[];
  orderBy?: readonly Sql[];
  limit?: number | null;
}

export function select(spec: SelectSpec): Sql {
  const clauses = [sql`SELECT ${joinSql(spec.select)}`, sql`FROM ${spec.from}`];
  if (spec.where && spec.where.length > 0) clauses.push(sql`WHERE ${joinSql(spec.where, " AND ")}`);
  if (spec.groupBy && spec.groupBy.length > 0) clauses.push(sql`GROUP BY ${joinSql(spec.groupBy)}`);
  if (spec.orderBy && spec.orderBy.length > 0) clauses.push(sql`ORDER BY ${joinSql(spec.orderBy)}`);
  if (spec.limit !== undefined && spec.limit !== null) {
    if (!Number.isSafeInteger(spec.limit) || spec.limit < 0) throw new RangeError(`not a row limit: ${spec.limit}`);
    clauses.push(sql`LIMIT ${spec.limit}`);
  }
  return joinSql(clauses, " ");
}

/** `(query)` as a FROM source. */
export function subquery(query: Sql): Sql {
  return sql`(${query})`;
}

/** Numbers the parameters in order: the text DuckDB prepares and the values it binds. */
export function build(fragment: Sql): SqlQuery {
  let out = "";
  const params: SqlValue[] = [];
  for (const part of fragment.parts) {
    if ("text" in part) out += part.text;
    else {
      params.push(part.value);
      out += `$${params.length}`;
    }
  }
  return { text: out, params };
}

/** At most `maxRows` rows of a finished query (which may be model-written text): `SELECT * FROM (query) LIMIT n`. */
export function withRowLimit(query: SqlQuery, maxRows: number): SqlQuery {
  if (!Number.isSafeInteger(maxRows) || maxRows < 0) throw new RangeError(`not a row limit: ${maxRows}`);
  return {
    text: `SELECT * FROM (${query.text}) LIMIT $${query.params.length + 1}`,
    params: [...query.params, maxRows],
  };
}

/** A query as text with no parameters (model-written SQL, or SQL typed by a person). */
export function textQuery(text: string): SqlQuery {
  return { text, params: [] };
}

/**
 * The query as people read it (answers, prompts, "Show SQL"): each `$n` replaced by its value as a quoted literal.
 * Only for showing; what runs is always `text` with `params` bound.
 */
export function displaySql(query: SqlQuery): string {
  if (query.params.length === 0) return query.text;
  let out = "";
  let quote: string | null = null;
  for (let i = 0; i < query.text.length; i++) {
    const ch = query.text[i]!;
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    const digits = ch === "$" ? /^\d+/.exec(query.text.slice(i + 1))?.[0] : undefined;
    const index = digits === undefined ? -1 : Number(digits) - 1;
    if (index < 0 || index >= query.params.length) {
      out += ch;
      continue;
    }
    out += literalText(query.params[index]!);
    i += digits!.length;
  }
  return out;
}

function literalText(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "string") return quotedString(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}
