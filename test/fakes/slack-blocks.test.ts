// The fake Slack's Block Kit validator refuses what Slack refuses, with Slack's messages, and accepts the blocks
// the Slack-native answers will use (table, context_actions with feedback_buttons, image with slack_file, rich_text,
// plan/task_card, stream chunks, Home views).
import { describe, expect, it } from "vitest";
import { validateBlocks, validateChunks, validateMessage, validateView } from "./slack-blocks.js";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const button = (action_id: string, text = "Go") => ({
  type: "button",
  text: { type: "plain_text", text },
  action_id,
  value: "v",
});

describe("the fake Slack's Block Kit validation", () => {
  it("refuses what Slack refuses, pointing at the field", () => {
    expect(validateBlocks([section("x".repeat(3001))], "message")).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
    ]);
    expect(
      validateBlocks(
        Array.from({ length: 51 }, () => ({ type: "divider" })),
        "message",
      ),
    ).toEqual(["[ERROR] no more than 50 items allowed [json-pointer:/blocks]"]);
    expect(
      validateBlocks(
        Array.from({ length: 100 }, () => ({ type: "divider" })),
        "modal",
      ),
    ).toEqual([]);
    expect(validateBlocks([{ type: "actions", elements: [button("a"), button("a")] }], "message")).toEqual([
      "[ERROR] duplicate action_id [json-pointer:/blocks/0/elements/1/action_id]",
    ]);
    expect(validateBlocks([{ type: "actions", elements: [button("a", "y".repeat(76))] }], "message")[0]).toContain(
      "/blocks/0/elements/0/text/text",
    );
    expect(validateBlocks([{ type: "header", text: { type: "mrkdwn", text: "x" } }], "message")[0]).toContain(
      "must be plain_text",
    );
    expect(
      validateBlocks(
        [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }],
        "message",
      ),
    ).toHaveLength(1);
    expect(
      validateBlocks(
        [{ type: "context", elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "c" })) }],
        "message",
      ),
    ).toHaveLength(1);
    expect(validateBlocks([{ type: "image", image_url: "https://x/y.png" }], "message")[0]).toContain(
      "/blocks/0/alt_text",
    );
    expect(validateBlocks([{ type: "table", rows: [[{ type: "raw_text", text: "a" }]] }], "modal")[0]).toContain(
      "not allowed",
    );
    expect(validateBlocks([section("")], "message")[0]).toContain("at least 1");
    expect(
      validateBlocks([{ type: "section", text: { type: "mrkdwn", text: "x" }, block_id: "b".repeat(256) }], "message"),
    ).toHaveLength(1);
  });

  it("limits tables to 100 rows of 20 cells, one table a message", () => {
    const row = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "raw_text", text: String(i) }));
    const table = (rows: number, cells: number) => ({
      type: "table",
      rows: Array.from({ length: rows }, () => row(cells)),
    });
    expect(validateBlocks([table(100, 20)], "message")).toEqual([]);
    expect(validateBlocks([table(101, 2)], "message")).toHaveLength(1);
    expect(validateBlocks([table(2, 21)], "message")).toHaveLength(2);
    expect(validateBlocks([table(2, 2), table(2, 2)], "message")).toEqual([
      "[ERROR] only one table block is allowed per message [json-pointer:/blocks]",
    ]);
  });

  it("accepts the Slack-native blocks and checks their parts", () => {
    const blocks = [
      {
        type: "table",
        column_settings: [{ align: "right" }],
        rows: [
          [
            { type: "raw_text", text: "Origin" },
            { type: "raw_text", text: "hp" },
          ],
          [
            { type: "raw_text", text: "USA" },
            { type: "raw_number", value: 119.9, text: "119.9" },
          ],
        ],
      },
      {
        type: "context_actions",
        elements: [
          {
            type: "feedback_buttons",
            action_id: "feedback",
            positive_button: { text: { type: "plain_text", text: "Good" }, value: "up" },
            negative_button: { text: { type: "plain_text", text: "Bad" }, value: "down" },
          },
        ],
      },
      { type: "image", alt_text: "Chart", slack_file: { id: "F123" } },
      { type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "hi" }] }] },
      { type: "plan", title: "Plan", tasks: [{ type: "task_card", task_id: "t1", title: "SQL", status: "complete" }] },
      { type: "markdown", text: "**bold**" },
    ];
    expect(validateBlocks(blocks, "message")).toEqual([]);
    const broken = structuredClone(blocks) as Array<Record<string, unknown>>;
    delete (broken[1] as { elements: Array<{ positive_button: { value?: string } }> }).elements[0]!.positive_button
      .value;
    (broken[4] as { tasks: Array<{ status: string }> }).tasks[0]!.status = "done";
    expect(validateBlocks(broken, "message")).toHaveLength(2);
  });

  it("checks views: modal titles of 24 characters, submit with inputs, Home blocks", () => {
    const modal = (title: string) => ({
      type: "modal",
      title: { type: "plain_text", text: title },
      blocks: [section("x")],
    });
    expect(validateView(modal("SQL &amp; code"))).toEqual([]);
    expect(validateView(modal("x".repeat(25)))).toEqual([
      "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
    ]);
    expect(validateView({ type: "home", blocks: [section("hi")] }, "home")).toEqual([]);
    expect(validateView({ type: "home", blocks: [{ type: "table", rows: [] }] }, "home").length).toBeGreaterThan(0);
  });

  it("checks whole messages and stream chunks", () => {
    expect(validateMessage({ text: "x".repeat(40_001) })?.error).toBe("msg_too_long");
    expect(validateMessage({})?.error).toBe("no_text");
    expect(
      validateMessage({
        text: "t",
        blocks: [
          section("x".repeat(2_900)),
          section("x".repeat(2_900)),
          section("x".repeat(2_900)),
          section("x".repeat(2_900)),
          section("x".repeat(2_900)),
        ],
      })?.error,
    ).toBe("msg_blocks_too_long");
    expect(
      validateChunks([
        { type: "markdown_text", text: "hi" },
        { type: "task_update", id: "1", title: "SQL", status: "in_progress" },
      ]),
    ).toEqual([]);
    expect(validateChunks([{ type: "task_update", id: "1", title: "SQL", status: "running" }])).toHaveLength(1);
  });
});
