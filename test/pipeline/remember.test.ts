import { describe, expect, it } from "vitest";
import { carriesComputedNumber } from "../../src/pipeline/remember.js";

describe("what becomes a channel insight", () => {
  it("an answer that states a number it computed", () => {
    expect(carriesComputedNumber({ question: "How many Japanese cars?", answer: "There are 79 Japanese cars." })).toBe(
      true,
    );
  });

  it("not an answer without a computed number: nothing matched, a table to look at, the question's own numbers", () => {
    expect(carriesComputedNumber({ question: "Sales in 2031?", answer: "No orders matched 2031." })).toBe(false);
    expect(
      carriesComputedNumber({ question: "Top cars", answer: "Here is what the data shows (see the table)." }),
    ).toBe(false);
    expect(carriesComputedNumber({ question: "Top 5 cars", answer: "1. ford pinto\n2. vw rabbit" })).toBe(false);
  });
});
