import { describe, expect, it } from "vitest";
import {
  checkMetrics,
  checkText,
  collectNumbers,
  findNumbers,
  removeUngrounded,
} from "../../src/pipeline/grounding.js";
import { fillPlaceholders } from "../../src/pipeline/placeholders.js";

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

  describe("true sentences about the results", () => {
    const results = collectNumbers([
      [
        ["Honda", -0.4508, 12_400],
        ["Toyota", 0.213, 8_050],
      ],
      { r: -0.7832, p_value: 2.05e-8, n: 392, share: 0.2012 },
      [
        ["USA", 119.9],
        ["Europe", 81],
      ],
    ]);

    it("accepts the magnitude of a negative result written with a word that says so", () => {
      expect(checkText("Honda fell 45.1% this year.", results).grounded).toBe(true);
      expect(checkText("There is a strong negative correlation of 0.78.", results).grounded).toBe(true);
      expect(checkText("Honda grew 45.1% this year.", results).grounded).toBe(false);
    });

    it("accepts bounds and scientific notation for p-values", () => {
      expect(checkText("The correlation is significant (p < 0.001).", results).grounded).toBe(true);
      expect(checkText("p-value 2.1e-08, n = 392.", results).grounded).toBe(true);
      expect(checkText("p = 2.05 × 10^-8.", results).grounded).toBe(true);
      expect(checkText("p = 3.1e-05.", results).grounded).toBe(false);
    });

    it("accepts differences, ratios and multiples of two results", () => {
      expect(checkText("USA leads Europe by 38.9.", results).grounded).toBe(true);
      expect(checkText("Honda sells 1.5x as many as Toyota.", results).grounded).toBe(true);
      expect(checkText("USA is 48% higher than Europe.", results).grounded).toBe(true);
      expect(checkText("USA leads Europe by 40.2.", results).grounded).toBe(false);
      expect(checkText("Honda sells 2.5x as many.", results).grounded).toBe(false);
    });

    it("accepts '1 in N' for a share of about 1/N", () => {
      expect(checkText("About 1 in 5 cars is a Toyota.", results).grounded).toBe(true);
      expect(checkText("About 1 in 9 cars is a Toyota.", results).grounded).toBe(false);
    });

    it("accepts a bound close to a result", () => {
      expect(checkText("Honda sold more than 12,000.", results).grounded).toBe(true);
      expect(checkText("Honda sold more than 1,000.", results).grounded).toBe(false);
    });
  });
});

describe("placeholders", () => {
  const results = {
    sql: null,
    python: { r: -0.7832, p_value: 2.05e-8, forecast: [{ yhat: 1234.5 }] },
    table: {
      columns: ["brand", "units", "share"],
      rows: [
        ["Honda", 12_400, 0.6063],
        ["Toyota", 8_050, 0.3937],
      ],
    },
  };

  it("fills cells, Python values, differences and formats from the results", () => {
    const filled = fillPlaceholders(
      "{{1.brand}} leads with {{1.units}} units ({{1.share | pct}}), {{1.units - 2.units}} more than {{2.brand}}; r = {{py.r | 2}} ({{py.p_value | p}}), next {{py.forecast.0.yhat | compact}} over {{rows}} brands.",
      results,
    );
    expect(filled.text).toBe(
      "Honda leads with 12,400 units (60.6%), 4,350 more than Toyota; r = -0.78 (p < 0.001), next 1,235 over 2 brands.",
    );
    expect(filled.unresolved).toEqual([]);
    expect(checkText(filled.text, [...collectNumbers(results), ...filled.derived]).grounded).toBe(true);
  });

  it("reports a placeholder that names no result and leaves it for the sentence to be dropped", () => {
    const filled = fillPlaceholders("Honda leads. Mazda has {{3.units}} units.", results);
    expect(filled.unresolved).toEqual(["{{3.units}}"]);
    expect(removeUngrounded(filled.text, collectNumbers(results))).toBe("Honda leads.");
  });
});
