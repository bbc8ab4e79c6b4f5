// Adapts our pino logger to the @slack/logger interface Bolt and the Web API client expect.
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../util/index.js";

export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const join = (msg: unknown[]) =>
    msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" ");
  return {
    debug: (...msg: unknown[]) => logger.debug(join(msg)),
    info: (...msg: unknown[]) => logger.info(join(msg)),
    warn: (...msg: unknown[]) => logger.warn(join(msg)),
    error: (...msg: unknown[]) => logger.error(join(msg)),
    // LOG_LEVEL decides what is written; Bolt's own level setting is only remembered.
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
