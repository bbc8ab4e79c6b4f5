// The rule planner's SQL, run on real vega-datasets in DuckDB, against answers computed in plain JS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryResult } from "../../../src/data/index.js";
import { type Fixture, groupBy, mean, num, readRows, startFixture, sum, valueFor } from "./datasets.js";

let fx: Fixture;
beforeAll(() => {
  fx = startFixture();
});
afterAll(async () => {
  await fx.close();
});

const close = (actual: number | null, expected: number, digits = 4) => {
  expect(actual).not.toBeNull();
  expect(actual!).toBeCloseTo(expected, digits);
};

async function sql(file: string, question: string, classification: "SQL_ONLY" | "SQL_THEN_PY" = "SQL_ONLY") {
  const asked = await fx.ask(file, question);
  expect(asked.plan.classification).toBe(classification);
  return asked.result as QueryResult;
}

/** Every expected group appears with its value in the column the plan aggregated into. */
function expectGroups(result: QueryResult, column: string, expected: Map<string, number>, digits = 4) {
  for (const [label, value] of expected) close(valueFor(result, label, column), value, digits);
}

const cars = readRows("cars.json");
const seattle = readRows("seattle-weather.csv");
const penguins = readRows("penguins.json");
const flights = readRows("flights-20k.json");

describe("rule planner on the eval's question shapes", () => {
  it("averages a measure over all rows, ignoring nulls, and counts the rows it used", async () => {
    const r = await sql("cars.json", "What is the average horsepower?");
    const hp = cars.map((c) => num(c.Horsepower)).filter((v): v is number => v !== null);
    expect(r.columns).toEqual(["avg_horsepower", "n_cars"]);
    close(r.rows[0]![0] as number, mean(hp));
    expect(r.rows[0]![1]).toBe(hp.length);
  });

  it("averages a measure named in several words by a group", async () => {
    const r = await sql("cars.json", "Average miles per gallon by origin");
    expectGroups(
      r,
      "avg_miles_per_gallon",
      groupBy(
        cars,
        (c) => c.Origin,
        (c) => num(c.Miles_per_Gallon),
        mean,
      ),
    );
  });

  it("answers 'which X has the most <rows>' with the largest group first", async () => {
    const r = await sql("cars.json", "Which origin has the most cars?");
    const counts = groupBy(
      cars,
      (c) => c.Origin,
      () => 1,
      (v) => v.length,
    );
    const best = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(r.rows[0]![0]).toBe(best[0]);
    expect(r.rows[0]![1]).toBe(best[1]);
  });

  it("ranks rows by a measure and labels them with the name column", async () => {
    const r = await sql("cars.json", "Top 5 cars by horsepower");
    const sorted = cars
      .filter((c) => num(c.Horsepower) !== null)
      .sort((a, b) => Number(b.Horsepower) - Number(a.Horsepower));
    expect(r.rows).toHaveLength(5);
    expect(r.rows[0]).toContain(sorted[0]!.Name);
    expect(r.rows.map((row) => row.at(-1))).toEqual(sorted.slice(0, 5).map((c) => c.Horsepower));
  });

  it("computes a correlation between two measures matched by name words", async () => {
    const r = await sql("cars.json", "What is the correlation between weight and miles per gallon?");
    const pairs = cars.filter((c) => num(c.Weight_in_lbs) !== null && num(c.Miles_per_Gallon) !== null);
    const xs = pairs.map((c) => Number(c.Weight_in_lbs));
    const ys = pairs.map((c) => Number(c.Miles_per_Gallon));
    const [mx, my] = [mean(xs), mean(ys)];
    const cov = sum(xs.map((x, i) => (x - mx) * (ys[i]! - my)));
    const corr = cov / Math.sqrt(sum(xs.map((x) => (x - mx) ** 2)) * sum(ys.map((y) => (y - my) ** 2)));
    close(r.rows[0]![0] as number, corr, 6);
    expect(r.rows[0]![1]).toBe(pairs.length);
  });

  it("counts rows with a number said before a column ('8 cylinders') and gives the share of all rows", async () => {
    const r = await sql("cars.json", "How many cars have 8 cylinders?");
    const hits = cars.filter((c) => c.Cylinders === 8).length;
    expect(r.rows[0]![0]).toBe(hits);
    expect(r.rows[0]![1]).toBe(cars.length);
    close(r.rows[0]![2] as number, (100 * hits) / cars.length);
  });

  it("counts and shares a known value matched through an adjective ('sunny' is 'sun')", async () => {
    const rain = await sql("seattle-weather.csv", "How many days had rain?");
    expect(rain.rows[0]![0]).toBe(seattle.filter((d) => d.weather === "rain").length);
    const sun = await sql("seattle-weather.csv", "What percentage of days were sunny?");
    expect(sun.columns).toContain("pct_sun");
    const pct = sun.rows[0]![sun.columns.indexOf("pct_sun")] as number;
    close(pct, (100 * seattle.filter((d) => d.weather === "sun").length) / seattle.length);
  });

  it("groups a date column by year and sums or averages per year", async () => {
    const year = (d: Record<string, unknown>) => String(d.date).slice(0, 4);
    const tmax = await sql("seattle-weather.csv", "Average max temperature by year");
    expect(tmax.columns.slice(0, 2)).toEqual(["year", "avg_temp_max"]);
    expectGroups(
      tmax,
      "avg_temp_max",
      groupBy(seattle, year, (d) => num(d.temp_max), mean),
    );
    const precip = await sql("seattle-weather.csv", "Total precipitation per year");
    expectGroups(
      precip,
      "total_precipitation",
      groupBy(seattle, year, (d) => num(d.precipitation), sum),
      2,
    );
    expect(precip.rows.map((row) => row[0])).toEqual([2012, 2013, 2014, 2015]);
  });

  it("filters on a known value and takes the maximum", async () => {
    const r = await sql("stocks.csv", "What was the maximum price of AAPL?");
    const prices = readRows("stocks.csv")
      .filter((s) => s.symbol === "AAPL")
      .map((s) => Number(s.price));
    close(r.rows[0]![0] as number, Math.max(...prices));
  });

  it("ranks groups by a summed measure and skips rows whose group is null", async () => {
    const r = await sql("movies.json", "Top 5 directors by total worldwide gross");
    const movies = readRows("movies.json");
    const totals = [
      ...groupBy(
        movies,
        (m) => m.Director,
        (m) => num(m["Worldwide Gross"]),
        sum,
      ),
    ].sort((a, b) => b[1] - a[1]);
    expect(r.rows.map((row) => row[0])).toEqual(totals.slice(0, 5).map(([k]) => k));
    expect(r.rows.every((row) => row[0] !== null)).toBe(true);
  });

  it("reads 'worst' as highest for a delay and ranks groups by their average", async () => {
    const r = await sql("flights-20k.json", "Which 5 origin airports have the worst average delay?");
    const avgs = [
      ...groupBy(
        flights,
        (f) => f.origin,
        (f) => num(f.delay),
        mean,
      ),
    ].sort((a, b) => b[1] - a[1]);
    expect(r.rows).toHaveLength(5);
    close(r.rows[0]![1] as number, avgs[0]![1]);
    expect(avgs.slice(0, 3).map(([k]) => k)).toContain(r.rows[0]![0]);
  });

  it("extracts the hour of day from a timestamp", async () => {
    const r = await sql("flights-20k.json", "Average delay by hour of day");
    const hour = (f: Record<string, unknown>) => Number(String(f.date).slice(11, 13));
    expectGroups(
      r,
      "avg_delay",
      groupBy(flights, hour, (f) => num(f.delay), mean),
    );
  });

  it("filters an integer year column and a DATE column named year by a year in the question", async () => {
    const pop = await sql("population.json", "What was the total number of people in 2000?");
    const people = readRows("population.json")
      .filter((p) => p.year === 2000)
      .map((p) => Number(p.people));
    expect(pop.rows[0]![0]).toBe(sum(people));
    const iowa = await sql("iowa-electricity.csv", "Net generation by source in 2017");
    const rows = readRows("iowa-electricity.csv").filter((r) => String(r.year).startsWith("2017"));
    expectGroups(
      iowa,
      "total_net_generation",
      groupBy(
        rows,
        (r) => r.source,
        (r) => num(r.net_generation),
        sum,
      ),
    );
  });

  it("applies a multi-word known value as a filter and groups by an integer year column", async () => {
    const r = await sql("disasters.csv", "Which year had the most deaths from all natural disasters?");
    const all = readRows("disasters.csv").filter((d) => d.Entity === "All natural disasters");
    const worst = all.sort((a, b) => Number(b.Deaths) - Number(a.Deaths))[0]!;
    expect(r.rows[0]![0]).toBe(worst.Year);
  });

  it("counts rows per group said with 'on each'", async () => {
    const r = await sql("penguins.json", "How many penguins are on each island?");
    for (const [island, n] of groupBy(
      penguins,
      (p) => p.Island,
      () => 1,
      (v) => v.length,
    )) {
      expect(valueFor(r, island, "n_penguins")).toBe(n);
    }
  });
});

