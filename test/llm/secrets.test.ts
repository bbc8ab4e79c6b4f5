import { afterEach, describe, expect, it } from "vitest";
import { AllKeysCoolingDownError, s } from "../../src/llm/index.js";
import { reply } from "../fakes/openai-server.js";
import { type Harness, KEYS, leakedKeys, startHarness, surfaces } from "./harness.js";

const ask = (harness: Harness) =>
  harness.client.complete({
    system: "Answer.",
    messages: [{ role: "user", content: "n?" }],
    schema: s.object({ n: s.number() }),
    schemaName: "n",
  });

let harness: Harness;
afterEach(async () => harness?.close());

describe("API keys stay secret", () => {
  it("keeps keys out of events, logs, errors and stats when the server echoes them back", async () => {
    harness = await startHarness();
    // 401 and 403 echo the whole bearer key in the error message; the last key runs out of quota.
    harness.server.script(reply.unauthorized(), reply.forbidden(), reply.quota());
    const error = await ask(harness).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AllKeysCoolingDownError);
    expect(harness.events.map((event) => event.data.reason)).toEqual(["unauthorized", "unauthorized"]);
    expect(harness.logs.join("\n")).toContain("Incorrect API key provided: [redacted]");
    expect(leakedKeys(surfaces(harness, error))).toEqual([]);
  });

  it("scrubs a key quoted in a refused request's error", async () => {
    harness = await startHarness();
    harness.server.script({
      kind: "status",
      status: 400,
      body: { error: { message: `bad request for ${KEYS[0]} (also tried ${KEYS[1]} and ${KEYS[2]})` } },
    });
    const error = await ask(harness).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain("bad request for [redacted]");
    expect(leakedKeys(surfaces(harness, error))).toEqual([]);
  });

  it("records which key a request used by index only", async () => {
    harness = await startHarness();
    harness.server.script(reply.json({ n: 1 }));
    await ask(harness);
    expect(harness.server.requests[0].keyIndex).toBe(0);
    expect(leakedKeys(JSON.stringify(harness.server.requests))).toEqual([]);
  });
});
