// Gallery cases about groups and parts: a share, a ranking with the asked-for group highlighted, grouped bars,
// requested chart types (one that fits, one that does not) and a scalar, which makes no image.
import { componentsRecipe, fillRecipe } from "../../charts/index.js";
import { quoteIdent } from "../../data/index.js";
import { type GalleryCase, UNITS } from "./case.js";
import { tableOf } from "./gallery-data.js";

const WEATHER = "seattle-weather.csv";

export const GROUP_CASES: GalleryCase[] = [
  {
    name: "share",
    question: "What percentage of days were sunny?",
    async build(data) {
      const source = data.table(WEATHER);
      const components = await data.query(
        fillRecipe(
          componentsRecipe,
          {
            fragments: { source, label: `"weather"`, value: "count(*)" },
            identifiers: { label_name: "weather", value_name: "days" },
          },
          quoteIdent,
        ),
      );
      const answer = await data.query(
        `SELECT count(*) AS n_days, count(*) FILTER (WHERE "weather" = 'sun') AS n_sun,
           100.0 * count(*) FILTER (WHERE "weather" = 'sun') / count(*) AS pct_sun FROM ${source}`,
      );
      return {
        kind: "share",
        part: ["sun"],
        evidence: { components: { table: tableOf(components), label: "weather", value: "days" } },
        answer: tableOf(answer),
        presentation: { title: "Share of days that were sunny", units: UNITS },
      };
    },
  },
  {
    name: "ranking",
    question: "How does Toyota compare with other makers on miles per gallon, for cars from 1975 on?",
    async build(data) {
      const answer = await data.query(
        `SELECT split_part("Name", ' ', 1) AS maker, avg("Miles_per_Gallon") AS avg_mpg FROM ${data.table("cars.json")}
         WHERE "Year" >= DATE '1975-01-01' AND "Miles_per_Gallon" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
      );
      return {
        kind: "ranking",
        key: "maker",
        value: "avg_mpg",
        aggregate: "mean",
        answer: tableOf(answer),
        presentation: {
          title: "Average miles per gallon by maker",
          filter: "model year ≥ 1975",
          units: UNITS,
          labels: { avg_mpg: "Average miles per gallon" },
          highlight: ["toyota"],
        },
      };
    },
  },
  {
    name: "two-keys-bars",
    question: "How many days of each weather were there each year?",
    async build(data) {
      const answer = await data.query(
        `SELECT "weather", year("date") AS year, count(*) AS days FROM ${data.table(WEATHER)} GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      return {
        kind: "two_keys",
        key: "weather",
        series: "year",
        value: "days",
        aggregate: "count",
        answer: tableOf(answer),
        presentation: { title: "Days of each weather by year", units: UNITS, labels: { days: "Days" } },
      };
    },
  },
  {
    name: "requested-pie",
    question: "Cars by origin as a pie chart",
    async build(data) {
      const answer = await data.query(
        `SELECT "Origin", count(*) AS cars FROM ${data.table("cars.json")} GROUP BY 1 ORDER BY 2 DESC`,
      );
      return {
        kind: "ranking",
        key: "Origin",
        value: "cars",
        aggregate: "count",
        answer: tableOf(answer),
        presentation: { title: "Cars by origin", requested: "pie" },
      };
    },
  },
  {
    name: "requested-misfit",
    question: "Average max temperature by year as a pie chart",
    async build(data) {
      const answer = await data.query(
        `SELECT year("date") AS year, avg("temp_max") AS temp_max FROM ${data.table(WEATHER)} GROUP BY 1 ORDER BY 1`,
      );
      return {
        kind: "trend",
        time: "year",
        value: "temp_max",
        answer: tableOf(answer),
        presentation: {
          title: "Average max temperature by year",
          units: UNITS,
          labels: { temp_max: "Max temperature" },
          requested: "pie",
        },
      };
    },
  },
  {
    name: "scalar",
    question: "How many cars are there?",
    async build(data) {
      const answer = await data.query(`SELECT count(*) AS cars FROM ${data.table("cars.json")}`);
      return { kind: "scalar", answer: tableOf(answer), presentation: { title: "Number of cars" } };
    },
  },
];
