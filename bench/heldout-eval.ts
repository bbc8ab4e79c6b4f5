// Answer quality on our own sets and the shared one: right, wrong without asking back, clarified, errors.
// Usage: npm run eval:ours [-- dev heldout shared threads]   (answers in out/eval-ours/<set>.jsonl)
// The planner answers as configured by the environment (no LLM_API_KEYS: the rule planner alone).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createRuntime } from "../src/app/index.js";
import { readQuestions } from "../src/cli/eval/question.js";
import { type EvalSummary, formatSummary, runEval } from "../src/cli/eval/run.js";
import { loadConfig } from "../src/config/index.js";
import { createLogger, vegaDatasetsDir } from "../src/util/index.js";

const root = path.resolve(import.meta.dirname, "..");
const shared = [process.env.SHARED_EVAL_DIR, path.join(root, "../shared/eval"), path.join(root, "../../shared/eval")]
  .filter((dir): dir is string => dir !== undefined)
  .find((dir) => existsSync(path.join(dir, "questions.jsonl")));

const SETS: Record<string, string | undefined> = {
  dev: path.join(root, "test/eval/dev.jsonl"),
  heldout: path.join(root, "test/eval/heldout.jsonl"),
  shared: shared && path.join(shared, "questions.jsonl"),
  threads: shared && path.join(shared, "threads.jsonl"),
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const names = wanted.length > 0 ? wanted : Object.keys(SETS);
const dir = await mkdtemp(path.join(os.tmpdir(), "insightx-eval-ours-"));
const config = loadConfig({ ...process.env, DATA_DIR: dir, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" });
const runtime = await createRuntime({ config, logger: createLogger(config.LOG_LEVEL) });
const results: Array<[string, EvalSummary]> = [];
try {
  const planner =
    config.LLM_API_KEYS.length > 0
      ? `LLM (${config.LLM_MODEL}), rule planner as fallback`
      : "rule planner (no LLM key)";
  console.log(`planner: ${planner}`);
  for (const name of names) {
    const file = SETS[name];
    if (!file) {
      console.log(`${name}: skipped (${name in SETS ? "shared/eval not found: set SHARED_EVAL_DIR" : "unknown set"})`);
      continue;
    }
    const questions = await readQuestions(file);
    const started = performance.now();
    const byKind = new Map<string, Record<string, number>>();
    const summary = await runEval(runtime, questions, {
      dataDir: vegaDatasetsDir(),
      out: path.join(root, "out/eval-ours", `${name}.jsonl`),
      onAnswer: (question, _line, outcome) => {
        const kind = question.kind ?? "unjudged";
        const counts = byKind.get(kind) ?? {};
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        byKind.set(kind, counts);
      },
    });
    results.push([name, summary]);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`${name}: ${formatSummary(summary)} (${seconds} s)`);
    // Outcomes by kind of question (no question text: held-out questions stay unread).
    const kinds = [...byKind].map(
      ([kind, c]) => `${kind} ${c.right ?? 0}✓ ${c.wrong ?? 0}✗ ${c.clarified ?? 0}? ${c.error ?? 0}!`,
    );
    console.log(`  by kind: ${kinds.join(" · ")}`);
  }
} finally {
  await runtime.close();
  await rm(dir, { recursive: true, force: true });
}
console.log("\nset      right   wrong without asking back   clarified   errors");
for (const [name, s] of results) {
  const share = (n: number) => `${((100 * n) / Math.max(1, s.judged)).toFixed(1)}%`.padStart(6);
  console.log(
    `${name.padEnd(8)} ${share(s.right)}   ${share(s.wrong)} (${String(s.wrong).padStart(3)} of ${String(s.judged).padEnd(3)})      ${share(s.clarified)}      ${share(s.errors)}`,
  );
}
