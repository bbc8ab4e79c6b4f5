// The provider conformance cases: each provider's behaviour, each output quirk, each fault, played by the fake
// server against the whole pipeline (real DuckDB, the sandboxed Python worker). A case is judged by the user's
// answer: who answered, whether its numbers are the ones the data gives, and how many model requests it took.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRuntime, type Runtime } from "../../../src/app/index.js";
import { type Config, loadConfig } from "../../../src/config/index.js";
import { createLlmClient } from "../../../src/llm/index.js";
import { type Answer, runQuestion } from "../../../src/pipeline/index.js";
import { createLogger, vegaDatasetsDir } from "../../../src/util/index.js";
import { type FakeReply, type ProviderName, reply, startFakeOpenAI } from "../../fakes/openai-server.js";
import { fenced, type QuestionScript, type Quirk, scriptedModel } from "./scripted-model.js";

const REF = { teamId: "T-providers", channelId: "C-cars" };

/** What the data says, computed here with plain SQL, independently of any planner. */
export interface Truth {
  japanese: number;
  usaHp: number;
  europeHp: number;
  weightMpgR: number;
  meanHp: number;
  sixthHeaviest: string;
  heaviest: string;
}

const num = (value: unknown) => Number(value);

async function truthOf(runtime: Runtime): Promise<Truth> {
  const one = async (sql: string) => (await runtime.engine.query(REF, sql)).rows[0] ?? [];
  const [japanese] = await one(`SELECT count(*) FROM "cars" WHERE "Origin" = 'Japan'`);
  const [usaHp] = await one(`SELECT avg("Horsepower") FROM "cars" WHERE "Origin" = 'USA'`);
  const [europeHp] = await one(`SELECT avg("Horsepower") FROM "cars" WHERE "Origin" = 'Europe'`);
  const [r] = await one(`SELECT corr("Weight_in_lbs", "Miles_per_Gallon") FROM "cars"`);
  const [meanHp] = await one(`SELECT avg("Horsepower") FROM "cars"`);
  const ranked = await runtime.engine.query(
    REF,
    `SELECT "Name" FROM "cars" ORDER BY "Weight_in_lbs" DESC, "Name" LIMIT 10`,
  );
  return {
    japanese: num(japanese),
    usaHp: num(usaHp),
    europeHp: num(europeHp),
    weightMpgR: num(r),
    meanHp: num(meanHp),
    heaviest: String(ranked.rows[0]?.[0]),
    sixthHeaviest: String(ranked.rows[5]?.[0]),
  };
}

const cell = (table: { columns: string[]; rows: unknown[][] } | null, row: number, column: string) =>
  table?.rows[row]?.[table.columns.indexOf(column)];

