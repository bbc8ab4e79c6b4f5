// `insightx demo` (npm run demo): load vega-datasets files into a demo channel and answer a showcase of questions.
import path from "node:path";
import type { Command } from "commander";
import { renderDnaSummary } from "../../data/index.js";
import { runQuestion } from "../../pipeline/index.js";
import { vegaDatasetsDir } from "../../util/index.js";
import { channelRef, withContext } from "../context.js";
import { action } from "../output.js";
import { printAnswer, printEvent, slugify } from "../render-answer.js";

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

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("load sample datasets into a demo channel and answer a showcase of questions")
    .option("--channel <channel>", "channel to use", "demo")
    .option("--out <dir>", "where to write the charts", "out")
    .action(
      action(async (options: { channel: string; out: string }) => {
        const dataDir = vegaDatasetsDir();
        await withContext(async (runtime) => {
          const ref = channelRef(options.channel);
          await runtime.engine.forget(ref);
          process.stdout.write(`InsightX demo — channel ${ref.teamId}:${ref.channelId}\n`);
          process.stdout.write(
            runtime.llm.available
              ? "Using the configured LLM.\n"
              : "No LLM_API_KEYS set: answering with the offline planner.\n",
          );
          for (const file of DATASETS) {
            const tables = await runtime.engine.ingest(ref, { path: path.join(dataDir, file), name: file });
            for (const table of tables) process.stdout.write(`\n${renderDnaSummary(table.dna).replaceAll("*", "")}\n`);
          }
          for (const question of SHOWCASE) {
            process.stdout.write(`\n${"─".repeat(72)}\nQ: ${question}\n`);
            const { answer } = await runQuestion(
              runtime.pipelineDeps(),
              { ref, question, threadId: `demo-${slugify(question)}` },
              (event) => printEvent(event, process.stdout),
            );
            await printAnswer(answer, { outDir: options.out, name: slugify(question) });
          }
        });
      }),
    );
}
