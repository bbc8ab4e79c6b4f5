// Runs the Slack suite against the strict fake and prints what it checked: Web API calls, payloads validated
// against Slack's rules, refusals, and 429s answered and survived.
// Run: npx tsx test/slack/figures.ts   (any vitest filters may follow, e.g. test/slack)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(os.tmpdir(), "insightx-fake-slack-"));
const file = path.join(dir, "stats.jsonl");
const targets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["test/slack", "test/jobs", "test/fakes"];
const run = spawnSync("npx", ["vitest", "run", ...targets], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, FAKE_SLACK_STATS_FILE: file },
});

interface Stats {
  calls: number;
  validated: number;
  rateLimited: number;
  rateLimitedThenOk: number;
  refused: Record<string, number>;
  unexpected: number;
}
let lines: Stats[] = [];
try {
  lines = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Stats);
} catch {
  lines = [];
}
rmSync(dir, { recursive: true, force: true });
const sum = (key: "calls" | "validated" | "rateLimited" | "rateLimitedThenOk" | "unexpected") =>
  lines.reduce((n, s) => n + s[key], 0);
const refused: Record<string, number> = {};
for (const s of lines) for (const [code, n] of Object.entries(s.refused)) refused[code] = (refused[code] ?? 0) + n;

process.stdout.write(
  [
    "",
    `Strict fake Slack over ${targets.join(" ")} (${lines.length} fake Slack servers):`,
    `  Web API calls:                    ${sum("calls")}`,
    `  payloads validated:               ${sum("validated")}`,
    `  payloads refused unexpectedly:    ${sum("unexpected")}`,
    `  429 answers (Retry-After):        ${sum("rateLimited")}`,
    `  429s survived (retried to ok):    ${sum("rateLimitedThenOk")}`,
    `  refusals tests provoked:          ${
      Object.entries(refused)
        .map(([c, n]) => `${c} ${n}`)
        .join(", ") || "none"
    }`,
    `  vitest exit code:                 ${run.status}`,
    "",
  ].join("\n"),
);
process.exit(run.status ?? 1);