describe("rule planner on other datasets and shapes", () => {
  it("matches a column with a unit in parentheses ('body mass' is 'Body Mass (g)')", async () => {
    const r = await sql("penguins.json", "Which species has the heaviest average body mass?");
    const avgs = [
      ...groupBy(
        penguins,
        (p) => p.Species,
        (p) => num(p["Body Mass (g)"]),
        mean,
      ),
    ].sort((a, b) => b[1] - a[1]);
    expect(r.rows[0]![0]).toBe(avgs[0]![0]);
    close(r.rows[0]![1] as number, avgs[0]![1]);
  });

  it("counts rows above a threshold said as 'more than N <column>'", async () => {
    const r = await sql("cars.json", "How many cars have more than 200 horsepower?");
    expect(r.rows[0]![0]).toBe(cars.filter((c) => Number(c.Horsepower) > 200).length);
  });

  it("treats a value after 'in' as the setting and the other value as what is counted", async () => {
    const weather = readRows("weather.csv");
    const r = await sql("weather.csv", "How many days had snow in Seattle?");
    expect(r.rows[0]![0]).toBe(weather.filter((w) => w.location === "Seattle" && w.weather === "snow").length);
    expect(r.rows[0]![1]).toBe(weather.filter((w) => w.location === "Seattle").length);
  });

  it("computes the rate of a status value per group", async () => {
    const weather = readRows("weather.csv");
    const r = await sql("weather.csv", "What percentage of days were rainy by location?");
    const rate = groupBy(
      weather,
      (w) => w.location,
      (w) => (w.weather === "rain" ? 100 : 0),
      mean,
    );
    expectGroups(r, "pct_rain", rate);
  });

  it("orders a weekday grouping Monday first", async () => {
    const r = await sql("flights-20k.json", "Average delay by weekday");
    expect(r.rows.map((row) => row[0])).toEqual([
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
    ]);
  });

  it("groups by month of year, by a monthly adverb, and picks a trend grain on its own", async () => {
    const moy = await sql("seattle-weather.csv", "Average max temperature by month of year");
    expect(moy.rows).toHaveLength(12);
    expect(moy.rows[0]![0]).toBe("January");
    const msft = await sql("stocks.csv", "Monthly average price of MSFT");
    expect(msft.rows).toHaveLength(readRows("stocks.csv").filter((s) => s.symbol === "MSFT").length);
    const trend = await sql("co2-concentration.csv", "CO2 trend over time");
    expect(trend.rows.length).toBeLessThanOrEqual(120);
    expect(trend.rows.length).toBeGreaterThan(10);
  });

  it("adds up a measure counted with 'how many <measure>' and sums a population by year", async () => {
    const gap = readRows("gapminder.json");
    const r = await sql("gapminder.json", "Total population by year");
    expectGroups(
      r,
      "total_pop",
      groupBy(
        gap,
        (g) => g.year,
        (g) => num(g.pop),
        sum,
      ),
      0,
    );
  });

  it("ranks single rows with the lowest value first and reads JSON title columns as text", async () => {
    const light = await sql("cars.json", "Which car has the lowest weight?");
    const lightest = [...cars].sort((a, b) => Number(a.Weight_in_lbs) - Number(b.Weight_in_lbs))[0]!;
    expect(light.rows[0]).toContain(lightest.Name);
    const top = await sql("movies.json", "Top 10 movies by worldwide gross");
    const movies = readRows("movies.json").filter((m) => num(m["Worldwide Gross"]) !== null);
    const best = movies.sort((a, b) => Number(b["Worldwide Gross"]) - Number(a["Worldwide Gross"]))[0]!;
    expect(top.rows[0]![0]).toBe(best.Title);
  });

  it("builds a histogram whose bins hold every non-null value", async () => {
    const r = await sql("penguins.json", "Histogram of body mass");
    const n = penguins.filter((p) => num(p["Body Mass (g)"]) !== null).length;
    expect(sum(r.rows.map((row) => Number(row[2])))).toBe(n);
  });

  it("takes the median and the lowest group by an average", async () => {
    const med = await sql("cars.json", "What is the median acceleration?");
    const acc = cars.map((c) => Number(c.Acceleration)).sort((a, b) => a - b);
    close(med.rows[0]![0] as number, (acc[acc.length / 2 - 1]! + acc[acc.length / 2]!) / 2);
    const barley = readRows("barley.json");
    const low = await sql("barley.json", "Which variety has the lowest average yield?");
    const avgs = [
      ...groupBy(
        barley,
        (b) => b.variety,
        (b) => num(b.yield),
        mean,
      ),
    ].sort((a, b) => a[1] - b[1]);
    expect(low.rows[0]![0]).toBe(avgs[0]![0]);
  });

  it("plans anomalies and forecasts as SQL then Python over a per-period series", async () => {
    const anomalies = await fx.ask("seattle-weather.csv", "Find anomalies in daily precipitation");
    expect(anomalies.plan.classification).toBe("SQL_THEN_PY");
    expect(anomalies.result!.rows).toHaveLength(seattle.length);
    const forecast = await fx.ask("flights-20k.json", "Forecast the number of flights per day for the next 7 days");
    expect(forecast.plan.classification).toBe("SQL_THEN_PY");
    const perDay = groupBy(
      flights,
      (f) => String(f.date).slice(0, 10).replaceAll("/", "-"),
      () => 1,
      (v) => v.length,
    );
    expectGroups(forecast.result!, "n_flights", perDay, 0);
  });

  it("keeps the measure when a comparison follows it and allows a unit between number and column", async () => {
    const disp = await sql("cars.json", "Average displacement of cars with at least 6 cylinders");
    const six = cars.filter((c) => Number(c.Cylinders) >= 6 && num(c.Displacement) !== null);
    close(disp.rows[0]![0] as number, mean(six.map((c) => Number(c.Displacement))));
    const wet = await sql("seattle-weather.csv", "How many days had more than 10 mm of precipitation?");
    expect(wet.rows[0]![0]).toBe(seattle.filter((d) => Number(d.precipitation) > 10).length);
  });

  it("reads a superlative adjective as its measure and names the day", async () => {
    const hot = await sql("seattle-weather.csv", "What was the hottest day?");
    const hottest = [...seattle].sort((a, b) => Number(b.temp_max) - Number(a.temp_max))[0]!;
    expect(hot.rows[0]).toContain(hottest.date);
  });
});
