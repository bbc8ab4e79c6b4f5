// Block Kit as Slack validates it: surfaces, limits and shapes from docs.slack.dev/reference/block-kit, with Slack's
// own error strings ("[ERROR] … [json-pointer:/blocks/0/text/text]"). The fake Slack runs every payload through it.

export type Surface = "message" | "modal" | "home";

type Json = Record<string, unknown>;
type Issues = string[];

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

/** Blocks that exist only in messages (and where Slack refuses them elsewhere). */
const MESSAGE_ONLY = new Set(["table", "markdown", "context_actions", "plan", "task_card", "data_table", "file"]);
const KNOWN = new Set([
  "actions",
  "alert",
  "card",
  "carousel",
  "container",
  "context",
  "context_actions",
  "data_table",
  "divider",
  "file",
  "header",
  "image",
  "input",
  "markdown",
  "plan",
  "rich_text",
  "section",
  "table",
  "task_card",
  "video",
]);

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const issue = (issues: Issues, pointer: string, message: string) =>
  issues.push(`[ERROR] ${message} [json-pointer:${pointer}]`);

/** State shared across one payload: ids must be unique per message or view. */
interface Walk {
  surface: Surface;
  issues: Issues;
  blockIds: Set<string>;
  actionIds: Set<string>;
  tables: number;
  markdownChars: number;
}

/** Validates a `blocks` array; returns Slack's messages (empty when Slack would accept it). */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = "/blocks"): string[] {
  const walk: Walk = { surface, issues: [], blockIds: new Set(), actionIds: new Set(), tables: 0, markdownChars: 0 };
  checkBlockList(walk, blocks, pointer, MAX_BLOCKS[surface]);
  if (walk.tables > 1) issue(walk.issues, pointer, "only one table block is allowed per message");
  if (walk.markdownChars > 12_000) issue(walk.issues, pointer, "markdown blocks must total less than 12001 characters");
  return walk.issues;
}

function checkBlockList(walk: Walk, blocks: unknown, pointer: string, max: number): void {
  if (!Array.isArray(blocks)) {
    issue(walk.issues, pointer, "must provide an array");
    return;
  }
  if (blocks.length > max) issue(walk.issues, pointer, `no more than ${max} items allowed`);
  blocks.forEach((block, i) => {
    checkBlock(walk, block, `${pointer}/${i}`);
  });
}

