// What each provider refuses in a response_format JSON Schema, and a small validator for providers that check the
// model's output against it (Groq). Paths are written the way each provider writes them in its error.

type Schema = Record<string, unknown>;

export interface SchemaNode {
  node: Schema;
  /** Keys from the root, e.g. ["properties", "chart", "anyOf", "0"]. */
  path: string[];
}

/** Every sub-schema, depth first, with its path. */
export function walk(schema: unknown, path: string[] = []): SchemaNode[] {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return [];
  const node = schema as Schema;
  const found: SchemaNode[] = [{ node, path }];
  const properties = node.properties as Record<string, unknown> | undefined;
  if (properties && typeof properties === "object") {
    for (const [key, value] of Object.entries(properties)) found.push(...walk(value, [...path, "properties", key]));
  }
  if (node.items) found.push(...walk(node.items, [...path, "items"]));
  for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, item] of list.entries()) found.push(...walk(item, [...path, key, String(i)]));
  }
  for (const key of ["$defs", "definitions"]) {
    const defs = node[key] as Record<string, unknown> | undefined;
    if (defs && typeof defs === "object") {
      for (const [name, value] of Object.entries(defs)) found.push(...walk(value, [...path, key, name]));
    }
  }
  if (node.additionalProperties && typeof node.additionalProperties === "object") {
    found.push(...walk(node.additionalProperties, [...path, "additionalProperties"]));
  }
  return found;
}

/** The first keyword in `keywords` used anywhere in the schema. */
export function firstKeyword(schema: unknown, keywords: readonly string[]): { keyword: string; path: string[] } | null {
  for (const { node, path } of walk(schema)) {
    for (const keyword of keywords) if (keyword in node) return { keyword, path };
  }
  return null;
}

/** A `type` written as a list (["string", "null"]). */
export function firstTypeList(schema: unknown): string[] | null {
  for (const { node, path } of walk(schema)) if (Array.isArray(node.type)) return path;
  return null;
}

/** OpenAI's strict-mode rules; the message is OpenAI's. Null when the schema is acceptable. */
export function openAiStrictProblem(name: string, schema: unknown): string | null {
  const prefix = `Invalid schema for response_format '${name}'`;
  const root = schema as Schema | undefined;
  if (root?.type !== "object") {
    return `${prefix}: schema must be a JSON Schema of 'type: "object"', got 'type: "${String(root?.type)}"'.`;
  }
  const unsupported = firstKeyword(schema, [
    "propertyNames",
    "patternProperties",
    "unevaluatedProperties",
    "minProperties",
    "maxProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "uniqueItems",
    "if",
    "then",
    "else",
    "not",
    "dependentRequired",
    "dependentSchemas",
  ]);
  if (unsupported) {
    return `${prefix}: In context=(${context(unsupported.path)}), '${unsupported.keyword}' is not permitted.`;
  }
  for (const { node, path } of walk(schema)) {
    const isObject = node.type === "object" || (Array.isArray(node.type) && node.type.includes("object"));
    if (!isObject) continue;
    if (node.additionalProperties !== false) {
      return `${prefix}: In context=(${context(path)}), 'additionalProperties' is required to be supplied and to be false.`;
    }
    const keys = Object.keys((node.properties as Schema | undefined) ?? {});
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing) {
      return `${prefix}: In context=(${context(path)}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
  }
  return null;
}

const context = (path: string[]) => path.map((part) => `'${part}'`).join(", ");

/** Gemini's proto path for a schema node: generation_config.response_schema.properties[2].value.any_of[0]. */
export function geminiPath(schema: unknown, path: string[]): string {
  let out = "generation_config.response_schema";
  let node = schema as Schema;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (key === "properties") {
      const name = path[++i];
      const index = Object.keys((node.properties as Schema) ?? {}).indexOf(name);
      out += `.properties[${index}].value`;
      node = (node.properties as Schema)[name] as Schema;
    } else if (key === "items") {
      out += ".items";
      node = node.items as Schema;
    } else if (key === "anyOf") {
      const index = Number(path[++i]);
      out += `.any_of[${index}]`;
      node = (node.anyOf as Schema[])[index];
    } else {
      out += `.${key}`;
    }
  }
  return out;
}

/** Problems of `value` against `schema` (type, enum, required, properties, additionalProperties, items, anyOf). */
export function validateValue(value: unknown, schema: unknown, path = "$"): string[] {
  if (!schema || typeof schema !== "object") return [];
  const node = schema as Schema;
  if (Array.isArray(node.anyOf)) {
    const branches = node.anyOf.map((branch) => validateValue(value, branch, path));
    return branches.some((problems) => problems.length === 0) ? [] : [`${path}: matches no branch of anyOf`];
  }
  const types = Array.isArray(node.type) ? (node.type as string[]) : node.type ? [String(node.type)] : [];
  if (types.length > 0 && !types.some((type) => isType(value, type)))
    return [`${path}: expected ${types.join(" or ")}`];
  if (Array.isArray(node.enum) && !node.enum.includes(value)) return [`${path}: not one of ${node.enum.join(", ")}`];
  const problems: string[] = [];
  if (isType(value, "object")) {
    const record = value as Record<string, unknown>;
    const properties = (node.properties as Record<string, unknown> | undefined) ?? {};
    for (const key of (node.required as string[] | undefined) ?? []) {
      if (!(key in record)) problems.push(`${path}.${key}: required`);
    }
    for (const [key, inner] of Object.entries(record)) {
      if (key in properties) problems.push(...validateValue(inner, properties[key], `${path}.${key}`));
      else if (node.additionalProperties === false) problems.push(`${path}.${key}: not allowed`);
    }
  }
  if (Array.isArray(value) && node.items) {
    for (const [i, item] of value.entries()) problems.push(...validateValue(item, node.items, `${path}[${i}]`));
  }
  return problems;
}

function isType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      return true;
  }
}
