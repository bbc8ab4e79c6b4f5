// Chart requests for every answer kind, built from vega-datasets files the way a plan's queries would return them
// (aggregated in JS here, so the chart tests need no database).
import { readFileSync } from "node:fs";
import type {
  AnomaliesRequest,
  CorrelationRequest,
  DistributionRequest,
  ForecastRequest,
  RankingRequest,
  ShareRequest,
  TrendRequest,
  TwoKeysRequest,
} from "../../src/charts/index.js";
import { cars } from "./cars-fixtures.js";

const data = (file: string) => new URL(`../../node_modules/vega-datasets/data/${file}`, import.meta.url);
const weather = readFileSync(data("seattle-weather.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(","))
  .map(([date, precipitation, tempMax, , , kind]) => ({
    date: date!,
    precipitation: Number(precipitation),
    tempMax: Number(tempMax),
    kind: kind!,
  }));
const flights: Array<{ date: string; delay: number; distance: number; origin: string }> = JSON.parse(
  readFileSync(data("flights-20k.json"), "utf8"),
);

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

function groupMean<T>(rows: T[], key: (row: T) => string, value: (row: T) => number): Array<[string, number]> {
  const groups = new Map<string, number[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), value(row)]);
  return [...groups].map(([k, values]) => [k, mean(values)]);
}

