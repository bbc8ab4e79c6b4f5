// `insightx demo` (npm run demo): load vega-datasets files into a demo channel and answer a showcase of questions.
import path from "node:path";
import { renderDnaSummary } from "../../data/index.js";
import { vegaDatasetsDir } from "../../util/index.js";
import { channelRef } from "../channel.js";
import { withContext } from "../context.js";
import { print } from "../output.js";
import { printAnswer, printEvent, slugify } from "../render-answer.js";
import { runTraced, withTraces } from "../traced-run.js";

const DATASETS = ["cars.json", "seattle-weather.csv", "stocks.csv", "flights-20k.json"];

/** One question per kind the pipeline handles: lookups, rankings, trends, statistics, Python analyses, clarification. */
const SHOWCASE = [
  "Average horsepower by origin",
  "Top 5 cars by horsepower",
  "What percentage of days were sunny?",
  "Average max temperature by year",
  "Which stock had the highest price in 2008?",
  "What is the correlation between weight and miles per gallon?",
  "Find anomalies in daily precipitation",
  "Forecast the number of flights per day for the next 7 days",
  "Summary statistics of horsepower",
  "Who will win the next World Cup?",
];

export async function run(options: { channel: string; out: string; json?: boolean }): Promise<void> {
  const dataDir = vegaDatasetsDir();
  await withContext((runtime) =>
    withTraces(runtime, async (traces) => {
      const ref = channelRef(options.channel);
      // A fresh start: the previous demo's tables, history and insights would otherwise feed this one's answers.
      await runtime.forget(ref);
      const human = !options.json;
      if (human) {
        print(`InsightX demo — channel ${ref.teamId}:${ref.channelId}\n`);
        print(
          runtime.llm.available
            ? "Using the configured LLM.\n"
            : "No LLM_API_KEYS set: answering with the offline planner.\n",
        );
      }
      const tables = [];
      for (const file of DATASETS) {
        for (const table of await runtime.engine.ingest(ref, { path: path.join(dataDir, file), name: file })) {
          tables.push({ file, table: table.tableName, rows: table.rowCount, columns: table.columnCount });
          if (human) print(`\n${renderDnaSummary(table.dna).replaceAll("*", "")}\n`);
        }
      }
      const answers = [];
      for (const question of SHOWCASE) {
        if (human) print(`\n${"─".repeat(72)}\nQ: ${question}\n`);
        let chart: string | null = null;
        const { answer, traceId } = await runTraced(
          runtime.pipelineDeps(),
          traces,
          { ref, question, threadId: `demo-${slugify(question)}` },
          {
            ...(human ? { onEvent: (event) => printEvent(event, process.stdout) } : {}),
            deliver: async ({ answer: done }) => {
              chart = await printAnswer(done, { outDir: options.out, name: slugify(question), quiet: !human });
            },
          },
        );
        answers.push({
          question,
          classification: answer.classification,
          text: answer.final?.text ?? null,
          chart,
          error: answer.error,
          trace_id: traceId,
        });
      }
      if (!human) {
        const llm = runtime.llm.available ? "configured" : "offline planner";
        process.stdout.write(
          `${JSON.stringify({ channel: `${ref.teamId}:${ref.channelId}`, llm, tables, answers }, null, 2)}\n`,
        );
      }
    }),
  );
}
