// Error hierarchy: a stable `code`, the class name, and the cause kept; subclasses say whose fault it is.

export interface InsightErrorOptions {
  cause?: unknown;
  /** A hint that tells the person what to do next. */
  hint?: string;
}

export class InsightError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: InsightErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }

  /** The message with its hint, as shown to a person. */
  get userMessage(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** Bad file, refused SQL, unanswerable question: the person can fix it. */
export class UserInputError extends InsightError {}

/** A setting is missing or wrong: the operator can fix it. */
export class ConfigError extends InsightError {}

/** An outside service (LLM, Slack, database server) failed. */
export class UpstreamError extends InsightError {}

/** The Python sandbox failed or refused a job. */
export class SandboxError extends InsightError {}

/** Text of any thrown value, for messages and logs. */
export function errorMessage(error: unknown): string {
  if (error instanceof InsightError) return error.userMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}