function checkBlock(walk: Walk, block: unknown, p: string): void {
  const { issues } = walk;
  if (!isObject(block)) {
    issue(issues, p, "must provide an object");
    return;
  }
  const type = block.type;
  if (typeof type !== "string" || !KNOWN.has(type)) {
    issue(issues, `${p}/type`, "invalid block type");
    return;
  }
  if (walk.surface !== "message" && MESSAGE_ONLY.has(type))
    issue(issues, `${p}/type`, `${type} blocks are not allowed in ${walk.surface}s`);
  if (type === "input" && walk.surface === "message") issue(issues, `${p}/type`, "input blocks are not allowed here");
  if (block.block_id !== undefined) {
    if (!str(issues, `${p}/block_id`, block.block_id, 1, 255)) {
      /* reported */
    } else if (walk.blockIds.has(block.block_id as string)) issue(issues, `${p}/block_id`, "duplicate block_id");
    else walk.blockIds.add(block.block_id as string);
  }
  switch (type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined)
        issue(issues, p, "must provide either text or fields");
      if (block.text !== undefined) textObject(issues, `${p}/text`, block.text, 3000);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0)
          issue(issues, `${p}/fields`, "must provide a non-empty array");
        else {
          if (block.fields.length > 10) issue(issues, `${p}/fields`, "no more than 10 items allowed");
          block.fields.forEach((f, i) => {
            textObject(issues, `${p}/fields/${i}`, f, 2000);
          });
        }
      }
      if (block.accessory !== undefined) element(walk, block.accessory, `${p}/accessory`);
      break;
    }
    case "header":
      textObject(issues, `${p}/text`, block.text, 150, "plain_text");
      break;
    case "divider":
      break;
    case "context": {
      const elements = list(issues, `${p}/elements`, block.elements, 1, 10);
      elements.forEach((e, i) => {
        if (isObject(e) && e.type === "image") imageElement(issues, `${p}/elements/${i}`, e);
        else textObject(issues, `${p}/elements/${i}`, e, 3000);
      });
      break;
    }
    case "actions": {
      const elements = list(issues, `${p}/elements`, block.elements, 1, 25);
      elements.forEach((e, i) => {
        element(walk, e, `${p}/elements/${i}`);
      });
      break;
    }
    case "context_actions": {
      const elements = list(issues, `${p}/elements`, block.elements, 1, 5);
      elements.forEach((e, i) => {
        const ep = `${p}/elements/${i}`;
        if (!isObject(e)) {
          issue(issues, ep, "must provide an object");
          return;
        }
        if (e.type === "feedback_buttons") {
          actionId(walk, `${ep}/action_id`, e.action_id);
          for (const side of ["positive_button", "negative_button"] as const) {
            const b = e[side];
            if (!isObject(b)) issue(issues, `${ep}/${side}`, "must provide an object");
            else {
              textObject(issues, `${ep}/${side}/text`, b.text, 75, "plain_text");
              str(issues, `${ep}/${side}/value`, b.value, 1, 2000);
              if (b.accessibility_label !== undefined)
                str(issues, `${ep}/${side}/accessibility_label`, b.accessibility_label, 1, 75);
            }
          }
        } else if (e.type === "icon_button") {
          actionId(walk, `${ep}/action_id`, e.action_id);
          str(issues, `${ep}/icon`, e.icon, 1, 100);
          textObject(issues, `${ep}/text`, e.text, 75, "plain_text");
          if (e.value !== undefined) str(issues, `${ep}/value`, e.value, 1, 2000);
        } else issue(issues, `${ep}/type`, "must be feedback_buttons or icon_button");
      });
      break;
    }
    case "image":
      imageElement(issues, p, block, 3000);
      if (block.title !== undefined) textObject(issues, `${p}/title`, block.title, 2000, "plain_text");
      break;
    case "markdown":
      if (str(issues, `${p}/text`, block.text, 1, 12_000)) walk.markdownChars += (block.text as string).length;
      break;
    case "rich_text":
      richText(issues, p, block);
      break;
    case "table": {
      walk.tables++;
      const rows = list(issues, `${p}/rows`, block.rows, 1, 100);
      rows.forEach((row, r) => {
        const cells = list(issues, `${p}/rows/${r}`, row, 1, 20);
        cells.forEach((cell, c) => {
          tableCell(issues, `${p}/rows/${r}/${c}`, cell);
        });
      });
      if (block.column_settings !== undefined) list(issues, `${p}/column_settings`, block.column_settings, 0, 20);
      break;
    }
    case "plan":
      str(issues, `${p}/title`, block.title, 1, 256);
      if (block.tasks !== undefined)
        list(issues, `${p}/tasks`, block.tasks, 0, 100).forEach((t, i) => {
          taskCard(issues, `${p}/tasks/${i}`, t);
        });
      break;
    case "task_card":
      taskCard(issues, p, block);
      break;
    case "input":
      textObject(issues, `${p}/label`, block.label, 2000, "plain_text");
      if (!isObject(block.element)) issue(issues, `${p}/element`, "must provide an object");
      else if (block.element.action_id !== undefined) actionId(walk, `${p}/element/action_id`, block.element.action_id);
      break;
    default:
      break;
  }
}

function element(walk: Walk, e: unknown, p: string): void {
  const { issues } = walk;
  if (!isObject(e)) {
    issue(issues, p, "must provide an object");
    return;
  }
  if (e.type === "image") {
    imageElement(issues, p, e);
    return;
  }
  if (e.action_id !== undefined || e.type === "button")
    actionId(walk, `${p}/action_id`, e.action_id, e.type !== "button");
  if (e.type === "button") {
    textObject(issues, `${p}/text`, e.text, 75, "plain_text");
    if (e.value !== undefined) str(issues, `${p}/value`, e.value, 1, 2000);
    if (e.url !== undefined) str(issues, `${p}/url`, e.url, 1, 3000);
    if (e.style !== undefined && e.style !== "primary" && e.style !== "danger")
      issue(issues, `${p}/style`, "must be one of primary, danger");
    if (e.confirm !== undefined) confirm(issues, `${p}/confirm`, e.confirm);
  }
}

function actionId(walk: Walk, p: string, id: unknown, optional = true): void {
  if (id === undefined) {
    if (!optional) return;
    return;
  }
  if (!str(walk.issues, p, id, 1, 255)) return;
  if (walk.actionIds.has(id as string)) issue(walk.issues, p, "duplicate action_id");
  walk.actionIds.add(id as string);
}

