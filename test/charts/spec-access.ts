// Typed read access to the parts of a built spec that tests look at.
import type { VegaLiteSpec } from "../../src/charts/index.js";

export interface Channel {
  field?: string;
  type?: string;
  sort?: unknown;
  title?: string;
  timeUnit?: string;
  bin?: unknown;
  aggregate?: string;
  scale?: { type?: string; zero?: boolean; scheme?: string };
  axis?: { format?: string; labelAngle?: number };
  legend?: { format?: string; title?: string };
}

export interface SpecView {
  mark: { type: string };
  encoding: Record<string, Channel | undefined>;
  data: { values: Record<string, unknown>[]; url?: string };
  title: { text: string; subtitle?: string };
  width: number;
  height: number;
  description?: string;
  config: { font?: string };
  transform?: unknown;
  params?: unknown;
}

export function view(spec: VegaLiteSpec | null): SpecView {
  if (!spec) throw new Error("expected a spec, got null");
  return spec as unknown as SpecView;
}
