// Parses the environment once; a wrong value stops start-up naming the variable and the fix.
import path from "node:path";
import { ConfigError } from "../util/index.js";
import { type Config, configSchema } from "./schema.js";

/** Reads `env` (default `process.env`); empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") present[key] = value;
  }
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `${name}: ${issue.message} (got ${JSON.stringify(present[name] ?? "")}); set ${name} in the environment or .env and start again`;
    });
    throw new ConfigError("config_invalid", `Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
}

/** Fails unless every named setting is present (for commands that need Slack, say). */
export function requireSettings<K extends keyof Config>(config: Config, names: K[], purpose: string): void {
  const missing = names.filter((name) => {
    const value = config[name];
    return value === undefined || (Array.isArray(value) && value.length === 0);
  });
  if (missing.length > 0) {
    throw new ConfigError(
      "config_missing",
      `${purpose} needs ${missing.join(", ")}: set ${missing.length > 1 ? "them" : "it"} in the environment or .env (see .env.example).`,
    );
  }
}
