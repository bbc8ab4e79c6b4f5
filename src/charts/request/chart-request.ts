// What a plan asks the chart step for: the kind of answer, its rows, the evidence behind it and how to present it.
// One type per kind (a kind's evidence is its own), so a planner fills exactly what its kind needs.
import type { ChartOptions, ChartType, ResultTable, VegaLiteSpec } from "../types.js";
import type {
  ComponentsEvidence,
  FlaggedEvidence,
  ForecastEvidence,
  Key,
  PairsEvidence,
  SeriesEvidence,
  ValuesEvidence,
} from "./evidence.js";

export const ANSWER_KINDS = [
  "correlation",
  "forecast",
  "anomalies",
  "share",
  "ranking",
  "trend",
  "distribution",
  "two_keys",
  "scalar",
  "table",
] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** A chart type a person can ask for in words; "pie" is drawn as a donut. */
export type RequestedChart = ChartType | "box";

/** How the chart is titled and labelled; every field but `title` is optional. */
export interface Presentation {
  /** What is shown, e.g. "Average max temperature by year". */
  title: string;
  /**
   * The filter the answer applied, in words, e.g. "origin = Japan · cylinders ≥ 6"; first in the subtitle.
   * @defaultValue none
   */
  filter?: string;
  /**
   * The data's time range in words, e.g. "2012–2015".
   * @defaultValue read from the evidence's time column when it has one
   */
  timeRange?: string;
  /**
   * Unit per column name, from the column's name, Data DNA or the glossary: "°C", "$", "%", "mm", "lbs", "days".
   * "$" and "%" change number formats ("%" on values 0–1 shows them as percentages); others are appended.
   * @defaultValue none
   */
  units?: Record<string, string>;
  /** Readable names per column ("temp_max" -> "Max temperature"). @defaultValue the humanized column name */
  labels?: Record<string, string>;
  /** Values of the key the question asked about (a group, a category), drawn in the accent colour. @defaultValue none */
  highlight?: Key[];
  /** A chart type asked for in words; drawn when it fits the kind, otherwise explained in the outcome's note. */
  requested?: RequestedChart;
}

interface RequestBase {
  /** The answer's rows: what the text reports. */
  answer: ResultTable;
  presentation: Presentation;
}

/** Two measures' relationship: a scatter of the pairs with the fitted line; r and n in the subtitle. */
export interface CorrelationRequest extends RequestBase {
  kind: "correlation";
  /** Computed over every pair (not the sample): corr(y, x), regr_count(y, x), and the least-squares line. */
  stats: { r: number; n: number; slope?: number; intercept?: number; method?: "pearson" | "spearman" };
  evidence: { pairs: PairsEvidence };
}

/** A forecast: the history as a line, the forecast dashed after it with its interval, a rule where actuals end. */
export interface ForecastRequest extends RequestBase {
  kind: "forecast";
  /** How the forecast was made, e.g. "damped Holt linear trend"; shown in the subtitle. @defaultValue none */
  method?: string;
  evidence: { history: SeriesEvidence; forecast: ForecastEvidence };
}

/** Unusual values: the whole series, the flagged points marked and labelled, the threshold drawn. */
export interface AnomaliesRequest extends RequestBase {
  kind: "anomalies";
  /** The bounds a value had to cross (either may be absent, e.g. for an isolation forest) and the rule in words. */
  threshold: { lower?: number; upper?: number; rule: string };
  evidence: { series: SeriesEvidence; flagged: FlaggedEvidence };
}

/** A share or rate: one part-to-whole picture. */
export interface ShareRequest extends RequestBase {
  kind: "share";
  /** Labels of the components that make the asked-for part (e.g. ["sun"]). */
  part: Key[];
  evidence: { components: ComponentsEvidence };
}

/** A measure per group: horizontal bars sorted by value with value labels. The answer rows are the picture. */
export interface RankingRequest extends RequestBase {
  kind: "ranking";
  /** Answer columns: the group and its value. */
  key: string;
  value: string;
  /** "desc" puts the largest on top (top N), "asc" the smallest (bottom N). @defaultValue "desc" */
  order?: "desc" | "asc";
  /** How the value was aggregated; a pie is offered only for sums and counts. @defaultValue read from the name */
  aggregate?: "sum" | "count" | "mean" | "median" | "min" | "max" | "other";
}

/** A measure over time: a line with a time axis at the data's grain, first, last, peak and trough annotated. */
export interface TrendRequest extends RequestBase {
  kind: "trend";
  /** Answer columns: the period and the value. */
  time: string;
  value: string;
}

/** How values are spread: a histogram (or box plots per group) with the mean and median marked. */
export interface DistributionRequest extends RequestBase {
  kind: "distribution";
  /** Over every value (not a sample); computed from the evidence when absent. @defaultValue computed */
  stats?: { mean: number; median: number; n?: number };
  evidence: { values: ValuesEvidence };
}

/** A measure by two keys: coloured lines (a time or ordered key) or grouped bars, with a legend. */
export interface TwoKeysRequest extends RequestBase {
  kind: "two_keys";
  /** Answer columns: the x key, the series key and the value. */
  key: string;
  series: string;
  value: string;
  /** As for a ranking: sums and counts of many series fold into "Other"; averages become small multiples. */
  aggregate?: RankingRequest["aggregate"];
}

/** One number: the number is the answer, no image. */
export interface ScalarRequest extends RequestBase {
  kind: "scalar";
}

/** No kind known: the chart is chosen from the answer's shape, as before evidence charts. */
export interface TableRequest extends RequestBase {
  kind: "table";
  options?: Omit<ChartOptions, "title">;
}

export type ChartRequest =
  | CorrelationRequest
  | ForecastRequest
  | AnomaliesRequest
  | ShareRequest
  | RankingRequest
  | TrendRequest
  | DistributionRequest
  | TwoKeysRequest
  | ScalarRequest
  | TableRequest;

export type RequestOf<K extends AnswerKind> = Extract<ChartRequest, { kind: K }>;

/** What the chart step gets back. */
export interface ChartOutcome {
  /** The spec to render, or null when there is no image (a scalar, too little evidence). */
  spec: VegaLiteSpec | null;
  /** The kind actually drawn ("table" when the evidence was unusable). */
  drawn: AnswerKind;
  /**
   * One line for the person when the picture is not what was asked: a requested type that does not fit,
   * evidence that could not be used. Null when nothing needs saying.
   */
  note: string | null;
}