function confirm(issues: Issues, p: string, c: unknown): void {
  if (!isObject(c)) {
    issue(issues, p, "must provide an object");
    return;
  }
  textObject(issues, `${p}/title`, c.title, 100, "plain_text");
  textObject(issues, `${p}/text`, c.text, 300);
  textObject(issues, `${p}/confirm`, c.confirm, 30, "plain_text");
  textObject(issues, `${p}/deny`, c.deny, 30, "plain_text");
}

function imageElement(issues: Issues, p: string, e: Json, urlMax = 3000): void {
  str(issues, `${p}/alt_text`, e.alt_text, 1, 2000);
  const hasUrl = e.image_url !== undefined;
  const hasFile = e.slack_file !== undefined;
  if (hasUrl === hasFile) issue(issues, p, "must provide exactly one of image_url or slack_file");
  if (hasUrl) str(issues, `${p}/image_url`, e.image_url, 1, urlMax);
  if (hasFile) {
    const f = e.slack_file;
    if (!isObject(f) || (typeof f.id !== "string" && typeof f.url !== "string"))
      issue(issues, `${p}/slack_file`, "must provide an id or a url");
  }
}

function tableCell(issues: Issues, p: string, cell: unknown): void {
  if (!isObject(cell)) {
    issue(issues, p, "must provide an object");
    return;
  }
  if (cell.type === "raw_text") str(issues, `${p}/text`, cell.text, 0, 10_000);
  else if (cell.type === "raw_number") {
    if (typeof cell.value !== "number") issue(issues, `${p}/value`, "must be a number");
  } else if (cell.type === "rich_text") richText(issues, p, cell);
  else issue(issues, `${p}/type`, "must be raw_text, raw_number or rich_text");
}

function taskCard(issues: Issues, p: string, t: unknown): void {
  if (!isObject(t)) {
    issue(issues, p, "must provide an object");
    return;
  }
  str(issues, `${p}/task_id`, t.task_id, 1, 255);
  str(issues, `${p}/title`, t.title, 1, 256);
  if (!["pending", "in_progress", "complete", "error"].includes(String(t.status)))
    issue(issues, `${p}/status`, "must be one of pending, in_progress, complete, error");
  if (t.details !== undefined) richText(issues, `${p}/details`, t.details);
  if (t.output !== undefined) richText(issues, `${p}/output`, t.output);
}

const RICH_CONTAINERS = new Set(["rich_text_section", "rich_text_list", "rich_text_quote", "rich_text_preformatted"]);
const RICH_LEAVES = new Set(["text", "link", "emoji", "user", "usergroup", "channel", "broadcast", "date", "color"]);

function richText(issues: Issues, p: string, block: unknown): void {
  if (!isObject(block) || block.type !== "rich_text") {
    issue(issues, p, "must be a rich_text object");
    return;
  }
  const elements = list(issues, `${p}/elements`, block.elements, 1, 100);
  elements.forEach((c, i) => {
    const cp = `${p}/elements/${i}`;
    if (!isObject(c) || !RICH_CONTAINERS.has(String(c.type))) {
      issue(issues, `${cp}/type`, "invalid rich text element");
      return;
    }
    const inner = list(issues, `${cp}/elements`, c.elements, 0, 1000);
    inner.forEach((leaf, j) => {
      const lp = `${cp}/elements/${j}`;
      if (c.type === "rich_text_list") {
        if (!isObject(leaf) || leaf.type !== "rich_text_section")
          issue(issues, lp, "list items must be rich_text_section");
        return;
      }
      if (!isObject(leaf) || !RICH_LEAVES.has(String(leaf.type))) {
        issue(issues, `${lp}/type`, "invalid rich text leaf");
        return;
      }
      if (leaf.type === "text") str(issues, `${lp}/text`, leaf.text, 1, 4000);
      if (leaf.type === "link") str(issues, `${lp}/url`, leaf.url, 1, 3000);
    });
  });
}

/** A text object; `only` narrows it to plain_text where Slack does. */
export function textObject(issues: Issues, p: string, t: unknown, max: number, only?: "plain_text"): void {
  if (!isObject(t)) {
    issue(issues, p, "must provide an object");
    return;
  }
  if (t.type !== "plain_text" && t.type !== "mrkdwn") {
    issue(issues, `${p}/type`, "must be plain_text or mrkdwn");
    return;
  }
  if (only && t.type !== only) issue(issues, `${p}/type`, `must be ${only}`);
  if (t.type === "mrkdwn" && t.emoji !== undefined) issue(issues, `${p}/emoji`, "emoji is only allowed on plain_text");
  if (t.type === "plain_text" && t.verbatim !== undefined)
    issue(issues, `${p}/verbatim`, "verbatim is only allowed on mrkdwn");
  str(issues, `${p}/text`, t.text, 1, max);
}