/** How a capable model answers the questions the cases ask. */
export const SCRIPTS: Record<string, QuestionScript> = {
  count: {
    question: "How many Japanese cars are there?",
    plan: {
      classification: "SQL_ONLY",
      reasoning: "count of cars made in Japan",
      columns_needed: ["Origin"],
      sql: `SELECT count(*) AS japanese_cars FROM "cars" WHERE "Origin" = 'Japan'`,
    },
    repair: (request) => {
      const values = fenced(request, "values") ?? "";
      const error = fenced(request, "error") ?? "";
      if (/"Japan"/.test(values)) return `SELECT count(*) AS japanese_cars FROM "cars" WHERE "Origin" = 'Japan'`;
      return /Candidate bindings/.test(error)
        ? `SELECT count(*) AS japanese_cars FROM "cars" WHERE "Origin" = 'Japan'`
        : null;
    },
    compose: ({ table }) => ({
      text: "There are {{1.japanese_cars}} Japanese cars in the data.",
      metrics: [{ name: "japanese_cars", value: cell(table, 0, "japanese_cars") }],
      follow_ups: ["Average horsepower of Japanese cars?", "How many cars from Europe?"],
    }),
  },
  byOrigin: {
    question: "Average horsepower of USA and European cars?",
    plan: {
      classification: "SQL_ONLY",
      reasoning: "average horsepower per origin, the two compared",
      columns_needed: ["Origin", "Horsepower"],
      sql: `SELECT "Origin", round(avg("Horsepower"), 2) AS avg_horsepower FROM "cars" WHERE "Origin" IN ('USA', 'Europe') GROUP BY 1 ORDER BY avg_horsepower DESC`,
      chart: { type: "bar", x: "Origin", y: "avg_horsepower" },
    },
    repair: (request) => {
      const error = fenced(request, "error") ?? "";
      // A model that reads DuckDB's whole message finds the right name in the candidate bindings.
      if (!/Candidate bindings:.*"Horsepower"/.test(error)) return null;
      return `SELECT "Origin", round(avg("Horsepower"), 2) AS avg_horsepower FROM "cars" WHERE "Origin" IN ('USA', 'Europe') GROUP BY 1 ORDER BY avg_horsepower DESC`;
    },
    compose: ({ table }) => ({
      text: "{{1.Origin}} cars average {{1.avg_horsepower}} horsepower, {{1.avg_horsepower - 2.avg_horsepower | 1}} more than {{2.Origin}} cars ({{2.avg_horsepower}}).",
      metrics: [{ name: "avg_horsepower_usa", value: cell(table, 0, "avg_horsepower") }],
      follow_ups: ["And Japanese cars?"],
    }),
  },
  correlation: {
    question: "Is a car's weight correlated with its fuel economy?",
    plan: {
      classification: "SQL_THEN_PY",
      reasoning: "pairs in SQL, Pearson correlation with its p-value in Python",
      columns_needed: ["Weight_in_lbs", "Miles_per_Gallon"],
      sql: `SELECT "Weight_in_lbs" AS weight, "Miles_per_Gallon" AS mpg FROM "cars" WHERE "Weight_in_lbs" IS NOT NULL AND "Miles_per_Gallon" IS NOT NULL`,
      python: "from insightx_analytics import correlation\nresult = correlation(df, 'weight', 'mpg')",
      chart: { type: "scatter", x: "weight", y: "mpg" },
    },
    compose: ({ python }) => {
      const r = typeof python === "number" ? python : (python as { r?: number } | null)?.r;
      const ref = typeof python === "number" ? "py" : "py.r";
      return {
        text:
          typeof python === "number"
            ? `Yes: heavier cars get fewer miles per gallon (r = {{${ref} | 2}}).`
            : "Yes: heavier cars get fewer miles per gallon, a strong negative correlation (r = {{py.r | 2}}, {{py.p_value | p}}, n = {{py.n}}).",
        metrics: r === undefined ? [] : [{ name: "r", value: r }],
        follow_ups: ["Which heavy cars are most efficient?"],
      };
    },
  },
  pyOnly: {
    question: "Mean horsepower, computed with pandas?",
    plan: {
      classification: "PY_ONLY",
      reasoning: "a pandas mean over the table",
      table: "cars",
      python: "result = {'mean_horsepower': float(df['Horsepower'].mean())}",
    },
    compose: () => ({
      text: "The mean horsepower is {{py.mean_horsepower | 2}}.",
      metrics: [],
      follow_ups: [],
    }),
  },
  ranks: {
    question: "Which cars are the 6th to 10th heaviest?",
    plan: {
      classification: "SQL_ONLY",
      reasoning: "rank by weight, skip five, take five",
      columns_needed: ["Name", "Weight_in_lbs"],
      // MySQL's paging: skip 5, take 5.
      sql: `SELECT "Name", "Weight_in_lbs" FROM "cars" ORDER BY "Weight_in_lbs" DESC, "Name" LIMIT 5, 5`,
    },
    compose: () => ({
      text: "From 6th to 10th heaviest: {{1.Name}}, {{2.Name}}, {{3.Name}}, {{4.Name}} and {{5.Name}}.",
      metrics: [],
      follow_ups: [],
    }),
  },
};

type Check = (text: string, truth: Truth) => boolean;

/** The text states `value`, rounded as written (119.9 for 119.9, -0.83 for -0.8317; not 120 for 119.9). */
function says(text: string, value: number): boolean {
  for (const match of text.matchAll(/-?\d[\d,]*(?:\.(\d+))?/g)) {
    const written = Number(match[0].replaceAll(",", ""));
    const decimals = match[1]?.length ?? 0;
    if (!Number.isInteger(value) && decimals === 0 && Math.abs(value) < 1000) continue;
    if (Math.abs(written - value) <= 0.5 * 10 ** -decimals + 1e-9) return true;
  }
  return false;
}

const CHECKS: Record<keyof typeof SCRIPTS, Check> = {
  count: (text, t) => says(text, t.japanese),
  byOrigin: (text, t) => says(text, t.usaHp) && says(text, t.europeHp) && says(text, t.usaHp - t.europeHp),
  correlation: (text, t) => says(text, t.weightMpgR),
  pyOnly: (text, t) => says(text, t.meanHp),
  ranks: (text, t) => text.includes(t.sixthHeaviest) && !text.includes(t.heaviest),
};

