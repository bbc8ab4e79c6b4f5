// file_shared events (uploads that come without a message event, or before it) become ingest jobs; the job waits
// for the share to show in files.info, and the upload's claim makes sure only one event's job ingests it.
import type { App } from "@slack/bolt";
import { envelopeSchema, fileSharedEventSchema } from "../payloads.js";
import type { ListenerDeps } from "../types.js";

export function register(app: App, deps: ListenerDeps): void {
  app.event("file_shared", async ({ event, body, context }) => {
    const shared = fileSharedEventSchema.parse(event);
    // The bot's own chart and CSV uploads are file_shared events too.
    if (shared.user_id && shared.user_id === context.botUserId) return;
    const envelope = envelopeSchema.parse(body);
    await deps.intake.submit(
      `file_shared:${envelope.event_id}`,
      {
        kind: "ingest",
        teamId: envelope.team_id,
        channelId: shared.channel_id,
        // Resolved from the file's shares by the job (files.info).
        threadTs: "",
        userId: shared.user_id ?? "",
        fileId: shared.file_id,
        sourceId: envelope.event_id,
      },
      context.retryNum,
    );
  });
}
