// The one place untrusted text becomes Slack mrkdwn or plain text: `Mrkdwn` and `PlainText` values can only be made
// here, every raw string that reaches them is escaped, and the Block Kit builders accept nothing else.
import { clipText, splitText } from "./clip.js";

const TOKEN: unique symbol = Symbol("blockkit");

/** Text that is safe to send as mrkdwn: app templates, and untrusted text escaped on the way in. */
export class Mrkdwn {
  readonly text: string;
  constructor(token: typeof TOKEN, text: string) {
    if (token !== TOKEN) throw new TypeError("Mrkdwn is made with md`…`, esc(), code() or codeBlock()");
    this.text = text;
  }
  get length(): number {
    return this.text.length;
  }
  toString(): string {
    return this.text;
  }
}

/** Text for `plain_text` objects (buttons, headers, modal titles), escaped the same way. */
export class PlainText {
  readonly text: string;
  constructor(token: typeof TOKEN, text: string) {
    if (token !== TOKEN) throw new TypeError("PlainText is made with plain()");
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

/** What may be interpolated into md`…`: Mrkdwn as it is, anything else escaped. */
export type Interpolation = Mrkdwn | string | number | bigint | boolean | null | undefined;

const trusted = (text: string) => new Mrkdwn(TOKEN, text);

/** Control characters other than tab and line breaks; they garble notifications and terminals. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes untrusted text for mrkdwn and plain_text: `&` `<` `>` become entities (so `<!here>`, `<@U…>`, `<#C…>` and
 * `<http…|label>` show as typed and never ping or link), the words `@here`/`@channel`/`@everyone` get an invisible
 * word joiner (never parsed as mentions whatever the client does), and control characters are dropped.
 */
export function escapeText(text: string): string {
  return text
    .replace(CONTROL, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(/@(here|channel|everyone)\b/gi, "@\u2060$1");
}

/**
 * Untrusted text for fields Slack shows as typed but that are not text objects (file titles, alt text): entities
 * would show literally there, so `<` and `>` become look-alike angle quotes that can never form a mention or link.
 */
export function inertText(text: string): string {
  return text
    .replace(CONTROL, "")
    .replaceAll("<", "‹")
    .replaceAll(">", "›")
    .replace(/@(here|channel|everyone)\b/gi, "@\u2060$1");
}

const show = (value: Exclude<Interpolation, Mrkdwn>): string =>
  value === null || value === undefined ? "" : typeof value === "string" ? value : String(value);

/** Untrusted text as mrkdwn. */
export function esc(value: Interpolation): Mrkdwn {
  return value instanceof Mrkdwn ? value : trusted(escapeText(show(value)));
}

/**
 * The app's own mrkdwn templates: the literal parts are written by us and kept, every interpolated value that is not
 * already `Mrkdwn` is escaped. `` md`Loaded *${fileName}*` `` cannot ping anyone whatever the file is called.
 */
export function md(strings: TemplateStringsArray, ...values: Interpolation[]): Mrkdwn {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += esc(value).text + (strings[i + 1] ?? "");
  });
  return trusted(out);
}

/** Joins pieces with a separator (escaped like any other text). */
export function joinMd(items: Interpolation[], separator: string): Mrkdwn {
  return trusted(items.map((item) => esc(item).text).join(escapeText(separator)));
}

/** Inline code: formatting characters inside show as typed; a backtick in the value cannot close the span. */
export function code(value: Interpolation): Mrkdwn {
  const text = value instanceof Mrkdwn ? value.text : escapeText(show(value));
  return trusted(`\`${text.replaceAll("`", "ˋ").replace(/\s*\n\s*/g, " ")}\``);
}

/** `*text*`, for names from data (their own `*` or `_` can only change emphasis, never link or ping). */
export const bold = (value: Interpolation) => md`*${value}*`;

/** A fenced code block: `<` stays readable (`&lt;` renders as `<`), a ``` inside cannot close the fence. */
export function codeBlock(code: string, max = 3000): Mrkdwn {
  return trusted(`\`\`\`${clipText(fenceBody(code), max - 6)}\`\`\``);
}

/** Long code as several fenced blocks of at most `max` characters each, split at line breaks: nothing is cut. */
export function codeBlocks(code: string, max = 3000): Mrkdwn[] {
  return splitText(fenceBody(code), max - 6).map((piece) => trusted(`\`\`\`${piece.replace(/^\n/, "")}\`\`\``));
}

const fenceBody = (code: string) => escapeText(code.replace(/\r\n/g, "\n")).replaceAll("```", "`\u200b``");

/** A user mention, only for a real Slack user id (from a Slack payload); anything else is shown as text. */
export function userMention(id: string): Mrkdwn {
  return /^[UW][A-Z0-9]+$/.test(id) ? trusted(`<@${id}>`) : esc(id);
}

/** A channel link, only for a real Slack channel id. */
export function channelMention(id: string): Mrkdwn {
  return /^[CGD][A-Z0-9]+$/.test(id) ? trusted(`<#${id}>`) : esc(id);
}

/** Cuts mrkdwn to `max` characters without breaking an entity, a mention or an emoji. */
export function clipMd(value: Mrkdwn, max: number): Mrkdwn {
  return trusted(clipText(value.text, max));
}

/** Untrusted text for a plain_text object, escaped and cut to `max`. */
export function plain(value: Interpolation, max?: number): PlainText {
  const text = value instanceof Mrkdwn ? value.text : escapeText(show(value)).replace(/\s+/g, " ").trim();
  return new PlainText(TOKEN, max === undefined ? text : clipText(text, max));
}
