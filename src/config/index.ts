// Configuration: parse the environment once and pass `Config` inward.
export { loadConfig, requireSettings } from "./load.js";
export { type Config, configSchema, parseBytes } from "./schema.js";
