// `/insightx` over HTTP: help, tables, dna, forget with confirmation, the queue-side subcommands, unknown → help.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/index.js";
import { blockText, buttons, inThread, type SlackHarness, startSlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  await h.upload("CCMD", "cars.json");
  await h.fake.waitFor((calls) => inThread(calls, "chat.update", "CCMD").length > 0);
});
afterAll(async () => {
  await h?.close();
});

async function command(text: string, channel = "CCMD") {
  const before = h.fake.callsTo("chat.postEphemeral").length;
  const response = await h.delivery.command(text, { channel });
  expect(response.status).toBe(200);
  await h.fake.waitFor((calls) => calls.filter((c) => c.method === "chat.postEphemeral").length > before);
  return h.fake.callsTo("chat.postEphemeral").at(-1)!;
}

describe("/insightx", () => {
  it("shows help for help, for nothing, and for an unknown subcommand", async () => {
    expect(blockText((await command("help")).fields.blocks)).toContain("/insightx tables");
    expect(blockText((await command("")).fields.blocks)).toContain("/insightx dna");
    const unknown = await command("frobnicate now");
    expect(blockText(unknown.fields.blocks)).toContain("I don't know `frobnicate`");
    expect(blockText(unknown.fields.blocks)).toContain("/insightx forget");
  });

  it("lists the channel's tables and shows one table's Data DNA", async () => {
    const tables = await command("tables");
    expect(tables.fields.user).toBe("U1");
    expect(blockText(tables.fields.blocks)).toContain("`cars` — 406 rows × 9 columns");
    expect(blockText((await command("dna cars")).fields.blocks)).toContain("Key measures");
    expect(blockText((await command("dna nope")).fields.blocks)).toContain("There is no table named nope");
  });

  it("routes digest, schedule and stats to the commands seam with where they were typed", async () => {
    const reply = await command("schedule daily 09:00 Europe/Paris");
    expect(String(reply.fields.text)).toBe('schedule ran with "daily 09:00 Europe/Paris"');
    expect(h.commandCalls.at(-1)).toEqual({
      name: "schedule",
      args: "daily 09:00 Europe/Paris",
      ctx: { teamId: "T1", channelId: "CCMD", userId: "U1" },
    });
    await command("stats recent 5");
    await command("digest");
    expect(h.commandCalls.map((c) => c.name)).toEqual(["schedule", "stats", "digest"]);
  });

  it("forgets the channel's data only after the confirmation button", async () => {
    const ask = await command("forget");
    const confirm = buttons(ask.fields.blocks).find((b) => b.action_id === ACTIONS.forgetConfirm)!;
    expect(confirm).toBeDefined();
    expect(await h.runtime.engine.datasets({ teamId: "T1", channelId: "CCMD" })).toHaveLength(1);
    await h.delivery.click({
      user: "U1",
      channel: "CCMD",
      messageTs: String(ask.fields.ts ?? "1.0"),
      actionId: confirm.action_id,
      value: confirm.value,
      ephemeral: true,
    });
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === "response_url" && String(c.fields.text).includes("Forgot")),
    );
    expect(await h.runtime.engine.datasets({ teamId: "T1", channelId: "CCMD" })).toEqual([]);
    // The channel's session goes, and with it its dataset records, history, insights and schedules.
    expect(await h.runtime.store.sessions.find("T1", "CCMD")).toBeNull();
    expect(blockText((await command("tables")).fields.blocks)).toContain("No tables in this channel yet");
  });
});
