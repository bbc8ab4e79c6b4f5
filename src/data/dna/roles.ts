// Semantic roles from types, names and value statistics: time, measure, dimension, identifier, status, text.
import type { ColumnProfile, SemanticRole } from "./types.js";

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;
const TEMPORAL = /^(DATE|TIMESTAMP)/;

export const isNumericType = (type: string) => NUMERIC.test(type);
export const isTemporalType = (type: string) => TEMPORAL.test(type);
export const isTextType = (type: string) => type === "VARCHAR";

export const ID_NAME = /(^|[_\s])(id|uuid|guid|key|code|zip|zipcode|postcode|phone|email)$|^id[_\s]|identifier/i;
const YEAR_NAME = /^(year|yr|fiscal[_\s]?year|season)$/i;
const STATUS_NAME =
  /status|state$|result|outcome|flag|^is[_\s]|^has[_\s]|success|fail|churn|active|approved|weather|sex|gender|type$/i;
const CURRENCY_NAME = /price|cost|revenue|sales|amount|gross|budget|income|salary|fee|spend|profit|\$|usd|eur|dollar/i;
const PERCENT_NAME = /(^|[_\s])(pct|percent|percentage|rate|ratio|share)([_\s]|$)|%/i;

export interface RoleInputs {
  name: string;
  type: string;
  rowCount: number;
  nonNull: number;
  distinct: number;
  integer: boolean;
  min?: number;
  max?: number;
  avgLength?: number;
}

export function inferRole(input: RoleInputs): SemanticRole {
  const { name, type, nonNull, distinct } = input;
  if (isTemporalType(type)) return "time";
  if (type === "BOOLEAN") return "status";
  if (isNumericType(type)) {
    if (input.integer && YEAR_NAME.test(name) && (input.min ?? 0) >= 1000 && (input.max ?? 0) <= 3000) return "time";
    if (input.integer && ID_NAME.test(name) && distinct >= nonNull * 0.9) return "identifier";
    return "measure";
  }
  if (isTextType(type)) {
    if ((input.avgLength ?? 0) > 60) return "text";
    const lowCardinality = distinct <= Math.max(20, Math.min(200, nonNull * 0.05));
    if (lowCardinality && distinct <= 12 && (STATUS_NAME.test(name) || distinct === 2)) return "status";
    if (lowCardinality) return "dimension";
    if (ID_NAME.test(name) || distinct >= nonNull * 0.9) return "identifier";
    return "dimension";
  }
  return "dimension";
}

export function inferUnit(column: Pick<ColumnProfile, "name" | "role" | "numeric">): ColumnProfile["unit"] {
  if (column.role !== "measure" || !column.numeric) return undefined;
  if (CURRENCY_NAME.test(column.name)) return "currency";
  if (PERCENT_NAME.test(column.name) && column.numeric.min >= 0 && column.numeric.max <= 100) return "percentage";
  return undefined;
}
