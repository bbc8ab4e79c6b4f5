// The allowlist for model-proposed Vega-Lite specs: zod keeps only these marks, channels and properties.
import { z } from "zod";

export const MODEL_MARKS = [
  "bar",
  "line",
  "area",
  "point",
  "circle",
  "square",
  "tick",
  "rect",
  "arc",
  "rule",
  "text",
] as const;
export const MODEL_CHANNELS = [
  "x",
  "y",
  "x2",
  "y2",
  "color",
  "theta",
  "radius",
  "size",
  "opacity",
  "shape",
  "strokeDash",
  "xOffset",
  "yOffset",
  "order",
  "detail",
  "text",
] as const;

const TIME_UNITS = ["year", "quarter", "month", "week", "day", "date", "hours", "minutes", "yearquarter", "yearmonth"]
  .concat(["yearmonthdate", "yearweek", "monthdate", "yearmonthdatehours", "hoursminutes", "dayhours"])
  .flatMap((unit) => [unit, `utc${unit}`]);

/** d3 number and time format specifiers: letters, digits, punctuation; never quotes or braces. */
const format = z
  .string()
  .max(40)
  .regex(/^[\w\s,.%$~+\-#:/()]*$/);
const text = z.string().max(200);
/** Drops a property that fails its schema instead of refusing the whole spec. */
const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const guide = z
  .object({ title: loose(text.nullable()), format: loose(format), labelAngle: loose(z.number().min(-90).max(90)) })
  .nullable();

export const modelChannelSchema = z.object({
  field: z.string().min(1).max(300).optional(),
  type: loose(z.enum(["quantitative", "temporal", "ordinal", "nominal"])),
  aggregate: loose(
    z.enum(["count", "sum", "mean", "average", "median", "min", "max", "distinct", "stdev", "q1", "q3"]),
  ),
  bin: loose(z.union([z.boolean(), z.object({ maxbins: loose(z.number().int().min(2).max(100)) })])),
  timeUnit: loose(z.enum(TIME_UNITS as [string, ...string[]])),
  sort: loose(
    z.union([
      z.enum(["ascending", "descending", "x", "y", "-x", "-y", "color", "-color", "theta", "-theta"]),
      z.null(),
    ]),
  ),
  stack: loose(z.union([z.boolean(), z.null(), z.enum(["zero", "normalize", "center"])])),
  title: loose(text.nullable()),
  format: loose(format),
  axis: loose(guide),
  legend: loose(guide),
  scale: loose(
    z.object({
      zero: loose(z.boolean()),
      type: loose(z.enum(["linear", "log", "sqrt", "symlog", "band", "point", "ordinal"])),
      scheme: loose(z.string().regex(/^[a-z0-9]{2,30}$/)),
    }),
  ),
});

const markProps = z.object({
  type: z.enum(MODEL_MARKS),
  color: loose(z.string().regex(/^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/)),
  opacity: loose(z.number().min(0).max(1)),
  point: loose(z.boolean()),
  filled: loose(z.boolean()),
  interpolate: loose(z.enum(["linear", "monotone", "step", "step-after", "step-before", "basis", "cardinal"])),
  innerRadius: loose(z.number().min(0).max(300)),
  size: loose(z.number().min(1).max(2000)),
  strokeWidth: loose(z.number().min(0).max(20)),
  orient: loose(z.enum(["horizontal", "vertical"])),
});

export const modelSpecSchema = z.object({
  mark: z.union([z.enum(MODEL_MARKS).transform((type) => ({ type })), markProps]),
  encoding: z.object(Object.fromEntries(MODEL_CHANNELS.map((name) => [name, loose(modelChannelSchema)]))),
  title: loose(z.union([text, z.object({ text, subtitle: loose(text) })])),
});

export type ModelChannel = z.infer<typeof modelChannelSchema>;
export type ModelSpec = z.infer<typeof modelSpecSchema>;
