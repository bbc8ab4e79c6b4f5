// Test fixture: real vega-datasets files ingested into a temporary DataEngine, plus plain-JS readers of the same
// files so expected answers are computed without DuckDB or the planner.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ResultTable } from "../../../src/charts/index.js";
import { loadConfig } from "../../../src/config/index.js";
import { type ChannelRef, type DataDna, DataEngine, displaySql, type QueryResult } from "../../../src/data/index.js";
import {
  type Composition,
  type ExecutablePlan,
  type Plan,
  type PriorTurn,
  RulePlanner,
  TurnLog,
} from "../../../src/planner/index.js";
import type { BaseIntent } from "../../../src/planner/rules/intent.js";
import { planWithRules } from "../../../src/planner/rules/rule-planner.js";
import { ruleTurnOf } from "../../../src/planner/rules/turn-state.js";

export const DATA = path.resolve("node_modules/vega-datasets/data");

export type Rec = Record<string, unknown>;

/** Rows of a vega-datasets JSON or CSV file (the CSVs used here have no quoted fields). */
export function readRows(file: string): Rec[] {
  const text = readFileSync(path.join(DATA, file), "utf8");
  if (file.endsWith(".json")) return JSON.parse(text) as Rec[];
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const names = head!.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    const rec: Rec = {};
    names.forEach((name, i) => {
      const cell = cells[i] ?? "";
      rec[name] = cell !== "" && !Number.isNaN(Number(cell)) ? Number(cell) : cell;
    });
    return rec;
  });
}

export const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;
export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Groups rows by a key and reduces a measure: null measures and keys are skipped, like SQL. */
export function groupBy(
  rows: Rec[],
  key: (r: Rec) => unknown,
  measure: (r: Rec) => number | null,
  reduce: (v: number[]) => number,
) {
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const k = key(r);
    const v = measure(r);
    if (k === null || k === undefined || v === null) continue;
    groups.set(String(k), [...(groups.get(String(k)) ?? []), v]);
  }
  return new Map([...groups].map(([k, values]) => [k, reduce(values)]));
}

/** The rule planner's plan for a question over these tables (and thread). */
export function planRules(question: string, context: { tables: DataDna[]; history?: PriorTurn[] }): Plan {
  return planWithRules(question, context.tables, context.history ?? []);
}

/** The intent the plan stored for follow-ups, with its kind's own fields readable by name. */
export function intentOf(plan: Plan): BaseIntent & Record<string, unknown> {
  if (plan.classification === "CLARIFY") throw new Error(`no intent: ${plan.message}`);
  const turn = ruleTurnOf(plan.turn);
  if (!turn) throw new Error("not a rule plan");
  return turn.intent as BaseIntent & Record<string, unknown>;
}

/** The plan's SQL as people read it, values shown as literals. */
export const sqlOf = (plan: Plan): string | null =>
  plan.classification === "CLARIFY" || plan.classification === "PY_ONLY" ? null : displaySql(plan.sql);

/** A history turn as the pipeline stores it after answering `plan`. */
export function turnOf(question: string, plan: Plan): PriorTurn {
  return {
    question,
    answer: "(answer text)",
    sql: sqlOf(plan),
    table: plan.classification === "CLARIFY" ? null : (plan.tables[0] ?? null),
    turn: plan.classification === "CLARIFY" ? null : plan.turn,
  };
}

/** The rule planner's answer text and metrics for `plan` over a result (and Python's output, when it ran). */
export function composeRules(
  plan: ExecutablePlan,
  dna: DataDna,
  result: ResultTable,
  python: unknown = null,
): Promise<Composition> {
  const context = { tables: [dna], history: [], insights: [], log: new TurnLog() };
  return new RulePlanner().compose(plan, { sql: result, python, table: result }, context);
}

export interface Asked {
  plan: Plan;
  dna: DataDna;
  result: QueryResult | null;
}

export interface Fixture {
  engine: DataEngine;
  ref(file: string): ChannelRef;
  ask(file: string, question: string): Promise<Asked>;
  close(): Promise<void>;
}

/** One engine, one channel per dataset, each file ingested once on first use. */
export function startFixture(): Fixture {
  const dataDir = mkdtempSync(path.join(tmpdir(), "offline-planner-"));
  const engine = new DataEngine({ config: loadConfig({ DATA_DIR: dataDir }) });
  const loaded = new Map<string, Promise<void>>();
  const ref = (file: string): ChannelRef => ({ teamId: "TOFF", channelId: `C${file.replace(/[^A-Za-z0-9]/g, "")}` });
  const load = (file: string) => {
    if (!loaded.has(file))
      loaded.set(
        file,
        engine.ingest(ref(file), { path: path.join(DATA, file), name: file }).then(() => undefined),
      );
    return loaded.get(file)!;
  };
  return {
    engine,
    ref,
    async ask(file, question) {
      await load(file);
      const [dna] = await engine.dna(ref(file));
      const plan = planRules(question, { tables: [dna!] });
      if (plan.classification === "CLARIFY") return { plan, dna: dna!, result: null };
      const result =
        plan.classification === "PY_ONLY"
          ? await wholeTable(engine, ref(file), plan.source.table)
          : await engine.query(ref(file), plan.sql);
      return { plan, dna: dna!, result };
    },
    async close() {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A whole table as a query result: what a PY_ONLY plan hands Python as `df` (dates as ISO text, like SQL rows). */
export async function wholeTable(engine: DataEngine, ref: ChannelRef, table: string): Promise<QueryResult> {
  const read = await engine.readColumns(ref, { table });
  const rows = Array.from({ length: read.rowCount }, (_, i) =>
    read.columns.map((c) => {
      const v = c.values[i];
      return v instanceof Date ? v.toISOString() : typeof v === "bigint" ? Number(v) : v;
    }),
  ) as QueryResult["rows"];
  return {
    sql: `SELECT * FROM "${table}"`,
    columns: read.columns.map((c) => c.name),
    types: read.columns.map((c) => c.type),
    rows,
    rowCount: rows.length,
  } as QueryResult;
}

/** The numeric cell of `column` in the row whose first (key) cell equals `label` (case-insensitive). */
export function valueFor(result: QueryResult, label: string | number, column: string): number | null {
  const index = result.columns.indexOf(column);
  const row = result.rows.find((r) => String(r[0]).toLowerCase() === String(label).toLowerCase());
  return row ? num(row[index]) : null;
}
