// Block Kit builders that take only `Mrkdwn`/`PlainText` (see mrkdwn.ts) and keep every block inside Slack's limits.
import type { types } from "@slack/bolt";
import { clipText } from "./clip.js";
import { LIMITS } from "./limits.js";
import { clipMd, esc, type Interpolation, type Mrkdwn, PlainText, plain } from "./mrkdwn.js";

export type Block = types.KnownBlock;
export type Button = types.Button;

declare const SAFE: unique symbol;

/**
 * What a message posts or an edit sends: the fallback `text` (notifications, screen readers; mrkdwn too) and blocks.
 * Made only by `message()`, so both went through the escaping builders.
 */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
  readonly [SAFE]: true;
}

const mrkdwnObject = (text: Mrkdwn, max: number): types.MrkdwnElement => ({
  type: "mrkdwn",
  text: clipMd(text, max).text,
  // No auto-linking of URLs, #channel names or @mentions typed as words: only the app's own `<@U…>` are live.
  verbatim: true,
});

const plainObject = (text: PlainText | Interpolation, max: number): types.PlainTextElement => ({
  type: "plain_text",
  text: text instanceof PlainText ? clipText(text.text, max) : plain(text, max).text,
  emoji: true,
});

export function section(text: Mrkdwn, options: { blockId?: string } = {}): Block {
  return {
    type: "section",
    text: mrkdwnObject(text, LIMITS.sectionText),
    ...(options.blockId ? { block_id: options.blockId } : {}),
  };
}

export function fields(items: Mrkdwn[]): Block {
  return { type: "section", fields: items.slice(0, LIMITS.fields).map((m) => mrkdwnObject(m, LIMITS.fieldText)) };
}

export function context(...elements: Mrkdwn[]): Block {
  return {
    type: "context",
    elements: elements.slice(0, LIMITS.contextElements).map((m) => mrkdwnObject(m, LIMITS.contextText)),
  };
}

/** A header; `text` from data is escaped. */
export function header(text: PlainText | Interpolation): Block {
  return { type: "header", text: plainObject(text, LIMITS.headerText) };
}

export const divider = (): Block => ({ type: "divider" });

export interface ButtonOptions {
  /** The label; from data or not, it is escaped. */
  text: PlainText | Interpolation;
  actionId: string;
  /** Sent back on click, never shown. */
  value: string;
  style?: "primary" | "danger";
  confirm?: types.ConfirmationDialog;
}

export function button(options: ButtonOptions): Button {
  return {
    type: "button",
    text: plainObject(options.text, LIMITS.buttonText),
    action_id: clipText(options.actionId, LIMITS.id, ""),
    // A value longer than Slack allows is cut by code point, never mid-character.
    value: clipText(options.value, LIMITS.buttonValue, ""),
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
  };
}

export function actions(elements: Button[], blockId?: string): Block {
  return {
    type: "actions",
    elements: elements.slice(0, LIMITS.actionsElements),
    ...(blockId ? { block_id: clipText(blockId, LIMITS.id, "") } : {}),
  };
}

/**
 * Drops blocks from the end (keeping the last one, usually the buttons) until the message is under Slack's block
 * count and size limits.
 */
export function fitBlocks(blocks: Block[], max: number = LIMITS.blocksPerMessage): Block[] {
  const kept = blocks.slice(0, max);
  while (kept.length > 1 && JSON.stringify(kept).length > LIMITS.messageBlocksChars) kept.splice(-2, 1);
  return kept;
}

/** A message: fallback text cut for notifications, blocks fitted; two elements sharing an id is a bug and throws. */
export function message(text: Mrkdwn | Interpolation, blocks: Block[] = []): SlackMessage {
  const fitted = fitBlocks(blocks);
  assertUniqueIds(fitted);
  return { text: clipMd(esc(text), LIMITS.fallbackText).text, blocks: fitted } as unknown as SlackMessage;
}

export interface ModalOptions {
  /** Slack allows 24 characters; longer (or data) titles are cut and escaped. */
  title: PlainText | Interpolation;
  callbackId: string;
  blocks: Block[];
  close?: string;
}

export function modal(options: ModalOptions): types.ModalView {
  const blocks = options.blocks.slice(0, LIMITS.blocksPerView);
  assertUniqueIds(blocks);
  return {
    type: "modal",
    callback_id: options.callbackId,
    title: plainObject(options.title, LIMITS.modalTitle),
    close: plainObject(options.close ?? "Close", LIMITS.modalButton),
    blocks,
  };
}

function assertUniqueIds(blocks: Block[]): void {
  const seen = new Set<string>();
  const check = (kind: string, id: unknown) => {
    if (typeof id !== "string") return;
    if (seen.has(`${kind}:${id}`)) throw new Error(`two Block Kit ${kind}s share the id ${id}`);
    seen.add(`${kind}:${id}`);
  };
  for (const block of blocks) {
    check("block", block.block_id);
    for (const element of ("elements" in block ? block.elements : []) as Array<{ action_id?: unknown }>)
      check("action", element.action_id);
  }
}
