// One kind of question the rule planner answers: how it is recognised and read, its SQL, Python, chart, title and
// sentence, the follow-ups it offers and how a follow-up changes it. Registered in kinds/index.ts.
import type { ResultTable } from "../../charts/index.js";
import type { DataDna, Sql } from "../../data/index.js";
import type { ChartIntent } from "../plan.js";
import type { BaseIntent, Filter, GroupKey, IntentFacts } from "./intent.js";
import type { Reading } from "./read/reading.js";

/** The result columns a sentence and a chart read: the key or label (x), the value (y), a second key (color). */
export interface Axes {
  x: string | null;
  y: string | null;
  color?: string;
}

/** What an intent runs: SQL (none: Python reads the whole table), Python over its result, and the chart. */
export interface KindPlan {
  query: Sql | null;
  python: string | null;
  axes: Axes;
  /** null when no chart fits the answer. */
  chart: ChartIntent | null;
}

/** What the sentence writer knows besides the table: the plan's axes and chart, and Python's own result. */
export interface DescribeInput {
  dna: DataDna;
  axes: Axes;
  chart: ChartIntent | null;
  /** Whether Python made the table (forecasts, anomalies) or SQL did. */
  fromPython: boolean;
}

export interface Sentence {
  text: string;
  metrics: Record<string, number | string>;
}

/** One change a follow-up asks for, read against the stored turn's table. */
export type FollowUpChange =
  /** A condition to add, or to put in place of one on the same column ("only Japan", "and for 2008?"). */
  | { change: "filter"; filter: Filter }
  /** Another measure ("what about the min temperature?"). */
  | { change: "measure"; column: string }
  /** Another aggregation of the same measure ("and the median?"). */
  | { change: "agg"; agg: "avg" | "sum" | "min" | "max" | "median" }
  /** Another grouping ("by month", "per origin"). */
  | { change: "group"; key: GroupKey }
  /** "how does that compare to last year?": the latest year and the one before. */
  | { change: "year_over_year"; column: string; latest: number };

export interface QuestionKind<I extends BaseIntent = BaseIntent> {
  readonly name: I["kind"];
  /**
   * Token indexes of the question's free words that ask for this kind ("correlation", "forecast"); they are placed
   * only when this kind (or one in `answersCues`) answers.
   */
  cues(free: readonly string[]): number[];
  /** Other kinds' cue words this kind also answers ("distribution of X" read as summary statistics). */
  readonly answersCues?: readonly string[];
  /** The intent, from what the question said; null when this kind cannot answer it. */
  read(reading: Reading): I | null;
  /** What the intent does with the question's words, for the word accounting. */
  facts(intent: I, dna: DataDna): IntentFacts;
  build(intent: I, dna: DataDna): KindPlan;
  title(intent: I): string;
  /** How the plan reached its intent, for the orchestrator_result event. */
  reasoning(intent: I): string;
  /** The answer's sentence and key figures, every number a cell of `table` (which has rows). */
  describe(intent: I, table: ResultTable, input: DescribeInput): Sentence;
  /** What to say when the result has no rows. @defaultValue that the query returned no rows */
  empty?(intent: I): string;
  /** Questions that look at the same data from another side (the planner keeps those it fully understands). */
  followUps(intent: I, dna: DataDna): string[];
  /** The intent a follow-up's change makes of this one (maybe of another kind); null when it does not apply. */
  applyFollowUp(intent: I, change: FollowUpChange, dna: DataDna): BaseIntent | null;
}
