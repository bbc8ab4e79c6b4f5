import { describe, expect, it } from "vitest";
import { valueDomain } from "../../src/charts/compose/domain.js";
import {
  formatNumber,
  formatPercent,
  formatTimeRange,
  formatValue,
  titleWithUnit,
} from "../../src/charts/compose/format.js";
import { displayLabels, wrapText } from "../../src/charts/compose/text.js";
import { timeTicks } from "../../src/charts/compose/time-axis.js";

const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => Date.UTC(from + i, 0, 1));
const days = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => Date.parse(`${from}T00:00:00Z`) + i * 86_400_000);

describe("timeTicks", () => {
  it("puts yearly values on year ticks only, never between them", () => {
    expect(timeTicks(years(2012, 2015), "year", 400)).toEqual({ values: years(2012, 2015), format: "%Y" });
  });

  it("thins a long yearly axis to round steps that fit", () => {
    const ticks = timeTicks(years(1900, 2020), "year", 400);
    expect(ticks.values.length).toBeLessThanOrEqual(8);
    expect(ticks.values.map((t) => new Date(t).getUTCFullYear() % 20)).toEqual(ticks.values.map(() => 0));
  });

  it("ticks four years of months at each year and 90 days at two-week Mondays", () => {
    const months = Array.from({ length: 48 }, (_, i) => Date.UTC(2012, i, 1));
    expect(timeTicks(months, "month", 400)).toEqual({ values: years(2012, 2015), format: "%Y" });
    const ticks = timeTicks(days("2001-01-01", 90), "day", 400);
    expect(ticks.format).toBe("%b %-d");
    expect(ticks.values.every((t) => new Date(t).getUTCDay() === 1)).toBe(true);
  });

  it("labels days across years with the year so no two labels are alike", () => {
    expect(timeTicks(days("2011-12-20", 30), "day", 400).format).toBe("%b %-d, %Y");
  });
});

describe("valueDomain", () => {
  it("starts at zero when the values are near it and never dips below zero for non-negative values", () => {
    expect(valueDomain([0, 3, 55])[0]).toBe(0);
    expect(valueDomain([2, 3, 55])[0]).toBe(0);
    expect(valueDomain([0.1, 0.2], { footroom: 5 })[0]).toBe(0);
  });

  it("hugs values far from zero and keeps zero for lengths", () => {
    const [low, high] = valueDomain([15.3, 17.4]);
    expect(low).toBeGreaterThan(15);
    expect(high).toBeLessThan(17.6);
    expect(valueDomain([15.3, 17.4], { zero: true })[0]).toBe(0);
  });

  it("spans negative values", () => {
    expect(valueDomain([-1.6, 35.6])[0]).toBeLessThan(-1.6);
  });
});

describe("formats", () => {
  it("writes numbers with separators, short suffixes and a true minus", () => {
    expect(formatNumber(12_345)).toBe("12,345");
    expect(formatNumber(1_234_567)).toBe("1.2M");
    expect(formatNumber(2.5e9)).toBe("2.5B");
    expect(formatNumber(-1.6)).toBe("−1.6");
    expect(formatNumber(0.043)).toBe("0.043");
    expect(formatNumber(7.05, 1)).toBe("7.1");
    expect(formatNumber(5e6, 0)).toBe("5.0M");
  });

  it("writes units the way people do", () => {
    expect(formatValue(1_200_000, "$")).toBe("$1.2M");
    expect(formatValue(-12, "$")).toBe("−$12");
    expect(formatValue(12.3, "°C")).toBe("12.3°C");
    expect(formatValue(4.5, "mm")).toBe("4.5 mm");
    expect(formatValue(0.438, "%", true)).toBe("43.8%");
    expect(formatPercent(0.18)).toBe("18.0%");
    expect(titleWithUnit("Max temperature", "°C")).toBe("Max temperature (°C)");
    expect(titleWithUnit("Weight in lbs", "lbs")).toBe("Weight in lbs");
    expect(titleWithUnit("Days", "days")).toBe("Days");
  });

  it("writes a time range at its grain", () => {
    expect(formatTimeRange(years(2012, 2015), "year")).toBe("2012–2015");
    expect(formatTimeRange([Date.UTC(2012, 0, 1), Date.UTC(2015, 11, 1)], "month")).toBe("Jan 2012 – Dec 2015");
    expect(formatTimeRange(days("2001-01-31", 67), "day")).toBe("Jan 31 – Apr 7, 2001");
  });
});

describe("text", () => {
  it("keeps long labels distinct, their start and their telling end", () => {
    const names = ["chevrolet chevelle malibu 1970", "chevrolet chevelle concours (sw) 1970", "ford torino 1970"];
    const labels = displayLabels(names, 22);
    expect(new Set(labels).size).toBe(3);
    expect(labels.every((label) => label.length <= 22)).toBe(true);
    expect(labels[2]).toBe("ford torino 1970");
    expect(labels[0]).toMatch(/^chevrolet.*1970$/);
  });

  it("wraps a title into lines that fit", () => {
    const lines = wrapText("Miles per gallon against horsepower, by origin of the cars", 300, 17, true);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe("Miles per gallon against horsepower, by origin of the cars");
  });
});
