// A scripted model behind the fake server: it answers each agent (plan, repair, Python, compose) the way a capable
// model would for the questions it knows, and can write its replies with the quirks real models have.
import type { FakeReply, RecordedRequest } from "../../fakes/openai-server.js";
import { reply } from "../../fakes/openai-server.js";

export const QUIRKS = [
  "think_draft",
  "prose_and_fence",
  "trailing_comma",
  "raw_newline",
  "omitted_nullables",
  "lowercase_enum",
  "chart_outside_enum",
  "fourth_follow_up",
  "sql_fence",
  "backticks",
  "wrong_case_value",
  "misspelled_value",
  "wrong_column",
  "python_prints",
  "cut_off_json",
] as const;
export type Quirk = (typeof QUIRKS)[number];

type Agent = "plan" | "repair" | "python" | "compose";

export function agentOf(request: RecordedRequest): Agent {
  if (request.system.includes("InsightX's orchestrator")) return "plan";
  if (request.system.includes("You fix DuckDB SQL")) return "repair";
  if (request.system.includes("You write Python for InsightX")) return "python";
  return "compose";
}

/** The text inside a fence of the request's first user message (a repair round trip appends others). */
export function fenced(request: RecordedRequest, name: string): string | null {
  const first = request.messages.find((message) => message.role === "user")?.content ?? "";
  const match = new RegExp(`<data name="${name}">\\n([\\s\\S]*?)\\n</data>`).exec(first);
  return match ? match[1] : null;
}

/** A repair round trip of the structured-output layer: the model's earlier reply is in the conversation. */
const isRetry = (request: RecordedRequest) => request.messages.some((message) => message.role === "assistant");

export interface ComposeInput {
  table: { columns: string[]; rows: unknown[][] } | null;
  python: unknown;
}

export interface QuestionScript {
  question: string;
  /** The plan a good model writes (quirks are applied to it). */
  plan: Record<string, unknown>;
  /** Python for a plan written without it. */
  python?: string;
  /** The repair a good model writes after reading the error (or the empty result); null: the request made no sense. */
  repair?: (request: RecordedRequest) => string | null;
  compose(input: ComposeInput): {
    text: string;
    metrics: Array<{ name: string; value: unknown }>;
    follow_ups: string[];
  };
}

const PLAN_DEFAULTS = {
  reasoning: "scripted",
  assumptions: null,
  columns_needed: [],
  sql: null,
  python: null,
  table: null,
  clarification: null,
  rephrasings: null,
  chart: null,
};

/** The responder for the fake server: plans, repairs, code and compositions for the scripts it knows. */
export function scriptedModel(scripts: readonly QuestionScript[], quirks: readonly Quirk[] = []) {
  const has = (quirk: Quirk) => quirks.includes(quirk);
  return (request: RecordedRequest): FakeReply => {
    const question = fenced(request, "question") ?? "";
    const script = scripts.find((s) => s.question === question);
    if (!script) return reply.serverError(500);
    switch (agentOf(request)) {
      case "plan":
        return reply.text(planText(script, isRetry(request) ? (quirk) => quirk !== "cut_off_json" && has(quirk) : has));
      case "repair": {
        const sql = script.repair?.(request) ?? null;
        return sql === null ? reply.serverError(500) : reply.json({ sql, reasoning: "read the error" });
      }
      case "python":
        return reply.json({ code: script.python ?? "result = df", reasoning: "scripted" });
      case "compose": {
        const result = fenced(request, "result");
        const python = fenced(request, "python");
        const composed = script.compose({
          table: result && result !== "null" ? JSON.parse(result) : null,
          python: python ? JSON.parse(python) : null,
        });
        const followUps = has("fourth_follow_up")
          ? [...composed.follow_ups, "A fourth follow-up nobody asked for?", "And a fifth?"]
          : composed.follow_ups;
        return reply.json({ ...composed, follow_ups: followUps });
      }
    }
  };
}

function planText(script: QuestionScript, has: (quirk: Quirk) => boolean): string {
  const plan: Record<string, unknown> = { ...PLAN_DEFAULTS, ...script.plan };
  let sql = typeof plan.sql === "string" ? plan.sql : null;
  if (sql !== null) {
    if (has("wrong_case_value"))
      sql = sql.replace(/'([A-Z][a-z]+)'/g, (_m, value: string) => `'${value.toLowerCase()}'`);
    if (has("misspelled_value")) sql = sql.replace("'Japan'", "'Japanese'");
    if (has("wrong_column")) sql = sql.replace('"Horsepower"', '"HP"');
    if (has("backticks")) sql = sql.replace(/"([^"]+)"/g, "`$1`");
    if (has("raw_newline")) sql = sql.replace(/ FROM /, "\nFROM ").replace(/ WHERE /, "\nWHERE ");
    if (has("sql_fence")) sql = `\`\`\`sql\n${sql}\n\`\`\``;
    plan.sql = sql;
  }
  if (has("python_prints") && typeof plan.python === "string") {
    plan.python = plan.python.replace(/^result = (.*)$/m, "print($1)");
  }
  if (has("lowercase_enum")) plan.classification = String(plan.classification).toLowerCase();
  if (has("chart_outside_enum")) plan.chart = { type: "sunburst", x: null, y: null };
  if (has("omitted_nullables")) {
    for (const key of Object.keys(plan)) if (plan[key] === null) delete plan[key];
  }
  let text = JSON.stringify(plan, null, 1);
  // A raw newline inside a JSON string: what a model writes when it "formats" the SQL.
  if (has("raw_newline")) text = text.replace(/\\n/g, "\n");
  if (has("trailing_comma")) text = text.replace(/\n}$/, ",\n}");
  if (has("cut_off_json")) text = text.slice(0, Math.floor(text.length * 0.6));
  if (has("prose_and_fence"))
    text = `Sure! Here is the plan:\n\`\`\`json\n${text}\n\`\`\`\nLet me know if you need more.`;
  if (has("think_draft")) {
    const draft = JSON.stringify({ ...plan, sql: 'SELECT count(*) FROM "cars"', reasoning: "first thought" });
    text = `<think>\nThe user wants a count. A first draft: ${draft}\nNo, the filter matters.\n</think>\n${text}`;
  }
  return text;
}
