import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vegaDatasetsDir } from "../../src/util/index.js";

const run = promisify(execFile);
const MAIN = path.resolve("src/cli/main.ts");

describe("insightx command", () => {
  let dataDir: string;
  // The embedded store, as on a newcomer's laptop (and never the shared database's public schema).
  const env = () => ({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    LLM_API_KEYS: "",
    DATABASE_URL: "",
    REDIS_URL: "",
  });
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", MAIN, ...args], {
        env: env(),
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "insightx-cli-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("ingests with --json printing only JSON on stdout, then answers a question and prints the SQL", async () => {
    const ingest = await cli(
      "ingest",
      path.join(vegaDatasetsDir(), "seattle-weather.csv"),
      "--channel",
      "C1",
      "--json",
    );
    expect(ingest.code).toBe(0);
    const report = JSON.parse(ingest.stdout) as Array<{ tableName: string; rowCount: number }>;
    expect(report[0]).toMatchObject({ tableName: "seattle_weather", rowCount: 1461 });

    const ask = await cli("ask", "How many days had rain?", "--channel", "C1", "--out", path.join(dataDir, "out"));
    expect(ask.code).toBe(0);
    expect(ask.stdout).toContain("641");
    expect(ask.stdout).toMatch(/SQL:\nSELECT/);
  }, 180_000);

  it("refuses a write statement with the reason on stderr and a non-zero exit", async () => {
    const refused = await cli("sql", "DROP TABLE seattle_weather", "--channel", "C1", "--json");
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/Refused the DROP statement/);
  }, 120_000);
});
