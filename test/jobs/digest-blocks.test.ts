// Digests stay inside Slack's block limit however many tables and saved questions a channel has.
import { describe, expect, it } from "vitest";
import { digestBlocks } from "../../src/jobs/index.js";
import { validateMessage } from "../fakes/slack-blocks.js";

describe("digest blocks", () => {
  it("caps a digest of 80 tables and 30 saved questions at Slack's limits, saying what was left out", () => {
    const message = digestBlocks({
      since: null,
      quiet: false,
      highlights: ["<!here> revenue doubled"],
      datasets: Array.from({ length: 80 }, (_, i) => ({
        table: `t_${i}`,
        rowCount: 1000 + i,
        rowsThen: null,
        periods: null,
      })),
      questions: Array.from({ length: 30 }, (_, i) => ({ question: `q${i}`, answer: "a".repeat(3000) })),
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(validateMessage({ text: message.text, blocks: message.blocks })).toBeNull();
    const shown = message.blocks.filter((b) => JSON.stringify(b).includes("`t_")).length;
    const more = Number(/…and (\d+) more tables/.exec(JSON.stringify(message.blocks))?.[1]);
    expect(shown + more).toBe(80);
    expect(JSON.stringify(message.blocks)).toMatch(/more saved questions/);
    expect(JSON.stringify(message)).not.toContain("<!here>");
  });
});