export interface ProviderCase {
  name: string;
  group: "provider" | "quirk" | "fault";
  provider: ProviderName;
  question: keyof typeof SCRIPTS;
  quirks?: Quirk[];
  /** Number of API keys. @defaultValue 1 */
  keys?: number;
  env?: Record<string, string>;
  /** Replies sent before the model is reached (faults), in order. */
  faults?: FakeReply[];
  /** Who should answer, and the most model requests it may take. */
  expect: { by: "llm" | "rules"; maxRequests: number };
}

const P = (provider: ProviderName, name: string, question: keyof typeof SCRIPTS, maxRequests = 2): ProviderCase => ({
  name,
  group: "provider",
  provider,
  question,
  expect: { by: "llm", maxRequests },
});
const Q = (
  quirk: Quirk,
  question: keyof typeof SCRIPTS,
  maxRequests = 2,
  provider: ProviderName = "openai",
): ProviderCase => ({
  name: `${quirk.replaceAll("_", " ")}${provider === "openai" ? "" : ` (${provider})`}`,
  group: "quirk",
  provider,
  question,
  quirks: [quirk],
  expect: { by: "llm", maxRequests },
});
const F = (
  name: string,
  faults: FakeReply[],
  expect: ProviderCase["expect"],
  extra: Partial<ProviderCase> = {},
): ProviderCase => ({ name, group: "fault", provider: "openai", question: "count", faults, expect, ...extra });

export const CASES: ProviderCase[] = [
  P("openai", "OpenAI, strict json_schema", "count"),
  P("openai", "OpenAI, SQL then Python in two requests", "correlation"),
  P("openai-reasoning", "o-series / gpt-5: temperature 0 refused", "count", 3),
  P("azure", "Azure OpenAI v1 API", "byOrigin"),
  P("azure-legacy-api", "Azure api-version before 2024-08-01: json_schema refused", "count", 3),
  P("groq", "Groq: constraint keywords refused, output checked", "byOrigin"),
  P("vllm", "vLLM with xgrammar", "count"),
  P("vllm", "vLLM with xgrammar, SQL then Python", "correlation"),
  P("ollama", "Ollama", "pyOnly"),
  P("lmstudio", "LM Studio: json_object refused", "count"),
  P("gemini", "Gemini OpenAI endpoint: type lists, propertyNames refused", "byOrigin"),
  P("gemini", "Gemini OpenAI endpoint, SQL then Python", "correlation"),
  { ...Q("think_draft", "count", 2, "ollama"), name: "reasoning model's <think> draft (Ollama)" },
  Q("prose_and_fence", "count"),
  Q("trailing_comma", "count"),
  Q("trailing_comma", "count", 2, "groq"),
  Q("raw_newline", "byOrigin"),
  Q("omitted_nullables", "count"),
  Q("lowercase_enum", "count"),
  Q("chart_outside_enum", "byOrigin"),
  Q("fourth_follow_up", "count"),
  Q("sql_fence", "count"),
  Q("backticks", "byOrigin"),
  { ...Q("backticks", "ranks"), name: "MySQL LIMIT 5, 5" },
  Q("wrong_case_value", "count"),
  { ...Q("misspelled_value", "count", 3), name: "filter value not in the data: empty result healed" },
  { ...Q("wrong_column", "byOrigin", 3), name: "wrong column: repaired from DuckDB's candidate bindings" },
  Q("python_prints", "correlation"),
  { ...Q("cut_off_json", "count", 3), name: "cut-off JSON: one repair round trip" },
  F("429 with Retry-After: 1, one key (waits)", [reply.rateLimited({ retryAfterSeconds: 1 })], {
    by: "llm",
    maxRequests: 3,
  }),
  F("429 without Retry-After, one key (backs off)", [reply.rateLimited()], { by: "llm", maxRequests: 3 }),
  F(
    "429 with Retry-After: 30, two keys (rotates)",
    [reply.rateLimited({ retryAfterSeconds: 30 })],
    { by: "llm", maxRequests: 3 },
    { keys: 2 },
  ),
  F(
    "Azure 429 'retry after 1 second', one key",
    [reply.rateLimited({ retryAfterSeconds: 1 })],
    { by: "llm", maxRequests: 3 },
    { provider: "azure" },
  ),
  F("quota exhausted, two keys", [reply.quota()], { by: "llm", maxRequests: 3 }, { keys: 2 }),
  F("quota exhausted, one key (fallback answers, says so)", [reply.quota()], { by: "rules", maxRequests: 1 }),
  F("401, two keys", [reply.unauthorized()], { by: "llm", maxRequests: 3 }, { keys: 2 }),
  F("401, one key (fallback answers, says so)", [reply.unauthorized()], { by: "rules", maxRequests: 1 }),
  F("500 once, one key", [reply.serverError(500)], { by: "llm", maxRequests: 3 }),
  F("503 twice, one key", [reply.serverError(503), reply.serverError(503)], { by: "llm", maxRequests: 4 }),
  F(
    "vLLM 500 naming the grammar: steps down instead of retrying",
    [
      {
        kind: "status",
        status: 500,
        body: {
          error: {
            message: "grammar rejected tokens [200028] for request chatcmpl-1",
            type: "InternalServerError",
            param: null,
            code: 500,
          },
        },
      },
    ],
    { by: "llm", maxRequests: 3 },
    { provider: "vllm" },
  ),
  F("hang once (timeout), one key", [reply.hang()], { by: "llm", maxRequests: 3 }, { env: { LLM_TIMEOUT_MS: "1500" } }),
  F(
    "every request hangs: the question's deadline, then the fallback",
    [reply.hang(), reply.hang(), reply.hang(), reply.hang()],
    { by: "rules", maxRequests: 4 },
    { env: { LLM_TIMEOUT_MS: "1500", LLM_QUESTION_DEADLINE_MS: "3000" } },
  ),
];

