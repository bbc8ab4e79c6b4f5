// Dev script: runs the eval questions through the offline planner, DuckDB and (when planned) Python, and scores them.
// Usage: npx tsx bench/offline-eval.ts [questions.jsonl] [--verbose]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type EvalQuestion, evalQuestionSchema, judge } from "../src/cli/eval/judge.js";
import { loadConfig } from "../src/config/index.js";
import { DataEngine } from "../src/data/index.js";
import { composeOffline, planOffline } from "../src/llm/offline/index.js";
import { checkMetrics, checkText, collectNumbers } from "../src/pipeline/grounding.js";
import { wholeTable } from "../test/llm/offline/datasets.js";
import { runPython } from "../test/llm/offline/python-runner.js";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const file = args.find((a) => !a.startsWith("--")) ?? "../shared/eval/questions.jsonl";
const questions: EvalQuestion[] = readFileSync(file, "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => evalQuestionSchema.parse(JSON.parse(line)));

const dataDir = mkdtempSync(path.join(tmpdir(), "offline-eval-"));
const engine = new DataEngine({ config: loadConfig({ DATA_DIR: dataDir }) });
let passed = 0;
let ungrounded = 0;
try {
  for (const q of questions) {
    const ref = { teamId: "TEVAL", channelId: `C${q.id.replace(/[^A-Za-z0-9]/g, "")}` };
    await engine.ingest(ref, { path: path.resolve("node_modules/vega-datasets/data", q.dataset), name: q.dataset });
    const plan = planOffline(q.question, { tables: await engine.dna(ref) });
    let ok = false;
    let note = "";
    if (plan.classification === "CLARIFY") {
      note = `CLARIFY: ${plan.reasoning}`;
    } else {
      try {
        const sql = plan.sql ? await engine.query(ref, plan.sql) : await wholeTable(engine, ref, plan.table);
        const python = plan.python ? runPython(plan.python, sql) : null;
        const pyTable =
          python && typeof python === "object" && "rows" in python
            ? (python as { columns: string[]; rows: unknown[][] })
            : null;
        const result = pyTable ?? { columns: sql.columns, rows: sql.rows };
        // PY_ONLY plans read the whole table; only the Python table is an answer there (as in the pipeline).
        const input = plan.sql ? { columns: sql.columns, rows: sql.rows } : result;
        const answer = composeOffline(plan, input, python);
        ok = judge(q, { result, metrics: answer.metrics }) === true;
        const known = collectNumbers([plan.sql ? sql.rows : [], python, q.question]);
        known.push(sql.rows.length, result.rows.length);
        const bad = [
          ...checkText(answer.text, known).ungrounded.map((m) => m.text),
          ...checkMetrics(answer.metrics, known),
        ];
        if (bad.length > 0) ungrounded++;
        note = `${plan.sql}\n      -> ${JSON.stringify(result.rows.slice(0, 3))}\n      text: ${answer.text}${bad.length ? `\n      UNGROUNDED: ${bad.join(", ")}` : ""}`;
      } catch (error) {
        note = `ERROR ${(error as Error).message}\n      ${plan.sql}`;
      }
    }
    if (ok) passed++;
    if (verbose || !ok) console.log(`${ok ? "PASS" : "FAIL"} ${q.id}: ${q.question}\n      ${note}`);
  }
} finally {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
const pct = ((100 * passed) / questions.length).toFixed(1);
console.log(
  `offline eval: ${passed}/${questions.length} correct (${pct}%), ${ungrounded} answer(s) with an ungrounded number`,
);
