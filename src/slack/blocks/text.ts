// Text helpers that keep Slack messages inside its limits and safe to show.
import { clip } from "../../util/index.js";

export { clip };

/** Slack's hard limits we design under (section text 3,000; button text 75; button value 2,000). */
export const LIMITS = {
  sectionText: 2900,
  fieldText: 1900,
  fields: 10,
  buttonText: 75,
  buttonValue: 1900,
  blocks: 50,
  /** `msg_blocks_too_long` shows up near 13k characters; stay well below. */
  messageBlocksChars: 11_000,
  modalBlocks: 100,
  plainText: 150,
} as const;

/** Escapes the three characters Slack treats as markup in mrkdwn and plain text. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** A fenced block for code in mrkdwn, clipped so the fence always closes. */
export function codeBlock(code: string, max: number = LIMITS.sectionText): string {
  const body = clip(code.replaceAll("```", "`\u200b``"), max - 8);
  return `\`\`\`${body}\`\`\``;
}

/** Milliseconds as "340 ms" or "2.4 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A count with its noun: "1 row", "1,234 rows". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
