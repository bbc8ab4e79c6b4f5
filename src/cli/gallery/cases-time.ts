// Gallery cases over time: trends at two grains, a forecast and an anomaly search (analytics in the Python
// sandbox), and series by a second key (coloured lines, top-N + Other, small multiples).
import { fillRecipe, latestSeriesRecipe, seriesRecipe } from "../../charts/index.js";
import { quoteIdent } from "../../data/index.js";
import { type GalleryCase, UNITS } from "./case.js";
import { type GalleryData, tableOf } from "./gallery-data.js";

const WEATHER = "seattle-weather.csv";
const TEMPERATURE = { temp_max: "Max temperature" };

const FORECAST_PY = `import pandas as pd
from insightx_analytics import forecast

out = forecast(df, date_col="day", value_col="flights", periods=7, freq="D")
result = {key: out[key] for key in ("method", "interval", "dates", "values", "lower", "upper")}
`;

const ANOMALIES_PY = `from insightx_analytics import anomalies

out = anomalies(df, "precipitation", method="zscore")
result = {key: out[key] for key in ("method", "threshold", "bounds", "count", "indices")}
`;

function trend(name: string, question: string, period: string, column: string, title: string): GalleryCase {
  return {
    name,
    question,
    async build(data) {
      const answer = await data.query(
        `SELECT ${period} AS ${column}, avg("temp_max") AS temp_max FROM ${data.table(WEATHER)} GROUP BY 1 ORDER BY 1`,
      );
      return {
        kind: "trend",
        time: column,
        value: "temp_max",
        answer: tableOf(answer),
        presentation: { title, units: UNITS, labels: TEMPERATURE },
      };
    },
  };
}

async function twoKeys(data: GalleryData, sql: string) {
  return tableOf(await data.query(sql));
}

export const TIME_CASES: GalleryCase[] = [
  trend("trend", "Average max temperature by year", `year("date")`, "year", "Average max temperature by year"),
  trend(
    "trend-monthly",
    "Average max temperature by month",
    `date_trunc('month', "date")`,
    "month",
    "Average max temperature by month",
  ),
  {
    name: "forecast",
    question: "Forecast the number of flights per day for the next 7 days",
    async build(data) {
      const history = await data.query(
        fillRecipe(
          latestSeriesRecipe,
          {
            fragments: {
              source: data.table("flights-20k.json"),
              period: `date_trunc('day', "date")`,
              value: "count(*)",
            },
            identifiers: { time: "day", measure: "flights" },
          },
          quoteIdent,
        ),
      );
      const out = (await data.python(FORECAST_PY, history)) as {
        method: string;
        interval: number;
        dates: string[];
        values: number[];
        lower: number[];
        upper: number[];
      };
      const rows = out.dates.map((date, i) => [date.slice(0, 10), out.values[i], out.lower[i], out.upper[i]]);
      const forecast = {
        columns: ["day", "forecast", "lower", "upper"],
        types: ["DATE", "DOUBLE", "DOUBLE", "DOUBLE"],
        rows,
      };
      return {
        kind: "forecast",
        method: out.method,
        evidence: {
          history: { table: tableOf(history), time: "day", value: "flights" },
          forecast: {
            table: forecast,
            time: "day",
            value: "forecast",
            lower: "lower",
            upper: "upper",
            interval: out.interval,
          },
        },
        answer: forecast,
        presentation: {
          title: "Flights per day, forecast for the next 7 days",
          labels: { flights: "Flights per day" },
        },
      };
    },
  },
  {
    name: "anomalies",
    question: "Find anomalies in daily precipitation",
    async build(data) {
      const series = await data.query(
        fillRecipe(
          seriesRecipe,
          {
            fragments: { source: data.table(WEATHER), period: `"date"`, value: `sum("precipitation")` },
            identifiers: { time: "date", measure: "precipitation" },
          },
          quoteIdent,
        ),
      );
      const out = (await data.python(ANOMALIES_PY, series)) as {
        threshold: number;
        bounds: { lower: number; upper: number } | null;
        indices: number[];
      };
      const flagged = { ...tableOf(series), rows: out.indices.map((i) => series.rows[i]!) };
      return {
        kind: "anomalies",
        threshold: { ...(out.bounds ?? {}), rule: `|z| > ${out.threshold}` },
        evidence: {
          series: { table: tableOf(series), time: "date", value: "precipitation" },
          flagged: { table: flagged, time: "date", value: "precipitation" },
        },
        answer: flagged,
        presentation: {
          title: "Unusually wet days in Seattle",
          units: UNITS,
          labels: { precipitation: "Precipitation" },
        },
      };
    },
  },
  {
    name: "two-keys-lines",
    question: "Average stock price by year for each symbol",
    async build(data) {
      const answer = await twoKeys(
        data,
        `SELECT year("date") AS year, "symbol", avg("price") AS avg_price FROM ${data.table("stocks.csv")}
         GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      return {
        kind: "two_keys",
        key: "year",
        series: "symbol",
        value: "avg_price",
        aggregate: "mean",
        answer,
        presentation: { title: "Average stock price by year", units: UNITS, labels: { avg_price: "Average price" } },
      };
    },
  },
  {
    name: "many-series-top-n",
    question: "Flights per week by origin airport",
    async build(data) {
      const answer = await twoKeys(
        data,
        `SELECT date_trunc('week', "date") AS week, "origin", count(*) AS flights FROM ${data.table("flights-20k.json")}
         GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      return {
        kind: "two_keys",
        key: "week",
        series: "origin",
        value: "flights",
        aggregate: "count",
        answer,
        presentation: {
          title: "Flights per week by origin airport",
          labels: { flights: "Flights per week", origin: "Origin" },
        },
      };
    },
  },
  {
    name: "many-series-small-multiples",
    question: "Unemployment rate by industry over time",
    async build(data) {
      const answer = await twoKeys(
        data,
        `SELECT date_trunc('month', "date") AS month, "series" AS industry, avg("rate") AS rate
         FROM ${data.table("unemployment-across-industries.json")} GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      return {
        kind: "two_keys",
        key: "month",
        series: "industry",
        value: "rate",
        aggregate: "mean",
        answer,
        presentation: { title: "Unemployment rate by industry", units: UNITS, labels: { rate: "Unemployment rate" } },
      };
    },
  },
];
