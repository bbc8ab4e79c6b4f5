// General English the rule planner reads: function words, aggregations, directions, time grains, synonyms and
// polarity. Nothing here names a dataset's columns: those words come from the Data DNA (see mentions.ts).
import type { Agg, Grain } from "../intent.js";

/** Aggregation words. */
export const AGG_WORDS: Record<string, Agg> = {
  average: "avg",
  avg: "avg",
  mean: "avg",
  typical: "avg",
  total: "sum",
  sum: "sum",
  combined: "sum",
  cumulative: "sum",
  median: "median",
  maximum: "max",
  max: "max",
  minimum: "min",
  min: "min",
  count: "count",
};

/**
 * Direction words with no measure of their own. "desc" = the largest values first (highest, most, top);
 * "asc" = the smallest first (lowest, least, bottom). Superlatives that imply a measure ("heaviest") are in
 * adjectives.ts. "best"/"worst" depend on the measure's polarity.
 */
export const DESC_WORDS = new Set([
  "highest",
  "most",
  "largest",
  "biggest",
  "greatest",
  "top",
  "maximum",
  "max",
  "more",
  "peak",
]);
export const ASC_WORDS = new Set([
  "lowest",
  "least",
  "fewest",
  "smallest",
  "bottom",
  "minimum",
  "min",
  "fewer",
  "less",
]);
export const GOOD_WORDS = new Set(["best", "better"]);
export const BAD_WORDS = new Set(["worst", "worse"]);

/** Measures where a larger value is worse: "worst" ranks them from the highest. */
export const NEGATIVE_MEASURE =
  /delay|late|latency|death|fatalit|casualt|loss|debt|error|defect|fail|crime|injur|damage|unemploy|cost|expense|churn|complaint|wait|pollut|emission|price/i;

/** Measures a person adds up rather than averages (used when no aggregation word is given). */
export const ADDITIVE_MEASURE =
  /(^|[_\s])(total|count|number|num|sales|revenue|gross|generation|deaths?|people|population|pop|amount|volume|quantity|qty|units|cases|votes|births|orders|visits|clicks|employees|jobs|emissions|precipitation|rainfall|snowfall|profit|income|spend|spending|sold|passengers|flights|trips|downloads|views|commits|stars|consumption|production|exports|imports)([_\s]|s?$)/i;

/** Grain words after "by"/"per"/"each" and adverbs like "monthly". */
export const GRAIN_WORDS: Record<string, Grain> = {
  year: "year",
  years: "year",
  yearly: "year",
  annual: "year",
  annually: "year",
  quarter: "quarter",
  quarters: "quarter",
  quarterly: "quarter",
  month: "month",
  months: "month",
  monthly: "month",
  week: "week",
  weeks: "week",
  weekly: "week",
  day: "day",
  days: "day",
  daily: "day",
  date: "day",
  weekday: "weekday",
  weekdays: "weekday",
  hour: "hour",
  hours: "hour",
  hourly: "hour",
};

/** Month names and their usual short forms, to month numbers. */
export const MONTHS: Record<string, number> = Object.fromEntries(
  [
    ["january", "jan"],
    ["february", "feb"],
    ["march", "mar"],
    ["april", "apr"],
    ["may", "may"],
    ["june", "jun"],
    ["july", "jul"],
    ["august", "aug"],
    ["september", "sep", "sept"],
    ["october", "oct"],
    ["november", "nov"],
    ["december", "dec"],
  ].flatMap((names, i) => names.map((name) => [name, i + 1])),
);

/** Word groups that name the same thing in questions and column names (general English, both directions). */
export const SYNONYMS: string[][] = [
  ["price", "cost", "prices"],
  ["gross", "revenue", "earnings", "sales", "takings", "box-office"],
  ["rating", "score", "rated", "ratings", "stars"],
  ["precipitation", "rainfall"],
  ["population", "pop", "people", "inhabitants"],
  ["delay", "delays", "lateness", "late"],
  ["mass", "weight"],
  ["deaths", "fatalities", "killed", "death"],
  ["country", "nation", "countries"],
  ["maximum", "max"],
  ["minimum", "min"],
  ["average", "avg", "mean"],
  ["amount", "value"],
  ["quantity", "qty", "units"],
  ["length", "len"],
  ["number", "num", "count"],
  ["year", "yr"],
  ["duration", "length", "runtime"],
  ["employment", "employees", "jobs"],
  ["company", "firm", "stock", "ticker", "symbol"],
  ["genre", "category", "type", "kind"],
  ["location", "place", "city", "town"],
];

/** Nouns that name what a category column holds rather than a thing: "weather type", "kind of genre". */
export const CATEGORY_NOUNS = new Set(["type", "types", "kind", "kinds", "category", "categories", "class", "group"]);

/** Nouns that name a table's rows whatever the table is. */
export const ROW_NOUNS = new Set([
  "row",
  "rows",
  "record",
  "records",
  "entry",
  "entries",
  "item",
  "items",
  "line",
  "lines",
  "observation",
  "observations",
  "data",
  "table",
  "dataset",
  "one",
  "ones",
  "value",
  "values",
]);

/**
 * Words that carry no content of their own in a data question: grammar, question words, pronouns, politeness,
 * and verbs that only ask for the answer ("show", "list") or say that rows exist ("had", "recorded").
 */
export const FUNCTION_WORDS = new Set(
  (
    "a an the of in on at to for from by with and or nor but is are was were be been being am do does did done " +
    "has have had having what whats which who whom whose how hows where wheres when whens why there theres their " +
    "its it it's this that these those each every all any some than then as into over under about across between " +
    "during within per among out up down off onto upon via vs versus me my mine i we us our you your they them he " +
    "she his her please thanks thank can could would should will shall may might must let lets tell give show list " +
    "find get got display see want need know like return report compute calculate plot chart graph visualize " +
    "visualise recorded reported listed registered observed measured occurred happened seen next last previous " +
    "since before after until till prior also just only overall whole entire so very much really actually " +
    "currently here now ever far yet not no yes ok okay hi hello hey column columns field fields variable variables"
  ).split(" "),
);

/** Words that never name a value or a column on their own. */
export const STOP_WORDS = new Set([
  ...FUNCTION_WORDS,
  ...ROW_NOUNS,
  ..."number count percentage percent share proportion fraction rate".split(" "),
]);

const SYNONYM_INDEX = new Map<string, Set<string>>();
for (const group of SYNONYMS) {
  for (const word of group) {
    const set = SYNONYM_INDEX.get(word) ?? new Set<string>();
    for (const other of group) set.add(other);
    SYNONYM_INDEX.set(word, set);
  }
}

export function synonymsOf(word: string): Set<string> {
  return SYNONYM_INDEX.get(word) ?? new Set([word]);
}

/** Words the planner itself reads: grains, aggregates, directions, months and stop words. */
export function isPlannerWord(word: string): boolean {
  return (
    STOP_WORDS.has(word) ||
    word in GRAIN_WORDS ||
    word in AGG_WORDS ||
    word in MONTHS ||
    DESC_WORDS.has(word) ||
    ASC_WORDS.has(word) ||
    GOOD_WORDS.has(word) ||
    BAD_WORDS.has(word)
  );
}
