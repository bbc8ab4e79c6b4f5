// Prints the provider conformance table: for each provider behaviour, output quirk and fault, who answered, whether
// the numbers are right, and how many model requests it took. Run: npx tsx bench/llm-providers.ts
import { CASES, formatTable, startProviderBench } from "../test/llm/providers/cases.js";

const bench = await startProviderBench();
try {
  const outcomes = [];
  for (const c of CASES) outcomes.push(await bench.run(c));
  console.log(formatTable(outcomes));
  const byModel = outcomes.filter((o) => o.answeredBy === "llm").length;
  const wrong = outcomes.filter((o) => !o.correct).length;
  console.log(
    `\n${outcomes.length} cases: ${byModel} answered by the model, ${outcomes.length - byModel} by the fallback; ${wrong} wrong.`,
  );
} finally {
  await bench.close();
}
