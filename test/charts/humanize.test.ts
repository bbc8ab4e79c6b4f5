import { describe, expect, it } from "vitest";
import { humanizeColumn } from "../../src/charts/index.js";

describe("humanizeColumn", () => {
  it("turns snake case into a sentence-case title", () => {
    expect(humanizeColumn("avg_horsepower")).toBe("Avg horsepower");
  });

  it("keeps units: trailing currency and percent suffixes are bracketed, phrases stay as written", () => {
    expect(humanizeColumn("price_usd")).toBe("Price (USD)");
    expect(humanizeColumn("churn_pct")).toBe("Churn (%)");
    expect(humanizeColumn("duration_ms")).toBe("Duration (ms)");
    expect(humanizeColumn("Weight_in_lbs")).toBe("Weight in lbs");
    expect(humanizeColumn("Miles_per_Gallon")).toBe("Miles per gallon");
  });

  it("keeps acronyms in upper case", () => {
    expect(humanizeColumn("avg_mpg")).toBe("Avg MPG");
    expect(humanizeColumn("customer_id")).toBe("Customer ID");
    expect(humanizeColumn("GDP_growth")).toBe("GDP growth");
  });

  it("reads DuckDB's default aggregate names", () => {
    expect(humanizeColumn("count_star()")).toBe("Count");
    expect(humanizeColumn("avg(horsepower)")).toBe("Avg horsepower");
    expect(humanizeColumn('sum("unit_price")')).toBe("Sum unit price");
  });

  it("splits camel case", () => {
    expect(humanizeColumn("totalRevenue")).toBe("Total revenue");
  });
});
