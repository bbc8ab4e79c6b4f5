import { describe, expect, it } from "vitest";
import { buildChartSpec, type ResultTable } from "../../src/charts/index.js";
import {
  avgHorsepowerByOrigin,
  avgMpgByYearAndOrigin,
  carsPerYear,
  countByOriginAndCylinders,
  displacements,
  horsepowerVsMpg,
  weightByName,
} from "./cars-fixtures.js";
import { view } from "./spec-access.js";

describe("buildChartSpec defaults by result shape", () => {
  it("draws a time column and a measure as a line over a UTC temporal axis", () => {
    const spec = view(buildChartSpec(carsPerYear()));
    expect(spec.mark.type).toBe("line");
    expect(spec.encoding.x).toMatchObject({ field: "model_year", type: "temporal", scale: { type: "utc" } });
    expect(spec.encoding.y).toMatchObject({ field: "car_count", type: "quantitative", title: "Car count" });
    const times = spec.data.values.map((row) => row.model_year as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(Date.UTC(1970, 0, 1));
    expect(spec.data.values[0]?.car_count).toBe(35);
  });

  it("draws a category and a measure as bars sorted by value, largest first", () => {
    const table = avgHorsepowerByOrigin();
    const spec = view(buildChartSpec(table));
    expect(spec.mark.type).toBe("bar");
    expect(spec.encoding.x).toMatchObject({ field: "Origin", type: "nominal", sort: "-y" });
    expect(spec.encoding.y).toMatchObject({ field: "avg_horsepower", title: "Avg horsepower" });
    expect(spec.data.values.map((row) => row.Origin)).toEqual(["USA", "Europe", "Japan"]);
    expect(spec.title.text).toBe("Avg horsepower by origin");
    const usa = table.rows.find((row) => row[0] === "USA")![1];
    expect(spec.data.values[0]?.avg_horsepower).toBe(usa);
  });

  it("turns bars horizontal when labels are long or many, sized to fit every bar", () => {
    const spec = view(buildChartSpec(weightByName(50)));
    expect(spec.encoding.y).toMatchObject({ field: "Name", sort: "-x" });
    expect(spec.encoding.x).toMatchObject({ field: "Weight_in_lbs", axis: { format: ",.0f" } });
    expect(spec.height).toBeGreaterThanOrEqual(50 * 14);
    const weights = spec.data.values.map((row) => row.Weight_in_lbs as number);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it("keeps a few short categories as vertical bars but turns ten long ones horizontal", () => {
    const short = view(buildChartSpec(avgHorsepowerByOrigin()));
    expect(short.encoding.x?.field).toBe("Origin");
    const long = view(buildChartSpec(weightByName(10)));
    expect(long.encoding.y?.field).toBe("Name");
  });

  it("keeps the 60 largest of many categories and says so in the subtitle", () => {
    const spec = view(buildChartSpec(weightByName(500)));
    expect(spec.data.values).toHaveLength(60);
    expect(spec.title.subtitle).toMatch(/Top 60 of \d+ Name values shown/);
  });

  it("draws two measures as a scatter coloured by a small category", () => {
    const spec = view(buildChartSpec(horsepowerVsMpg()));
    expect(spec.mark.type).toBe("point");
    expect(spec.encoding.x?.field).toBe("Horsepower");
    expect(spec.encoding.y?.field).toBe("Miles_per_Gallon");
    expect(spec.encoding.color?.field).toBe("Origin");
    expect(spec.title.text).toBe("Miles per gallon vs horsepower");
  });

  it("bins a single measure of many rows into a histogram counting every row", () => {
    const table = displacements();
    const spec = view(buildChartSpec(table));
    expect(spec.mark.type).toBe("bar");
    expect(spec.encoding.x?.bin).toMatchObject({ binned: true });
    const total = spec.data.values.reduce((sum, row) => sum + (row.count as number), 0);
    expect(total).toBe(table.rows.length);
    expect(spec.data.values.length).toBeLessThanOrEqual(30);
    expect(spec.title.text).toBe("Distribution of displacement");
  });

  it("draws category + time + measure as one coloured line per category, treating a year number as time", () => {
    const spec = view(buildChartSpec(avgMpgByYearAndOrigin()));
    expect(spec.mark.type).toBe("line");
    expect(spec.encoding.x).toMatchObject({ field: "year", type: "temporal", axis: { format: "%Y" } });
    expect(spec.encoding.color?.field).toBe("Origin");
    expect(spec.title.text).toBe("Avg MPG by year and origin");
  });

  it("stacks bars by a second category with few values", () => {
    const spec = view(buildChartSpec(countByOriginAndCylinders()));
    expect(spec.mark.type).toBe("bar");
    expect(spec.encoding.color?.field).toBe("cylinder_class");
  });

  it("returns null for a single scalar, an empty result and a single row of one category", () => {
    expect(buildChartSpec({ columns: ["avg_price"], types: ["DOUBLE"], rows: [[12.5]] })).toBeNull();
    expect(buildChartSpec({ columns: ["a", "b"], rows: [] })).toBeNull();
    expect(buildChartSpec({ columns: ["region", "sales"], rows: [["North", 10]] })).toBeNull();
  });

  it("draws one row of several measures as one bar per measure", () => {
    const spec = view(buildChartSpec({ columns: ["min_price", "avg_price", "max_price"], rows: [[1, 5.5, 20]] }));
    expect(spec.mark.type).toBe("bar");
    expect(spec.data.values.map((row) => row.metric)).toEqual(["Max price", "Avg price", "Min price"]);
  });

  it("formats big values with SI suffixes and keeps every field a plain identifier", () => {
    const table: ResultTable = {
      columns: ["sales region", "revenue.total"],
      rows: [
        ["North", 12_500_000],
        ["South", 8_200_000],
      ],
    };
    const spec = view(buildChartSpec(table));
    expect(spec.encoding.x?.field).toBe("sales_region");
    expect(spec.encoding.y).toMatchObject({ field: "revenue_total", title: "Revenue total", axis: { format: ".3~s" } });
  });
});

describe("buildChartSpec with a requested type", () => {
  const cases = [
    ["bar", carsPerYear(), "bar"],
    ["area", carsPerYear(), "area"],
    ["line", avgHorsepowerByOrigin(), "line"],
    ["scatter", horsepowerVsMpg(), "point"],
    ["histogram", horsepowerVsMpg(), "bar"],
    ["pie", avgHorsepowerByOrigin(), "arc"],
    ["heatmap", countByOriginAndCylinders(), "rect"],
    ["heatmap", horsepowerVsMpg(), "rect"],
  ] as const;

  it.each(cases)("respects a requested %s chart", (type, table, mark) => {
    const spec = view(buildChartSpec(table, { type }));
    expect(spec.mark.type).toBe(mark);
    expect(spec.description).toBeUndefined();
  });

  it("draws requested bars over time as whole periods in time order", () => {
    const spec = view(buildChartSpec(carsPerYear(), { type: "bar" }));
    expect(spec.encoding.x).toMatchObject({ field: "model_year", type: "ordinal", timeUnit: "utcyear" });
  });

  it("gives a pie its largest slices first and the rest as Other", () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`Product ${i}`, (i + 1) * 10]);
    const spec = view(buildChartSpec({ columns: ["product", "units_sold"], rows }, { type: "pie" }));
    expect(spec.data.values).toHaveLength(8);
    expect(spec.data.values[0]?.product).toBe("Product 11");
    expect(spec.data.values[7]).toMatchObject({ product: "Other", units_sold: 10 + 20 + 30 + 40 + 50 });
  });

  it("falls back to the shape's default and says why when the requested type cannot be drawn", () => {
    const spec = view(buildChartSpec(carsPerYear(), { type: "pie" }));
    expect(spec.mark.type).toBe("line");
    expect(spec.description).toMatch(/pie chart does not fit/);
  });

  it("uses the columns named as x, y and color and the given title", () => {
    const spec = view(
      buildChartSpec(horsepowerVsMpg(), { x: "miles_per_gallon", y: "Horsepower", title: "Power against economy" }),
    );
    expect(spec.encoding.x?.field).toBe("Miles_per_Gallon");
    expect(spec.encoding.y?.field).toBe("Horsepower");
    expect(spec.title.text).toBe("Power against economy");
  });

  it("returns null when x, y or color names no column", () => {
    expect(buildChartSpec(avgHorsepowerByOrigin(), { x: "Country" })).toBeNull();
    expect(buildChartSpec(avgHorsepowerByOrigin(), { type: "bar", color: "nope" })).toBeNull();
  });
});

describe("buildChartSpec data caps", () => {
  it("samples a line of more than 1,000 points and says so", () => {
    const start = Date.UTC(2020, 0, 1);
    const rows = Array.from({ length: 5000 }, (_, i) => [new Date(start + i * 3_600_000), Math.sin(i / 50) * 100]);
    const spec = view(buildChartSpec({ columns: ["hour", "load_kw"], types: ["TIMESTAMP", "DOUBLE"], rows }));
    expect(spec.data.values).toHaveLength(1000);
    expect(spec.title.subtitle).toBe("1,000 of 5,000 points shown, evenly sampled.");
    expect(spec.data.values.at(-1)?.hour).toBe(start + 4999 * 3_600_000);
  });

  it("averages repeated categories of raw rows into one bar each and notes it", () => {
    const spec = view(
      buildChartSpec({ columns: ["Origin", "Horsepower"], rows: horsepowerVsMpg().rows.map((r) => [r[2], r[0]]) }),
    );
    expect(spec.data.values).toHaveLength(3);
    expect(spec.encoding.y?.title).toBe("Average horsepower");
    expect(spec.title.subtitle).toBe("Average horsepower over 406 rows.");
  });
});
