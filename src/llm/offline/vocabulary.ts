// General English vocabulary the planner understands: aggregation, direction, time grains, synonyms, polarity.
import type { Agg, Grain } from "./types.js";

/** Aggregation words; multi-word phrases are matched before single words. */
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
 * Direction words. "desc" = the largest values first (highest, most, largest, top, max);
 * "asc" = the smallest first (lowest, least, fewest, bottom, min). "best"/"worst" depend on the
 * measure's polarity: for a measure where more is bad (delay, deaths, cost…) worst = highest.
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
  "longest",
  "heaviest",
  "tallest",
  "fastest",
  "strongest",
  "richest",
  "hottest",
  "warmest",
  "wettest",
  "windiest",
  "busiest",
  "highest-rated",
  "more",
]);
export const ASC_WORDS = new Set([
  "lowest",
  "least",
  "fewest",
  "smallest",
  "bottom",
  "minimum",
  "min",
  "shortest",
  "lightest",
  "slowest",
  "weakest",
  "poorest",
  "coldest",
  "coolest",
  "driest",
  "cheapest",
  "quietest",
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

/** Word pairs that name the same thing in questions and column names (both directions apply). */
export const SYNONYMS: string[][] = [
  ["price", "cost", "prices"],
  ["gross", "revenue", "earnings", "sales", "takings", "box-office"],
  ["rating", "score", "rated", "ratings", "stars"],
  ["temperature", "temp", "temperatures"],
  ["precipitation", "precip", "rainfall"],
  ["population", "pop", "people", "inhabitants"],
  ["delay", "delays", "lateness", "late"],
  ["mass", "weight"],
  ["horsepower", "hp", "power"],
  ["wind", "windspeed", "windy"],
  ["yield", "harvest"],
  ["deaths", "fatalities", "killed", "death"],
  ["country", "nation", "countries"],
  ["maximum", "max"],
  ["minimum", "min"],
  ["average", "avg", "mean"],
  ["expectancy", "expect", "expectation"],
  ["amount", "value"],
  ["quantity", "qty", "units"],
  ["length", "len"],
  ["number", "num", "count"],
  ["year", "yr"],
  ["duration", "length", "runtime"],
  ["employment", "employees", "jobs"],
  ["company", "firm", "stock", "ticker", "symbol"],
  ["genre", "category", "type", "kind"],
];

/** Abbreviations that stand for several column words. */
export const EXPANSIONS: Record<string, string[]> = {
  mpg: ["miles", "per", "gallon"],
  hp: ["horsepower"],
  gdp: ["gross", "domestic", "product"],
  co2: ["co2"],
};

/** Words that never name a value or a column on their own. */
export const STOP_WORDS = new Set(
  (
    "a an the of in on at to for from by with and or is are was were be been do does did has have had what which " +
    "who whom whose how many much show me give list find tell get there their its it this that these those each every " +
    "per all any some than then as into over under about across between vs versus compare comparison during " +
    "value values number count percentage percent share proportion fraction rate data table dataset rows row record " +
    "records entries entry one ones i we you they please can could would should will next last"
  ).split(" "),
);

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

/** Superlatives that name their measure: "the hottest day" ranks by temperature. */
export const IMPLIED_MEASURE: Record<string, string> = {
  hottest: "maximum temperature",
  warmest: "maximum temperature",
  coldest: "minimum temperature",
  coolest: "minimum temperature",
  windiest: "wind",
  wettest: "precipitation",
  rainiest: "precipitation",
  driest: "precipitation",
  heaviest: "weight",
  lightest: "weight",
  cheapest: "price",
  priciest: "price",
  longest: "length",
  shortest: "length",
  oldest: "age",
  youngest: "age",
};
