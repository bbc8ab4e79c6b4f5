// Button clicks: follow-up questions (asked in the same thread, by the clicker), the code modal, CSV, forget.
import type { App, webApi } from "@slack/bolt";
import { md, message, section, userMention } from "../../blockkit/index.js";
import { errorMessage } from "../../util/index.js";
import { ACTIONS, actionPattern } from "../blocks/action-ids.js";
import { codeModal } from "../blocks/code-modal.js";
import { plural } from "../blocks/format.js";
import { slug, uploadCsv } from "../jobs/uploads.js";
import { actionTarget, blockActionSchema } from "../payloads.js";
import { postEphemeral } from "../send.js";
import type { ListenerDeps } from "../types.js";

export function register(app: App, deps: ListenerDeps): void {
  app.action(actionPattern(ACTIONS.askFollowUp), async ({ ack, body, context }) => {
    await ack();
    const click = blockActionSchema.parse(body);
    const target = actionTarget(click, context.teamId ?? "");
    const action = click.actions[0]!;
    const question = action.value?.trim();
    if (!question || !target.channel) return;
    // Each click is its own question (action_ts differs), so a double click asks twice on purpose.
    const clickId = `${target.channel}:${action.action_ts ?? click.trigger_id ?? Date.now()}`;
    await deps.intake.submit(`action:${clickId}`, {
      kind: "question",
      teamId: target.teamId,
      channelId: target.channel,
      threadTs: target.threadTs,
      userId: click.user.id,
      text: question,
      sourceId: `action:${clickId}`,
      source: "button",
    });
  });

  app.action(ACTIONS.showCode, async ({ ack, body, context, client }) => {
    await ack();
    const { click, target, record } = await clickedAnswer(deps, body, context.teamId);
    if (!record || !click.trigger_id) {
      await gone(client, target, click.user.id, "That answer's SQL and code are no longer available");
      return;
    }
    await client.views.open({ trigger_id: click.trigger_id, view: codeModal(record) });
  });

  app.action(ACTIONS.downloadCsv, async ({ ack, body, context, client }) => {
    await ack();
    const { click, target, record } = await clickedAnswer(deps, body, context.teamId);
    if (!record) {
      await gone(client, target, click.user.id, "That result is no longer available");
      return;
    }
    const cut =
      record.rowCount > record.rows.length
        ? ` (first ${plural(record.rows.length, "row")} of ${record.rowCount.toLocaleString("en-US")})`
        : "";
    await uploadCsv(
      client,
      { channel: target.channel, threadTs: target.threadTs },
      record,
      slug(record.question),
      md`${userMention(click.user.id)} here is the result as CSV${cut}.`,
    );
  });

  app.action(ACTIONS.forgetConfirm, async ({ ack, body, context, respond }) => {
    await ack();
    const click = blockActionSchema.parse(body);
    const target = actionTarget(click, context.teamId ?? "");
    const ref = { teamId: target.teamId, channelId: target.channel };
    const forgotten = await deps.forget(ref).catch((error: unknown) => new Error(errorMessage(error)));
    if (forgotten instanceof Error) {
      deps.logger.warn({ channel: target.channel, err: forgotten.message }, "forget failed");
      await respond({ replace_original: false, text: message(md`:warning: ${forgotten.message}`).text });
      return;
    }
    const count = forgotten.tables.length;
    deps.logger.info({ channel: target.channel, user: click.user.id, tables: count }, "channel data forgotten");
    const done = message(
      md`:wastebasket: Forgot ${plural(count, "table")} in this channel. Upload a file to start again.`,
    );
    await respond({ replace_original: true, text: done.text });
  });

  app.action(ACTIONS.forgetCancel, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: message(md`Kept this channel's data.`).text });
  });
}

/** "No longer available", shown only to the clicker, in the thread of the button (not at the bottom of the channel). */
async function gone(
  client: webApi.WebClient,
  target: { channel: string; threadTs: string },
  user: string,
  what: string,
): Promise<void> {
  const text = md`${what}; ask the question again.`;
  await postEphemeral(
    client,
    { channel: target.channel, threadTs: target.threadTs, user },
    message(text, [section(text)]),
  );
}

/** The answer a button belongs to, looked up only within the clicking channel. */
async function clickedAnswer(deps: ListenerDeps, body: unknown, teamId: string | undefined) {
  const click = blockActionSchema.parse(body);
  const target = actionTarget(click, teamId ?? "");
  const record = await deps.archive.load(click.actions[0]!.value ?? "", {
    teamId: target.teamId,
    channelId: target.channel,
  });
  return { click, target, record };
}
