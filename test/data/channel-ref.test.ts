// TEAM:CHANNEL, read one way everywhere (CLI --channel, the HTTP API) and written by channelKey.
import { describe, expect, it } from "vitest";
import { channelKey, parseChannelRef } from "../../src/data/index.js";

const local = { teamId: "local", channelId: "local" };

describe("parseChannelRef", () => {
  it("reads TEAM:CHANNEL and a bare channel in the default team", () => {
    expect(parseChannelRef("T1:C1", local)).toEqual({ teamId: "T1", channelId: "C1" });
    expect(parseChannelRef("C1", local)).toEqual({ teamId: "local", channelId: "C1" });
  });

  it("gives an empty part its default and keeps colons after the first in the channel", () => {
    expect(parseChannelRef("T1:", local)).toEqual({ teamId: "T1", channelId: "local" });
    expect(parseChannelRef(":C1", local)).toEqual({ teamId: "local", channelId: "C1" });
    expect(parseChannelRef("T1:C1:x", local)).toEqual({ teamId: "T1", channelId: "C1:x" });
  });

  it("reads back what channelKey writes", () => {
    const ref = { teamId: "T9", channelId: "C42" };
    expect(parseChannelRef(channelKey(ref), local)).toEqual(ref);
  });
});
