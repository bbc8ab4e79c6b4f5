import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { configSchema, loadConfig, parseBytes, requireSettings } from "../../src/config/index.js";
import { ConfigError } from "../../src/util/index.js";

describe("configuration", () => {
  it("fills every default from an empty environment, with DATA_DIR made absolute", () => {
    const config = loadConfig({});
    expect(config.DATA_DIR).toBe(path.resolve("./data"));
    expect(config.MAX_UPLOAD_BYTES).toBe(1024 ** 3);
    expect(config.SANDBOX).toBe("bwrap");
    expect(config.LLM_API_KEYS).toEqual([]);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("stops on a bad value naming the variable, what it expects and how to fix it", () => {
    const attempt = () => loadConfig({ SANDBOX: "chroot", DATABASE_URL: "mysql://x", MAX_UPLOAD_BYTES: "lots" });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/SANDBOX: .*"bwrap".*got "chroot".*set SANDBOX/);
    expect(message).toMatch(/DATABASE_URL: a postgres:\/\/ or postgresql:\/\/ connection URL/);
    expect(message).toMatch(/MAX_UPLOAD_BYTES: a size such as/);
  });

  it("treats empty strings as unset and splits key lists", () => {
    const config = loadConfig({ DATABASE_URL: "  ", LLM_API_KEYS: "sk-a, sk-b,," });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.LLM_API_KEYS).toEqual(["sk-a", "sk-b"]);
  });

  it("reads sizes with units", () => {
    expect(parseBytes("512MB")).toBe(512e6);
    expect(parseBytes("1GiB")).toBe(1024 ** 3);
    expect(parseBytes("2048")).toBe(2048);
  });

  it("names missing settings a command needs", () => {
    expect(() =>
      requireSettings(loadConfig({}), ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"], "insightx start"),
    ).toThrow(/insightx start needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET/);
  });

  it("documents every variable in .env.example and the README table, and the example parses", () => {
    const example = readFileSync(".env.example", "utf8");
    const readme = readFileSync("README.md", "utf8");
    for (const name of Object.keys(configSchema.shape)) {
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, "m"));
      expect(readme, name).toContain(`| \`${name}\` |`);
    }
    expect(() => loadConfig(parseEnv(example) as NodeJS.ProcessEnv)).not.toThrow();
  });
});
