// The schemas agents reply in, built once for two readers: a JSON Schema every major OpenAI-compatible server
// accepts (and OpenAI can run `strict`), and a tolerant zod parser that takes what real models write.
import { z } from "zod";

/**
 * A JSON Schema in the portable subset: `type` is one name (never a list), nullable is `anyOf [x, null]`, every
 * object lists all its properties as required with `additionalProperties: false`, and nothing else constrains
 * values (no lengths, counts, patterns, formats or `propertyNames`: vLLM's xgrammar, Groq and Gemini refuse
 * some of them). Bounds are enforced by the parser instead, by cutting rather than rejecting.
 */
export type JsonSchema = Record<string, unknown>;

/** What an agent must return: the schema sent to the provider and the parser its reply goes through. */
export interface OutputSchema<T> {
  readonly json: JsonSchema;
  readonly zod: z.ZodType<T>;
}

type Infer<S> = S extends OutputSchema<infer T> ? T : never;
type Shape = Record<string, OutputSchema<unknown>>;

interface Described {
  /** Sent to the model with the schema. */
  description?: string;
}

const withDescription = (json: JsonSchema, options: Described | undefined): JsonSchema =>
  options?.description ? { ...json, description: options.description } : json;

/** Numbers written as strings ("12.5") are numbers; anything else is left for the schema to refuse. */
function numeric(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim().replaceAll(",", "");
  return trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
}

/** `sql_only`, `Sql Only` and `sql-only` are all `SQL_ONLY`. */
const canonical = (text: string) =>
  text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");

export const s = {
  /** Text; `max` cuts longer text instead of refusing the reply. */
  string(options?: Described & { max?: number }): OutputSchema<string> {
    const max = options?.max;
    const base = z.preprocess((v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v), z.string());
    return {
      json: withDescription({ type: "string" }, options),
      zod: max === undefined ? base : base.transform((text) => text.slice(0, max)),
    };
  },

  number(options?: Described): OutputSchema<number> {
    return { json: withDescription({ type: "number" }, options), zod: z.preprocess(numeric, z.number()) };
  },

  integer(options?: Described): OutputSchema<number> {
    return { json: withDescription({ type: "integer" }, options), zod: z.preprocess(numeric, z.number().int()) };
  },

  boolean(options?: Described): OutputSchema<boolean> {
    return { json: withDescription({ type: "boolean" }, options), zod: z.boolean() };
  },

  /** One of `values`, matched case-insensitively with spaces or hyphens for underscores. */
  enumOf<const V extends readonly [string, ...string[]]>(values: V, options?: Described): OutputSchema<V[number]> {
    const byCanonical = new Map(values.map((value) => [canonical(value), value]));
    const zod = z.preprocess(
      (v) => (typeof v === "string" ? (byCanonical.get(canonical(v)) ?? v) : v),
      z.enum(values as unknown as [string, ...string[]]),
    ) as unknown as z.ZodType<V[number]>;
    return { json: withDescription({ type: "string", enum: [...values] }, options), zod };
  },

  /** A list; past `max` items the rest are cut, and with `dropInvalid` items that do not parse are left out. */
  array<T>(item: OutputSchema<T>, options?: Described & { max?: number; dropInvalid?: boolean }): OutputSchema<T[]> {
    const max = options?.max ?? Number.POSITIVE_INFINITY;
    const dropInvalid = options?.dropInvalid ?? false;
    const zod = z.preprocess((v) => {
      if (!Array.isArray(v)) return v;
      const kept = dropInvalid ? v.filter((entry) => item.zod.safeParse(entry).success) : v;
      return kept.slice(0, max);
    }, z.array(item.zod));
    return { json: withDescription({ type: "array", items: item.json }, options), zod };
  },

  /** An object with exactly these fields, all required in the JSON Schema; unknown keys in a reply are ignored. */
  object<S extends Shape>(fields: S, options?: Described): OutputSchema<{ [K in keyof S]: Infer<S[K]> }> {
    const properties = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.json]));
    const json = withDescription(
      { type: "object", properties, required: Object.keys(fields), additionalProperties: false },
      options,
    );
    const shape = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.zod]));
    return { json, zod: z.object(shape) as unknown as z.ZodType<{ [K in keyof S]: Infer<S[K]> }> };
  },

  /**
   * The value or null, as `anyOf [x, null]`. A reply may leave the key out (read as null); with `dropInvalid`, a
   * value that does not parse becomes null instead of failing the whole reply (a chart type outside the enum).
   */
  nullable<T>(inner: OutputSchema<T>, options?: Described & { dropInvalid?: boolean }): OutputSchema<T | null> {
    const json = withDescription({ anyOf: [inner.json, { type: "null" }] }, options);
    const parse: z.ZodType<T | null> = options?.dropInvalid
      ? (z.any().transform((v) => {
          if (v === null) return null;
          const parsed = inner.zod.safeParse(v);
          return parsed.success ? parsed.data : null;
        }) as unknown as z.ZodType<T | null>)
      : (inner.zod.nullable() as z.ZodType<T | null>);
    const zod = z.preprocess((v) => (v === undefined ? null : v), parse) as unknown as z.ZodType<T | null>;
    return { json, zod };
  },

  /** One of several shapes, as `anyOf` (a metric's value: a number or a label). */
  union<A, B>(a: OutputSchema<A>, b: OutputSchema<B>, options?: Described): OutputSchema<A | B> {
    return {
      json: withDescription({ anyOf: [a.json, b.json] }, options),
      zod: z.union([a.zod, b.zod]) as z.ZodType<A | B>,
    };
  },
};

export type { Infer as InferOutput };
