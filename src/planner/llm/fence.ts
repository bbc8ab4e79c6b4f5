// The one way untrusted text (questions, history, insights, Data DNA, column, sheet and file names, cell values,
// model output fed back) enters a prompt: inside a <data> fence that nothing inside it can close or reopen.

/** Characters that can sit invisibly between the letters of a tag (zero-width, joiners, bidi controls, soft hyphen). */
const INVISIBLE =
  "[\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0]";
const GAP = `(?:\\s|${INVISIBLE})*`;
/** "<" and its look-alikes: fullwidth, small form, angle brackets, single guillemet, escaped forms. */
const OPEN = "(?:<|\\uFF1C|\\uFE64|\\u2039|\\u2329|\\u27E8|\\u3008|&lt;?|&#0*60;?|&#x0*3c;?|\\\\u003c|\\\\x3c)";
const SLASH = "(?:/|\\uFF0F|\\u2044|\\u2215|\\u29F8|\\\\)";
const letter = (ascii: string) => {
  const full = String.fromCharCode(ascii.toUpperCase().charCodeAt(0) + 0xfee0);
  const fullLower = String.fromCharCode(ascii.charCodeAt(0) + 0xfee0);
  return `[${ascii}${ascii.toUpperCase()}${full}${fullLower}]`;
};
const WORD = ["d", "a", "t", "a"].map(letter).join(`${INVISIBLE}*`);

/** An opening or closing data tag in any case, spacing or look-alike spelling; group 2 is all but the bracket. */
const TAG = new RegExp(`(${OPEN})(${GAP}${SLASH}?${GAP}${WORD})`, "giu");

/** Escapes anything in `text` that reads as a data tag, so the fence around it cannot be closed from inside. */
export function escapeFence(text: string): string {
  return text.replace(TAG, (_match, _open: string, rest: string) => `[${rest}`);
}

/** Untrusted text as data. The label is ours (a fixed word), never the user's. */
export function fence(label: string, text: string): string {
  return `<data name="${label}">\n${escapeFence(text)}\n</data>`;
}

/** A name from a file (table, column, sheet, file) quoted for a prompt: one line, quotes and controls escaped. */
export function quoteName(name: string): string {
  return JSON.stringify(name).replace(/[\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);
}