function str(issues: Issues, p: string, v: unknown, min: number, max: number): boolean {
  if (typeof v !== "string") {
    issue(issues, p, "must be a string");
    return false;
  }
  if (v.length < min) {
    issue(issues, p, `must be at least ${min} characters`);
    return false;
  }
  if (v.length > max) {
    issue(issues, p, `must be less than ${max + 1} characters`);
    return false;
  }
  return true;
}

function list(issues: Issues, p: string, v: unknown, min: number, max: number): unknown[] {
  if (!Array.isArray(v)) {
    issue(issues, p, "must provide an array");
    return [];
  }
  if (v.length < min) issue(issues, p, `must provide at least ${min} items`);
  if (v.length > max) issue(issues, p, `no more than ${max} items allowed`);
  return v;
}

/** A modal or Home view, as views.open / views.update / views.push / views.publish check it. */
export function validateView(view: unknown, expect?: "modal" | "home"): string[] {
  const issues: Issues = [];
  if (!isObject(view)) {
    issue(issues, "/view", "must provide an object");
    return issues;
  }
  const type = view.type;
  if (type !== "modal" && type !== "home") {
    issue(issues, "/view/type", "must be modal or home");
    return issues;
  }
  if (expect && type !== expect) issue(issues, "/view/type", `must be ${expect}`);
  if (type === "modal") {
    textObject(issues, "/view/title", view.title, 24, "plain_text");
    for (const key of ["close", "submit"] as const)
      if (view[key] !== undefined) textObject(issues, `/view/${key}`, view[key], 24, "plain_text");
    const blocks = Array.isArray(view.blocks) ? view.blocks : [];
    if (blocks.some((b) => isObject(b) && b.type === "input") && view.submit === undefined)
      issue(issues, "/view/submit", "must provide submit when the view has input blocks");
  }
  if (view.callback_id !== undefined) str(issues, "/view/callback_id", view.callback_id, 1, 255);
  if (view.private_metadata !== undefined) str(issues, "/view/private_metadata", view.private_metadata, 0, 3000);
  issues.push(...validateBlocks(view.blocks, type === "modal" ? "modal" : "home", "/view/blocks"));
  return issues;
}

/** Slack's limits on a posted message as a whole; null when it passes. */
export function validateMessage(fields: Json): { error: string; messages: string[] } | null {
  if (fields.blocks !== undefined && !Array.isArray(fields.blocks))
    return { error: "invalid_blocks_format", messages: [] };
  if (!fields.text && !fields.blocks && !fields.attachments) return { error: "no_text", messages: [] };
  if (typeof fields.text === "string" && fields.text.length > 40_000) return { error: "msg_too_long", messages: [] };
  const messages: string[] = [];
  if (fields.blocks !== undefined) messages.push(...validateBlocks(fields.blocks, "message"));
  if (Array.isArray(fields.attachments))
    fields.attachments.forEach((a, i) => {
      if (isObject(a) && a.blocks !== undefined)
        messages.push(...validateBlocks(a.blocks, "message", `/attachments/${i}/blocks`));
    });
  if (messages.length > 0) return { error: "invalid_blocks", messages };
  // Seen from Slack near 13k characters of blocks in total, whatever each block's own limits say.
  if (fields.blocks !== undefined && JSON.stringify(fields.blocks).length > 13_000)
    return { error: "msg_blocks_too_long", messages: [] };
  return null;
}

/** Chunks of chat.startStream / appendStream / stopStream. */
export function validateChunks(chunks: unknown): string[] {
  const issues: Issues = [];
  const items = list(issues, "/chunks", chunks, 0, 100);
  items.forEach((c, i) => {
    const p = `/chunks/${i}`;
    if (!isObject(c)) {
      issue(issues, p, "must provide an object");
      return;
    }
    if (c.type === "markdown_text") str(issues, `${p}/text`, c.text, 1, 12_000);
    else if (c.type === "task_update") {
      str(issues, `${p}/id`, c.id, 1, 255);
      str(issues, `${p}/title`, c.title, 1, 256);
      if (!["pending", "in_progress", "complete", "error"].includes(String(c.status)))
        issue(issues, `${p}/status`, "must be one of pending, in_progress, complete, error");
    } else if (c.type === "plan_update") str(issues, `${p}/title`, c.title, 1, 256);
    else if (c.type === "blocks") issues.push(...validateBlocks(c.blocks, "message", `${p}/blocks`));
    else issue(issues, `${p}/type`, "invalid chunk type");
  });
  return issues;
}