export interface CaseOutcome {
  case: ProviderCase;
  answeredBy: string;
  fallback: string | null;
  correct: boolean;
  requests: number;
  calls: number;
  elapsedMs: number;
  text: string;
  answer: Answer;
}

export interface ProviderBench {
  truth: Truth;
  run(c: ProviderCase): Promise<CaseOutcome>;
  close(): Promise<void>;
}

/** One runtime (DuckDB with cars.json, the sandbox) for every case; a fake server and LLM client per case. */
export async function startProviderBench(): Promise<ProviderBench> {
  const dir = await mkdtemp(path.join(tmpdir(), "insightx-providers-"));
  const config = loadConfig({ DATA_DIR: dir, SANDBOX: "bwrap", SANDBOX_POOL_SIZE: "1", LOG_LEVEL: "silent" });
  const logger = createLogger("silent");
  const runtime = await createRuntime({ config, logger });
  await runtime.engine.ingest(REF, { path: path.join(vegaDatasetsDir(), "cars.json"), name: "cars.json" });
  const truth = await truthOf(runtime);
  return {
    truth,
    async run(c) {
      const keys = Array.from({ length: c.keys ?? 1 }, (_, i) => `sk-provider-case-${i}-${"x".repeat(16)}`);
      const fake = await startFakeOpenAI({ keys, provider: c.provider });
      try {
        fake.script(...(c.faults ?? []));
        fake.respondWith(scriptedModel(Object.values(SCRIPTS), c.quirks ?? []));
        const caseConfig: Config = loadConfig({
          DATA_DIR: dir,
          LOG_LEVEL: "silent",
          LLM_BASE_URL: fake.url,
          LLM_API_KEYS: keys.join(","),
          LLM_MODEL: c.provider === "openai-reasoning" ? "o4-mini" : "scripted-model",
          LLM_TIMEOUT_MS: "5000",
          ...c.env,
        });
        const llm = createLlmClient({ config: caseConfig, logger });
        const started = performance.now();
        const { answer } = await runQuestion(runtime.pipelineDeps({ config: caseConfig, llm, renderCharts: false }), {
          ref: REF,
          question: SCRIPTS[c.question].question,
        });
        const text = answer.final?.text ?? answer.error ?? "";
        return {
          case: c,
          answeredBy: answer.provenance?.planner ?? "none",
          fallback: answer.provenance?.fallback?.reason ?? null,
          correct: answer.final !== null && CHECKS[c.question](text, truth),
          requests: fake.requests.length,
          calls: answer.llmCalls,
          elapsedMs: performance.now() - started,
          text,
          answer,
        };
      } finally {
        await fake.close();
      }
    },
    async close() {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The table for the closing note: one row per case. */
export function formatTable(outcomes: CaseOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.case.group,
    o.case.name,
    o.case.provider,
    o.answeredBy === "llm" ? "model" : `fallback (${o.fallback ?? "?"})`,
    o.correct ? "yes" : "NO",
    String(o.requests),
    String(o.calls),
    `${(o.elapsedMs / 1000).toFixed(1)} s`,
  ]);
  const header = ["group", "case", "provider", "answered by", "correct", "requests", "model calls", "time"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