function pearson(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

const UNITS = { Weight_in_lbs: "lbs", Miles_per_Gallon: "mpg", Horsepower: "hp", temp_max: "°C", precipitation: "mm" };

/** Weight against MPG for the 398 cars with both (the example), optionally coloured by origin. */
export function carsCorrelation(group = false): CorrelationRequest {
  const both = cars.filter((car) => car.Miles_per_Gallon !== null);
  const xs = both.map((car) => car.Weight_in_lbs);
  const ys = both.map((car) => car.Miles_per_Gallon!);
  const r = pearson(xs, ys);
  return {
    kind: "correlation",
    stats: { r, n: both.length },
    evidence: {
      pairs: {
        table: {
          columns: ["Weight_in_lbs", "Miles_per_Gallon", "Origin"],
          types: ["BIGINT", "DOUBLE", "VARCHAR"],
          rows: both.map((car) => [car.Weight_in_lbs, car.Miles_per_Gallon, car.Origin]),
        },
        x: "Weight_in_lbs",
        y: "Miles_per_Gallon",
        ...(group ? { group: "Origin" } : {}),
      },
    },
    answer: { columns: ["r", "n"], rows: [[r, both.length]] },
    presentation: { title: "Miles per gallon against weight", units: UNITS },
  };
}

/** Distance against delay for 20,000 flights: more pairs than a chart draws. */
export function flightsCorrelation(): CorrelationRequest {
  const r = pearson(
    flights.map((f) => f.distance),
    flights.map((f) => f.delay),
  );
  return {
    kind: "correlation",
    stats: { r, n: flights.length },
    evidence: {
      pairs: {
        table: { columns: ["distance", "delay"], rows: flights.map((f) => [f.distance, f.delay]) },
        x: "distance",
        y: "delay",
      },
    },
    answer: { columns: ["r"], rows: [[r]] },
    presentation: { title: "Delay against distance" },
  };
}

/** Flights per day (90 days) and a 7-day forecast that widens with the horizon. */
export function flightsForecast(): ForecastRequest {
  const perDay = new Map<string, number>();
  for (const flight of flights) {
    const day = flight.date.slice(0, 10).replaceAll("/", "-");
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const history = [...perDay].sort(([a], [b]) => a.localeCompare(b));
  const level = mean(history.slice(-28).map(([, n]) => n));
  const last = Date.parse(`${history.at(-1)![0]}T00:00:00Z`);
  const rows = Array.from({ length: 7 }, (_, i) => {
    const day = new Date(last + (i + 1) * 86_400_000).toISOString().slice(0, 10);
    return [day, level, level - 12 * Math.sqrt(i + 1), level + 12 * Math.sqrt(i + 1)];
  });
  const forecast = {
    columns: ["day", "forecast", "lower", "upper"],
    types: ["DATE", "DOUBLE", "DOUBLE", "DOUBLE"],
    rows,
  };
  return {
    kind: "forecast",
    method: "simple exponential smoothing",
    evidence: {
      history: {
        table: { columns: ["day", "flights"], types: ["DATE", "BIGINT"], rows: history },
        time: "day",
        value: "flights",
      },
      forecast: { table: forecast, time: "day", value: "forecast", lower: "lower", upper: "upper" },
    },
    answer: forecast,
    presentation: { title: "Flights per day, next 7 days" },
  };
}

/** Daily precipitation with the days beyond 3 standard deviations flagged. */
export function precipitationAnomalies(): AnomaliesRequest {
  const values = weather.map((day) => day.precipitation);
  const m = mean(values);
  const sd = Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
  const series = {
    columns: ["date", "precipitation"],
    types: ["DATE", "DOUBLE"],
    rows: weather.map((d) => [d.date, d.precipitation]),
  };
  const flagged = { ...series, rows: series.rows.filter(([, v]) => Math.abs(((v as number) - m) / sd) > 3) };
  return {
    kind: "anomalies",
    threshold: { upper: m + 3 * sd, lower: m - 3 * sd, rule: "|z| > 3" },
    evidence: {
      series: { table: series, time: "date", value: "precipitation" },
      flagged: { table: flagged, time: "date", value: "precipitation" },
    },
    answer: flagged,
    presentation: { title: "Unusually wet days", units: UNITS },
  };
}

/** Days of each weather; the question asked about sun. */
export function sunnyShare(): ShareRequest {
  const counts = new Map<string, number>();
  for (const day of weather) counts.set(day.kind, (counts.get(day.kind) ?? 0) + 1);
  const sun = counts.get("sun")!;
  return {
    kind: "share",
    part: ["sun"],
    evidence: {
      components: {
        table: {
          columns: ["weather", "days"],
          types: ["VARCHAR", "BIGINT"],
          rows: [...counts].map(([k, n]) => [k, BigInt(n)]),
        },
        label: "weather",
        value: "days",
      },
    },
    answer: { columns: ["n_days", "n_sun", "pct_sun"], rows: [[weather.length, sun, (100 * sun) / weather.length]] },
    presentation: { title: "Share of days that were sunny", units: { days: "days" } },
  };
}

/** Average MPG per maker (first word of the name), Toyota asked about. */
export function mpgByMaker(): RankingRequest {
  const rows = groupMean(
    cars.filter((car) => car.Miles_per_Gallon !== null),
    (car) => car.Name.split(" ")[0]!,
    (car) => car.Miles_per_Gallon!,
  );
  return {
    kind: "ranking",
    key: "maker",
    value: "avg_mpg",
    aggregate: "mean",
    answer: { columns: ["maker", "avg_mpg"], types: ["VARCHAR", "DOUBLE"], rows },
    presentation: { title: "Average MPG by maker", units: { avg_mpg: "mpg" }, highlight: ["toyota"] },
  };
}

/** Average max temperature per year (the 2012, 2012, 2013 ticks), month or day. */
export function temperatureTrend(grain: "year" | "month" | "day"): TrendRequest {
  const key = (date: string) =>
    grain === "year" ? date.slice(0, 4) : grain === "month" ? `${date.slice(0, 7)}-01` : date;
  const rows = groupMean(
    weather,
    (day) => key(day.date),
    (day) => day.tempMax,
  ).map(([k, v]) => [grain === "year" ? BigInt(k) : k, v]);
  return {
    kind: "trend",
    time: grain,
    value: "temp_max",
    answer: { columns: [grain, "temp_max"], types: [grain === "year" ? "BIGINT" : "DATE", "DOUBLE"], rows },
    presentation: { title: `Average max temperature by ${grain}`, units: UNITS },
  };
}

/** Daily precipitation as a trend: values that are never negative. */
export function precipitationTrend(): TrendRequest {
  return {
    kind: "trend",
    time: "date",
    value: "precipitation",
    answer: {
      columns: ["date", "precipitation"],
      types: ["DATE", "DOUBLE"],
      rows: weather.map((d) => [d.date, d.precipitation]),
    },
    presentation: { title: "Daily precipitation", units: UNITS },
  };
}

/** Horsepower of every car (a summary's evidence), optionally grouped by origin. */
export function horsepower(group = false): DistributionRequest {
  const rows = cars.filter((car) => car.Horsepower !== null).map((car) => [car.Horsepower, car.Origin]);
  return {
    kind: "distribution",
    evidence: {
      values: {
        table: { columns: ["Horsepower", "Origin"], rows },
        value: "Horsepower",
        ...(group ? { group: "Origin" } : {}),
      },
    },
    answer: { columns: ["mean"], rows: [[mean(rows.map((row) => row[0] as number))]] },
    presentation: { title: "Distribution of horsepower", units: UNITS },
  };
}

const stocks = readFileSync(data("stocks.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(","));

/** Average price per year and symbol: five series over time. */
export function pricesBySymbol(): TwoKeysRequest {
  const rows = groupMean(
    stocks,
    ([symbol, date]) => `${date!.split(" ")[2]}|${symbol}`,
    ([, , price]) => Number(price),
  ).map(([key, value]) => {
    const [year, symbol] = key.split("|");
    return [BigInt(year!), symbol, value];
  });
  return {
    kind: "two_keys",
    key: "year",
    series: "symbol",
    value: "avg_price",
    aggregate: "mean",
    answer: { columns: ["year", "symbol", "avg_price"], types: ["BIGINT", "VARCHAR", "DOUBLE"], rows },
    presentation: { title: "Average price by year", units: { avg_price: "$" } },
  };
}

/** Flights per week by origin: 220 series of counts. */
export function flightsByOrigin(): TwoKeysRequest {
  const counts = new Map<string, number>();
  for (const flight of flights) {
    const day = Date.parse(`${flight.date.slice(0, 10).replaceAll("/", "-")}T00:00:00Z`);
    const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * 86_400_000;
    const key = `${new Date(monday).toISOString().slice(0, 10)}|${flight.origin}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts].map(([key, n]) => [...key.split("|"), n]);
  return {
    kind: "two_keys",
    key: "week",
    series: "origin",
    value: "flights",
    aggregate: "count",
    answer: { columns: ["week", "origin", "flights"], types: ["DATE", "VARCHAR", "BIGINT"], rows },
    presentation: { title: "Flights per week by origin" },
  };
}

/** Unemployment rate per month by industry: 14 series of rates. */
export function unemploymentByIndustry(): TwoKeysRequest {
  const series: Array<{ series: string; date: string; rate: number }> = JSON.parse(
    readFileSync(data("unemployment-across-industries.json"), "utf8"),
  );
  return {
    kind: "two_keys",
    key: "month",
    series: "industry",
    value: "rate",
    aggregate: "mean",
    answer: {
      columns: ["month", "industry", "rate"],
      types: ["DATE", "VARCHAR", "DOUBLE"],
      rows: series.map((row) => [row.date.slice(0, 10), row.series, row.rate]),
    },
    presentation: { title: "Unemployment rate by industry", units: { rate: "%" } },
  };
}

/** Days of each weather by year: a category key and a year series (grouped bars). */
export function weatherByYear(): TwoKeysRequest {
  const counts = new Map<string, number>();
  for (const day of weather)
    counts.set(`${day.kind}|${day.date.slice(0, 4)}`, (counts.get(`${day.kind}|${day.date.slice(0, 4)}`) ?? 0) + 1);
  const rows = [...counts].map(([key, n]) => {
    const [kind, year] = key.split("|");
    return [kind, BigInt(year!), n];
  });
  return {
    kind: "two_keys",
    key: "weather",
    series: "year",
    value: "days",
    aggregate: "count",
    answer: { columns: ["weather", "year", "days"], types: ["VARCHAR", "BIGINT", "BIGINT"], rows },
    presentation: { title: "Days of each weather by year" },
  };
}
