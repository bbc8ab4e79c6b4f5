// Small Block Kit builders so renderers read as layouts, not JSON.
import type { types } from "@slack/bolt";
import { clip, LIMITS } from "./text.js";

export type Block = types.KnownBlock;
export type Button = types.Button;

/** What a message posts or an edit sends: fallback text (notifications, screen readers) and blocks. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const section = (text: string): Block => ({
  type: "section",
  text: { type: "mrkdwn", text: clip(text, LIMITS.sectionText) },
});

export const fields = (items: string[]): Block => ({
  type: "section",
  fields: items.slice(0, LIMITS.fields).map((text) => ({ type: "mrkdwn", text: clip(text, LIMITS.fieldText) })),
});

export const context = (text: string): Block => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: clip(text, LIMITS.sectionText) }],
});

export const header = (text: string): Block => ({
  type: "header",
  text: { type: "plain_text", text: clip(text, LIMITS.plainText), emoji: true },
});

export const divider = (): Block => ({ type: "divider" });

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: "primary" | "danger",
  confirm?: types.ConfirmationDialog,
): Button {
  return {
    type: "button",
    text: { type: "plain_text", text: clip(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: clip(value, LIMITS.buttonValue),
    ...(style ? { style } : {}),
    ...(confirm ? { confirm } : {}),
  };
}

export const actions = (elements: Button[], blockId?: string): Block => ({
  type: "actions",
  elements: elements.slice(0, 25),
  ...(blockId ? { block_id: blockId } : {}),
});

/** Drops trailing blocks until the message is under Slack's count and size limits. */
export function fitBlocks(blocks: Block[]): Block[] {
  const kept = blocks.slice(0, LIMITS.blocks);
  while (kept.length > 1 && JSON.stringify(kept).length > LIMITS.messageBlocksChars) kept.splice(-2, 1);
  return kept;
}
