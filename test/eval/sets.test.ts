// Our own eval sets (dev.jsonl: tuned on; heldout.jsonl: only scored): well-formed, up to date with the pandas
// script that computes their answers, composed as the issue asks; and the dev set's bound on confident mistakes.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVAL_KINDS, type EvalQuestion, parseQuestions } from "../../src/cli/eval/question.js";
import { runEval } from "../../src/cli/eval/run.js";
import { vegaDatasetsDir } from "../../src/util/index.js";
import { type EvalRuntime, startEvalRuntime } from "./runtime.js";

const run = promisify(execFile);
const HERE = path.resolve("test/eval");
const read = (name: string) => parseQuestions(readFileSync(path.join(HERE, name), "utf8"), name);
const SETS: Record<string, EvalQuestion[]> = { dev: read("dev.jsonl"), heldout: read("heldout.jsonl") };

/** Keys a line of ours may carry (a misspelt one would silently change nothing). */
const KEYS = new Set([
  "id",
  "dataset",
  "datasets",
  "question",
  "turns",
  "kind",
  "value",
  "tol",
  "pct",
  "label",
  "labels",
]);
KEYS.add("rows").add("k").add("top").add("horizon").add("range");

describe.each(Object.keys(SETS))("the %s set", (name) => {
  const questions = SETS[name]!;

  it("names only datasets that exist and keys the format knows, and covers every kind", () => {
    for (const line of readFileSync(path.join(HERE, `${name}.jsonl`), "utf8")
      .trim()
      .split("\n")) {
      for (const key of Object.keys(JSON.parse(line))) expect(KEYS.has(key), `${key} in ${line}`).toBe(true);
    }
    for (const question of questions) {
      for (const dataset of question.datasets) expect(existsSync(path.join(vegaDatasetsDir(), dataset))).toBe(true);
    }
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(EVAL_KINDS));
  });

  it("has about 80 questions: ~15% to decline, follow-up chains of 3 to 10 turns, two-table questions", () => {
    expect(questions.length).toBeGreaterThanOrEqual(75);
    const declines = questions.filter((q) => q.kind === "clarify").length / questions.length;
    expect(declines).toBeGreaterThan(0.12);
    expect(declines).toBeLessThan(0.2);
    const chains = questions.filter((q) => q.turns.length >= 3);
    expect(chains.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...questions.map((q) => q.turns.length))).toBeGreaterThanOrEqual(6);
    expect(Math.max(...questions.map((q) => q.turns.length))).toBeLessThanOrEqual(10);
    expect(questions.filter((q) => q.datasets.length === 2).length).toBeGreaterThanOrEqual(5);
  });
});

describe("our eval sets", () => {
  it("use datasets the other set does not: held-out questions are over files dev never shows", () => {
    const files = (set: EvalQuestion[]) => new Set(set.flatMap((q) => q.datasets));
    const dev = files(SETS.dev!);
    const onlyHeldout = [...files(SETS.heldout!)].filter((file) => !dev.has(file));
    // airports.csv is shared (it is the key table of a join in both); everything else differs.
    expect(onlyHeldout.length).toBeGreaterThanOrEqual(files(SETS.heldout!).size - 1);
  });

  it("hold exactly what test/eval/compute-answers.py computes with pandas from the raw files", async () => {
    const { stdout } = await run("/usr/bin/python3", [path.join(HERE, "compute-answers.py"), "--check"], {
      timeout: 120_000,
    });
    expect(stdout).toContain(`dev: ${SETS.dev!.length} questions, heldout: ${SETS.heldout!.length} questions`);
  }, 150_000);
});

describe("the dev set answered by the planner", () => {
  let env: EvalRuntime;
  beforeAll(async () => {
    env = await startEvalRuntime();
  });
  afterAll(async () => {
    await env?.close();
  });

  // TODO(issue 9): enable once the rebuilt planner lands. Today's rule planner answers 48 of 99 wrong without
  // asking back (npm run eval:ours); issue 9 is done when at most 1 in 20 is.
  it.skip("answers at most 1 in 20 questions wrongly instead of asking back", async () => {
    const summary = await runEval(env.runtime, SETS.dev!, {
      dataDir: vegaDatasetsDir(),
      out: path.join(env.dir, "dev-answers.jsonl"),
    });
    expect(summary.judged).toBe(SETS.dev!.length);
    expect(summary.wrong / summary.judged).toBeLessThanOrEqual(1 / 20);
  }, 600_000);
});
