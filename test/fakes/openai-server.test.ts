import { afterEach, describe, expect, it } from "vitest";
import { type FakeOpenAI, reply, startFakeOpenAI } from "./openai-server.js";

let server: FakeOpenAI;
afterEach(async () => server?.close());

const chat = (url: string, system: string, key = "sk-fake-key-000000000") =>
  fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "m",
      messages: [
        { role: "system", content: system },
        { role: "user", content: "q" },
      ],
    }),
  });

describe("fake OpenAI server", () => {
  it("uses the script first, then the responder, which can branch on the system prompt", async () => {
    server = await startFakeOpenAI({ keys: ["sk-fake-key-000000000"] });
    server.script(reply.json({ scripted: true }));
    server.respondWith((request) =>
      request.system.includes("SQL agent") ? reply.json({ sql: "SELECT 1" }) : reply.json({ other: true }),
    );
    const contents: unknown[] = [];
    for (const system of ["anything", "You are the SQL agent.", "You are the composer."]) {
      const body = (await (await chat(server.url, system)).json()) as { choices: { message: { content: string } }[] };
      contents.push(JSON.parse(body.choices[0].message.content));
    }
    expect(contents).toEqual([{ scripted: true }, { sql: "SELECT 1" }, { other: true }]);
    expect(server.requests.map((request) => request.keyIndex)).toEqual([0, 0, 0]);
    expect(server.remaining).toBe(0);
  });

  it("answers without /v1 in the path too, and says plainly when nothing is scripted", async () => {
    server = await startFakeOpenAI();
    const response = await chat(server.url.replace(/\/v1$/, ""), "s", "unknown");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("nothing scripted");
    expect(server.requests[0]).toMatchObject({ path: "/chat/completions", keyIndex: -1 });
  });

  it("delays replies by the configured latency range", async () => {
    server = await startFakeOpenAI({ latencyMs: { min: 300, max: 400 } });
    server.respondWith(() => reply.json({}));
    const started = Date.now();
    await chat(server.url, "s");
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
  });
});
