// Each command loads only what it uses: which npm packages our own code imports while a command runs, recorded
// by resolution hooks (ESM and require), and the Python pool left unstarted by commands that run no Python.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vegaDatasetsDir } from "../../src/util/vega-datasets.js";
import { MAIN } from "./run-cli.js";

const run = promisify(execFile);
const SRC = `${path.resolve("src")}${path.sep}`;

/** Logs `PACKAGE name` on stderr for every package that a file under src/ imports or requires. */
const ESM_HOOK = `
const SRC = ${JSON.stringify(SRC)};
const name = (url) => { const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(url); return m ? m[1] : null; };
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const parent = context.parentURL ? decodeURIComponent(new URL(context.parentURL).pathname) : "";
  const pkg = name(resolved.url);
  if (pkg && parent.startsWith(SRC)) process.stderr.write("PACKAGE " + pkg + "\\n");
  return resolved;
}`;
const CJS_HOOK = `
const Module = require("node:module");
const { register } = Module;
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(ESM_HOOK)}));
const SRC = ${JSON.stringify(SRC)};
const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const resolved = original.call(this, request, parent, ...rest);
  const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(resolved);
  if (m && parent && parent.filename && parent.filename.startsWith(SRC)) process.stderr.write("PACKAGE " + m[1] + "\\n");
  return resolved;
};`;

const HEAVY = ["@slack/bolt", "bullmq", "ioredis", "vega", "vega-lite", "canvas", "exceljs", "prom-client"];
const STORE = ["@electric-sql/pglite", "pg"];

describe("what each command loads", () => {
  let dir: string;
  let hook: string;
  const env = () => ({
    ...process.env,
    DATA_DIR: path.join(dir, "data"),
    LOG_LEVEL: "silent",
    LLM_API_KEYS: "",
    DATABASE_URL: "",
    REDIS_URL: "",
  });
  const loads = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const { stderr } = await run(process.execPath, ["--require", hook, "--import", "tsx", MAIN, ...args], {
      env: { ...env(), ...extraEnv },
      timeout: 180_000,
    });
    return [...new Set([...stderr.matchAll(/^PACKAGE (\S+)$/gm)].map((m) => m[1]!))].sort();
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "insightx-imports-"));
    hook = path.join(dir, "hook.cjs");
    await writeFile(hook, CJS_HOOK);
    await run(process.execPath, ["--import", "tsx", MAIN, "ingest", path.join(vegaDatasetsDir(), "cars.json")], {
      env: env(),
    });
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--help loads commander alone", async () => {
    expect(await loads(["--help"])).toEqual(["commander"]);
  }, 60_000);

  it("tables, dna and sql read DuckDB without the store, the LLM client, Slack, the queue or charts", async () => {
    for (const args of [["tables"], ["dna", "cars"], ["sql", "SELECT 1"]]) {
      const packages = await loads(args);
      expect(packages, args[0]).toContain("@duckdb/node-api");
      for (const heavy of [...HEAVY, ...STORE, "openai"]) expect(packages, args[0]).not.toContain(heavy);
    }
  }, 120_000);

  it("stats opens the store alone", async () => {
    const packages = await loads(["stats", "recent"]);
    expect(packages).toEqual(expect.arrayContaining(STORE));
    for (const other of [...HEAVY, "@duckdb/node-api", "openai"]) expect(packages).not.toContain(other);
  }, 60_000);

  it("ask loads the pipeline and charts but not Slack, the queue or exceljs, and never starts Python for SQL", async () => {
    // With SANDBOX=docker and no docker on PATH, starting the Python pool would fail the question.
    const packages = await loads(["ask", "Average horsepower by origin", "--out", path.join(dir, "out")], {
      SANDBOX: "docker",
      PATH: path.dirname(process.execPath),
    });
    expect(packages).toEqual(expect.arrayContaining(["@duckdb/node-api", ...STORE, "vega", "vega-lite"]));
    for (const heavy of ["@slack/bolt", "bullmq", "ioredis", "exceljs", "prom-client"])
      expect(packages).not.toContain(heavy);
  }, 120_000);

  it("forget without Slack answers or Redis loads neither Slack nor the queue", async () => {
    const packages = await loads(["forget", "--channel", "nothing-here"]);
    for (const heavy of HEAVY) expect(packages).not.toContain(heavy);
  }, 60_000);
});
