// The one clip and the one formatNumber every surface uses.
import { describe, expect, it } from "vitest";
import { clip, formatNumber } from "../../src/util/index.js";

describe("clip", () => {
  it("keeps text that fits and marks a cut with an ellipsis", () => {
    expect(clip("average price", 20)).toBe("average price");
    expect(clip("average price by symbol", 10)).toBe("average p…");
    expect(clip("average price by symbol", 10)).toHaveLength(10);
  });

  it("cuts by code points, so an emoji is never split into half a surrogate pair", () => {
    const text = "📈📈📈📈📈 rising";
    const cut = clip(text, 4);
    expect(Array.from(cut)).toHaveLength(4);
    expect(cut).toBe("📈📈📈…");
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
    // Five emoji are ten UTF-16 units but five characters: they fit in five.
    expect(clip("📈📈📈📈📈", 5)).toBe("📈📈📈📈📈");
  });
});

describe("formatNumber", () => {
  it("writes every digit of the integer part with separators, and few decimals", () => {
    expect(formatNumber(281420717)).toBe("281,420,717");
    expect(formatNumber(1232.8)).toBe("1,233");
    expect(formatNumber(105.0825)).toBe("105.08");
    expect(formatNumber(-0.831741)).toBe("-0.832");
    expect(formatNumber(0.000123456)).toBe("0.000123");
    expect(formatNumber(0)).toBe("0");
  });

  it("writes millions and above with a suffix when compact", () => {
    expect(formatNumber(281420717, { compact: true })).toBe("281.42M");
    expect(formatNumber(8544073056, { compact: true })).toBe("8.54B");
    expect(formatNumber(2_000_000, { compact: true })).toBe("2M");
    expect(formatNumber(12345, { compact: true })).toBe("12,345");
  });
});
