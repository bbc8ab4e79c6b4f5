// Every `insightx` command, declared with its arguments and options; each loads its implementation only when run,
// so `--help` costs commander alone and `tables` never loads the store, the LLM client, Slack or the chart renderer.
import { Command } from "commander";

/** Options every channel command takes. */
const CHANNEL = ["--channel <channel>", "channel id (or TEAM:CHANNEL); default: the local channel"] as const;
const JSON_OUT = ["--json", "machine-readable output: JSON on stdout, nothing else"] as const;

type Run<A extends unknown[]> = (...args: A) => Promise<void>;

/**
 * A commander action that imports its command module on first use and calls its `run`; a failure prints
 * `insightx: message` (and the hint) on stderr and sets a non-zero exit code.
 */
function lazy<A extends unknown[]>(load: () => Promise<{ run: Run<A> }>): (...args: [...A, Command]) => Promise<void> {
  return async (...args) => {
    try {
      const { run } = await load();
      await run(...(args.slice(0, -1) as A));
    } catch (error) {
      const { reportFailure } = await import("./output.js");
      reportFailure(error);
    }
  };
}

export function buildProgram(): Command {
  const program = new Command("insightx")
    .description("InsightX: chat with your data in Slack, and its operator's tools")
    .showHelpAfterError();

  program
    .command("ingest")
    .description("load CSV/TSV/JSON/NDJSON/Parquet/XLSX files into a channel")
    .argument("<files...>", "files to ingest")
    .option(...CHANNEL)
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/ingest.js")));

  program
    .command("tables")
    .description("list the channel's tables (previous versions included)")
    .option(...CHANNEL)
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/tables.js")));

  program
    .command("dna")
    .description("show the Data DNA of a table (or of every current table)")
    .argument("[table]", "table name")
    .option(...CHANNEL)
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/dna.js")));

  program
    .command("sql")
    .description("run one read-only SELECT on the channel's tables")
    .argument("<query>", "a SELECT (or WITH … SELECT) statement")
    .option(...CHANNEL)
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/sql.js")));

  program
    .command("forget")
    .description("delete everything the channel holds: tables, history, insights, archived answers, schedules")
    .option(...CHANNEL)
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/forget.js")));

  program
    .command("py")
    .description("run Python code in the sandbox; the table given with --table is `df`")
    .argument("<code>", "Python code; assign the answer to `result`")
    .option("--table <table>", "a table of the channel to hand over as df")
    .option(...CHANNEL)
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/py.js")));

  program
    .command("ask")
    .description("ask a question about the channel's data")
    .argument("<question>", "the question, in plain words")
    .option(...CHANNEL)
    .option("--thread <id>", "thread id: questions in one thread share history", "cli")
    .option("--out <dir>", "where to write the chart", "out")
    .option("--json", "print the events and the answer as JSON")
    .action(lazy(() => import("./commands/ask.js")));

  program
    .command("demo")
    .description("load sample datasets into a demo channel and answer a showcase of questions")
    .option("--channel <channel>", "channel to use", "demo")
    .option("--out <dir>", "where to write the charts", "out")
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/demo.js")));

  program
    .command("eval")
    .description("answer an eval question set and write one JSON line per answer (see shared/eval/README.md)")
    .option("--questions <file>", "questions.jsonl", "../shared/eval/questions.jsonl")
    .option("--data-dir <dir>", "where the datasets are", "node_modules/vega-datasets/data")
    .option("--out <file>", "answers.jsonl to write", "out/eval-answers.jsonl")
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/eval.js")));

  program
    .command("gallery")
    .description("render one chart of every answer kind from vega-datasets files (PNGs and an index.html)")
    .option("--out <dir>", "where to write the charts", "out/gallery")
    .option("--channel <channel>", "channel to compute in (emptied before and after)", "gallery")
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/gallery.js")));

  program
    .command("start")
    .description("run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT at /slack/events)")
    .option("--port <port>", "HTTP port (default: PORT)")
    .option("--json", "print one JSON line on stdout when ready (logs stay on stderr)")
    .action(lazy(() => import("./commands/start.js")));

  program
    .command("worker")
    .description("consume the job queue (REDIS_URL) without a Slack listener; serves /healthz, /readyz, /metrics")
    .option("--concurrency <n>", "jobs at once (default: QUEUE_CONCURRENCY)")
    .option("--port <port>", "operations HTTP port (default: PORT; 0 = any free port)")
    .option("--json", "print one JSON line on stdout when ready (logs stay on stderr)")
    .action(lazy(() => import("./commands/worker.js")));

  program
    .command("digest")
    .description("build a channel's digest now and print it")
    .option(...CHANNEL)
    .option("--now", "run it now (the only mode: schedules are set with /insightx digest in Slack)")
    .option("--since <iso>", "count changes from this time instead of the last digest")
    .option("--out <dir>", "where to write the chart", "out")
    .option("--json", "print the figures and blocks as JSON")
    .action(lazy(() => import("./commands/digest.js")));

  program
    .command("stats")
    .description(
      "conversation timings and errors: recent [N] | summary ID | trace ID | averages | slow | errors | percentiles STEP | busiest [N]",
    )
    .argument("[words...]", "recent | summary ID | trace ID | averages | slow | errors | percentiles STEP | busiest")
    .option("--hours <hours>", "window for averages, errors and percentiles", "24")
    .option("--threshold <ms>", "slow: conversations longer than this", "8000")
    .option("--limit <n>", "rows for recent and slow", "10")
    .option(...JSON_OUT)
    .action(lazy(() => import("./commands/stats.js")));

  return program;
}
