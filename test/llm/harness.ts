// Shared set-up for LLM tests: a fake OpenAI server, a client pointed at it, and captured logs and events.
import { loadConfig } from "../../src/config/index.js";
import { createLlmClient, type KeyStatsSink, type LlmClient, type LlmEvent } from "../../src/llm/index.js";
import { createLogger } from "../../src/util/index.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fakes/openai-server.js";

/** Three key shapes: OpenAI-style, one the generic scrubber would miss, and a bare word. */
export const KEYS = ["sk-test-alpha-0123456789abcdef", "gsk_betaBETA9876543210zyxw", "plainkeygamma42"];

export interface Harness {
  server: FakeOpenAI;
  client: LlmClient;
  events: LlmEvent[];
  logs: string[];
  /** Moves the client's clock (cooldowns) forward; real time is untouched. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startHarness(
  options: { keys?: string[]; env?: Record<string, string>; statsSink?: KeyStatsSink } = {},
): Promise<Harness> {
  const keys = options.keys ?? KEYS;
  const server = await startFakeOpenAI({ keys });
  const config = loadConfig({
    LLM_BASE_URL: server.url,
    LLM_MODEL: "fake-model",
    LLM_API_KEYS: keys.join(","),
    LLM_TIMEOUT_MS: "2000",
    ...options.env,
  });
  const logs: string[] = [];
  const logger = createLogger("trace", { write: (line: string) => void logs.push(line) });
  const events: LlmEvent[] = [];
  let offset = 0;
  const client = createLlmClient({
    config,
    logger,
    onEvent: (event) => events.push(event),
    now: () => Date.now() + offset,
    ...(options.statsSink ? { statsSink: options.statsSink } : {}),
  });
  return {
    server,
    client,
    events,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    close: () => server.close(),
  };
}

/** Every string a key could leak into: the error (message, stack, JSON), events, logs and stats. */
export function surfaces(harness: Harness, error?: unknown): string {
  const parts = [JSON.stringify(harness.events), harness.logs.join("\n"), JSON.stringify(harness.client.stats())];
  if (error instanceof Error) {
    parts.push(error.message, error.stack ?? "", JSON.stringify(error), String(error.cause ?? ""));
  }
  return parts.join("\n");
}

export function leakedKeys(text: string, keys: string[] = KEYS): string[] {
  return keys.filter((key) => text.includes(key));
}
