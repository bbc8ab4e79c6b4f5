// Dev script: runs the eval questions through the rule planner, DuckDB and (when planned) Python, and scores them.
// Usage: npx tsx bench/offline-eval.ts [questions.jsonl] [--verbose]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type EvalQuestion, evalQuestionSchema, judge } from "../src/cli/eval/judge.js";
import { loadConfig } from "../src/config/index.js";
import { DataEngine, displaySql } from "../src/data/index.js";
import { checkMetrics, checkText, collectNumbers } from "../src/pipeline/grounding.js";
import { composeRules, planRules, wholeTable } from "../test/planner/rules/datasets.js";
import { runPython } from "../test/planner/rules/python-runner.js";

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
    const tables = await engine.dna(ref);
    const plan = planRules(q.question, { tables });
    let ok = false;
    let note = "";
    if (plan.classification === "CLARIFY") {
      note = `CLARIFY: ${plan.reasoning} ${plan.message}`;
    } else {
      const sqlText = plan.classification === "PY_ONLY" ? null : displaySql(plan.sql);
      try {
        const sql =
          plan.classification === "PY_ONLY"
            ? await wholeTable(engine, ref, plan.source.table)
            : await engine.query(ref, plan.sql);
        const code = plan.classification === "SQL_ONLY" ? null : plan.python;
        const python = code ? runPython(code, sql) : null;
        const pyTable =
          python && typeof python === "object" && "rows" in python
            ? (python as { columns: string[]; rows: unknown[][] })
            : null;
        const result = pyTable ?? { columns: sql.columns, rows: sql.rows };
        // PY_ONLY plans read the whole table; only the Python table is an answer there (as in the pipeline).
        const input = sqlText ? { columns: sql.columns, rows: sql.rows } : result;
        const answer = await composeRules(plan, tables.find((t) => t.table === plan.tables[0])!, input, python);
        ok = judge(q, { result, metrics: answer.metrics }) === true;
        const known = collectNumbers([sqlText ? sql.rows : [], python, q.question]);
        known.push(sql.rows.length, result.rows.length);
        const bad = [
          ...checkText(answer.text, known).ungrounded.map((m) => m.text),
          ...checkMetrics(answer.metrics, known),
        ];
        if (bad.length > 0) ungrounded++;
        note = `${sqlText}\n      -> ${JSON.stringify(result.rows.slice(0, 3))}\n      text: ${answer.text}${bad.length ? `\n      UNGROUNDED: ${bad.join(", ")}` : ""}`;
      } catch (error) {
        note = `ERROR ${(error as Error).message}\n      ${sqlText ?? ""}`;
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
