// The provider conformance suite: every provider behaviour, output quirk and fault against the whole pipeline,
// judged by the user's answer. Prints the table of cases (who answered, correct, requests) at the end; the same
// table is printed by `npx tsx bench/llm-providers.ts`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES, type CaseOutcome, formatTable, type ProviderBench, startProviderBench } from "./cases.js";

describe("the LLM path on each provider, output quirk and fault", () => {
  let bench: ProviderBench;
  const outcomes: CaseOutcome[] = [];
  beforeAll(async () => {
    bench = await startProviderBench();
  }, 120_000);
  afterAll(async () => {
    if (outcomes.length > 0) console.log(`\n${formatTable(outcomes)}\n`);
    await bench?.close();
  });

  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c) => {
      const outcome = await bench.run(c);
      outcomes.push(outcome);
      expect({ by: outcome.answeredBy, text: outcome.text }).toMatchObject({ by: c.expect.by });
      expect(outcome.correct, outcome.text).toBe(true);
      expect(outcome.requests).toBeLessThanOrEqual(c.expect.maxRequests);
      if (c.expect.by === "rules") expect(outcome.text).toMatch(/offline planner/i);
    },
    60_000,
  );
});
