import { describe, expect, it } from "vitest";
import {
  checkMetrics,
  checkText,
  collectNumbers,
  findNumbers,
  removeUngrounded,
} from "../../src/pipeline/grounding.js";

describe("number grounding", () => {
  const known = collectNumbers([
    [
      ["USA", 119.9],
      ["Japan", 79.835443],
      ["Europe", 81],
    ],
    { share: 0.43805613, total: 1226.0, big: 8544073056 },
    "2012-01-01",
  ]);

  it("accepts rounded values, thousands separators and K/M/B suffixes", () => {
    expect(checkText("USA averages 119.9, Japan 79.8 and Europe 81.", known).grounded).toBe(true);
    expect(checkText("Japan is about 80.", known).grounded).toBe(true);
    expect(checkText("Total 1,226 mm.", known).grounded).toBe(true);
    expect(checkText("Spielberg grossed $8.54B (8,544,073,056).", known).grounded).toBe(true);
    expect(checkText("That is 8544.1M.", known).grounded).toBe(true);
  });

  it("accepts a share written as a percentage and a date's parts", () => {
    expect(checkText("43.8% of days were sunny.", known).grounded).toBe(true);
    expect(checkText("Since 2012, it changed.", known).grounded).toBe(true);
  });

  it("flags numbers that were not computed", () => {
    const report = checkText("USA averages 119.9 but 42% more than Mexico's 77.", known);
    expect(report.grounded).toBe(false);
    expect(report.ungrounded.map((m) => m.text)).toEqual(["42%", "77"]);
  });

  it("does not accept a different rounding of a value", () => {
    expect(checkText("Japan averages 79.9.", known).grounded).toBe(false);
  });

  it("treats dates in text as three numbers, not negatives", () => {
    expect(findNumbers("on 2012-01-01").map((m) => m.value)).toEqual([2012, 1, 1]);
    expect(findNumbers("fell by -3.5").map((m) => m.value)).toEqual([-3.5]);
  });

  it("ignores list markers at line starts", () => {
    expect(checkText("1. USA 119.9\n2. Europe 81", known).grounded).toBe(true);
  });

  it("removes sentences holding ungrounded numbers and keeps the rest", () => {
    expect(removeUngrounded("USA leads with 119.9. It grew 17% last year. Europe follows.", known)).toBe(
      "USA leads with 119.9. Europe follows.",
    );
  });

  it("names metrics whose values were not computed", () => {
    expect(checkMetrics({ usa: 119.9, growth: 17, label: "Japan 79.84" }, known)).toEqual(["growth"]);
  });
});
