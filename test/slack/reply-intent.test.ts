// Which replies in the bot's threads are meant for it.
import { describe, expect, it } from "vitest";
import { replyIntent } from "../../src/slack/reply-intent.js";

const BOT = "UBOT";

describe("replies in a thread the bot answered", () => {
  it.each([
    "now by Cylinders",
    "what about Japan?",
    "Top 5 cars by Horsepower",
    "same for Europe",
    "and for 2020",
    "show it as a line chart",
    "can you break it down by month?",
    "how many are missing",
    "<@UBOT> thanks, and by year?",
  ])("takes %j as a question", (text) => {
    expect(replyIntent(text, BOT)).toBe("question");
  });

  it.each([
    "thanks!",
    "thank you so much",
    "Thanks 🙏",
    "ok",
    "cool :tada:",
    "+1",
    "got it, makes sense",
    "I think the Japan number looks high",
    "nice work",
  ])("lets %j go by", (text) => {
    expect(replyIntent(text, BOT)).toBe("chatter");
  });

  it.each(["<@U4> can you check this?", "<!subteam^S1> what do you think?", "<!here> look at this"])(
    "leaves %j to whoever it addresses",
    (text) => {
      expect(replyIntent(text, BOT)).toBe("addressed_elsewhere");
    },
  );
});
