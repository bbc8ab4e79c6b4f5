// The escaping module: untrusted text can only become mrkdwn escaped, and cutting never breaks a character or entity.
import { describe, expect, it } from "vitest";
import {
  clipText,
  code,
  codeBlock,
  codeBlocks,
  esc,
  Mrkdwn,
  md,
  message,
  modal,
  plain,
  section,
  splitText,
  userMention,
} from "../../src/blockkit/index.js";

describe("escaping", () => {
  it("turns mentions, channel links and disguised links from data into text", () => {
    const hostile = "<!here> <!channel> <@U0ADMIN> <#C0GENERAL> <http://evil.example|Reset your password> A&B";
    expect(esc(hostile).text).toBe(
      "&lt;!here&gt; &lt;!channel&gt; &lt;@U0ADMIN&gt; &lt;#C0GENERAL&gt; &lt;http://evil.example|Reset your password&gt; A&amp;B",
    );
  });

  it("keeps the app's template and escapes only what is interpolated", () => {
    const name = "<!here>.csv";
    expect(md`Loaded *${name}* for ${userMention("U123")}`.text).toBe("Loaded *&lt;!here&gt;.csv* for <@U123>");
    expect(md`nested ${md`*${"<b>"}*`}`.text).toBe("nested *&lt;b&gt;*");
  });

  it("breaks the words @here, @channel and @everyone so no client can parse them", () => {
    expect(esc("ping @here and @Channel").text).not.toMatch(/@(here|channel)\b/i);
  });

  it("drops control characters", () => {
    expect(esc("a\u0000b\u001bc\u202ed").text).toBe("abcd");
  });

  it("cannot be made without escaping", () => {
    expect(() => new (Mrkdwn as unknown as new (a: unknown, b: string) => Mrkdwn)(Symbol("x"), "<!here>")).toThrow();
  });

  it("keeps `<` readable in code blocks and lets no ``` close the fence", () => {
    const sql = "SELECT * FROM t WHERE a < 5 AND b = '```'";
    const block = codeBlock(sql).text;
    expect(block.startsWith("```") && block.endsWith("```")).toBe(true);
    expect(block.slice(3, -3)).not.toContain("```");
    expect(block).toContain("a &lt; 5");
  });

  it("shows names as inline code that a backtick cannot close", () => {
    expect(code("a`b*c*").text).toBe("`aˋb*c*`");
  });

  it("escapes plain_text for buttons and titles and cuts them to Slack's limit", () => {
    expect(plain("<!here> & more", 10).text).toBe("&lt;!here…");
    expect(
      modal({ title: "a very long modal title from data <!here>", callbackId: "x", blocks: [] }).title.text.length,
    ).toBeLessThanOrEqual(24);
  });
});

describe("cutting text", () => {
  it("never halves an emoji, a ZWJ sequence or a surrogate pair", () => {
    const family = "👨‍👩‍👧";
    const original = `ab${family}${family}cd`;
    const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(original)].map(
      (g) => g.segment,
    );
    for (let max = 1; max < 30; max++) {
      const cut = clipText(original, max).replace(/…$/, "");
      expect(cut.length).toBeLessThanOrEqual(max);
      // A prefix made of whole graphemes: no lone surrogate, no half family.
      const prefixes = graphemes.map((_, i) => graphemes.slice(0, i).join(""));
      expect(prefixes.concat(original)).toContain(cut);
    }
  });

  it("never cuts an entity in the middle", () => {
    const text = esc("A&B".repeat(50)).text;
    for (let max = 2; max < 40; max++) expect(clipText(text, max)).not.toMatch(/&(a|am|amp|l|lt|g|gt)?…$/);
  });

  it("splits long code into pieces that join back to the whole, at line breaks", () => {
    const code = Array.from({ length: 400 }, (_, i) => `SELECT ${i} AS n -- a < b & c`).join("\n");
    const pieces = splitText(code, 3000);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join("")).toBe(code);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    const blocks = codeBlocks(code);
    for (const b of blocks) expect(b.text.length).toBeLessThanOrEqual(3000);
  });
});

describe("messages", () => {
  it("escapes a raw fallback text and refuses two buttons with one action id", () => {
    expect(message("<!here> done").text).toBe("&lt;!here&gt; done");
    const twice = {
      type: "actions",
      elements: [
        { type: "button", action_id: "a" },
        { type: "button", action_id: "a" },
      ],
    };
    expect(() => message(md`x`, [section(md`x`), twice as never])).toThrow(/share the id a/);
  });
});
