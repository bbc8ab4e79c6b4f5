// Table names from file names: lower-case identifiers, unique in the channel, never a reserved word.

const RESERVED = new Set([
  "select",
  "from",
  "where",
  "table",
  "group",
  "order",
  "by",
  "limit",
  "join",
  "union",
  "all",
  "and",
  "or",
  "not",
  "null",
  "true",
  "false",
  "as",
  "on",
  "in",
  "is",
  "case",
  "when",
  "then",
  "else",
  "end",
  "with",
  "create",
  "drop",
  "insert",
  "update",
  "delete",
  "having",
  "distinct",
  "default",
  "check",
  "primary",
  "user",
  "column",
  "offset",
]);

/** `Sales Report (2024).csv` → `sales_report_2024`; sheets append their own name. */
export function tableNameFor(fileName: string, sheet?: string): string {
  const stem = fileName.replace(/\.[A-Za-z0-9]{1,8}$/, "");
  const raw = sheet === undefined ? stem : `${stem}_${sheet}`;
  let name = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 48)
    .replace(/_+$/, "");
  if (name.length === 0) name = "data";
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  if (RESERVED.has(name)) name = `${name}_data`;
  // `_v<N>` is how previous versions are named: keep fresh names clear of it.
  if (/_v\d+$/.test(name)) name = `${name}_`;
  return name;
}

/** The first of `base`, `base_2`, `base_3`, … that is not taken. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `"col"` with embedded quotes doubled: the only way identifiers enter SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'text'` with embedded quotes doubled, for paths and formats the app itself chose. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
