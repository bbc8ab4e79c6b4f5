// Structured JSON logs with pino; anything that looks like a token or key is redacted.
import { pino } from "pino";

export type Logger = pino.Logger;

const REDACT = [
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "api_key",
  "*.api_key",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "key",
  "*.key",
  "keys",
  "*.keys",
  "signingSecret",
  "*.signingSecret",
  "password",
  "*.password",
];

const SECRET_PATTERN = /\b(xox[abprs]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|sk-[A-Za-z0-9_-]{8,})\b/g;

/** Replaces token-shaped substrings, for text that may quote a secret. */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, "[redacted]");
}

export function createLogger(
  level: string = process.env.LOG_LEVEL ?? "info",
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { app: "insightx" },
      redact: { paths: REDACT, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination ?? pino.destination(2),
  );
}
