// Delivers signed requests to a Slack app over HTTP, as Slack does: Events API JSON, slash-command and interactivity forms.
import { createHmac } from "node:crypto";
import { FAKE_BOT, FAKE_TEAM } from "./slack-state.js";

export interface DeliveryResult {
  status: number;
  body: string;
}

export class SlackDelivery {
  private events = 0;

  constructor(
    /** The app's request URL, e.g. http://127.0.0.1:PORT/slack/events */
    private readonly url: string,
    private readonly signingSecret: string,
    /** Where response_url points (the fake Slack's /respond route). */
    private readonly fakeBase: string,
  ) {}

  /** `v0=` + hex HMAC-SHA256 of `v0:{ts}:{body}`. */
  sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = this.signingSecret): Record<string, string> {
    const signature = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
    return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${signature}` };
  }

  async post(body: string, contentType: string, headers: Record<string, string> = {}): Promise<DeliveryResult> {
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": contentType, ...this.sign(body), ...headers },
      body,
    });
    return { status: response.status, body: await response.text() };
  }

  /** An Events API envelope around `event`; pass the same `eventId` and a `retryNum` to replay a retry. */
  event(
    event: Record<string, unknown>,
    options: { eventId?: string; retryNum?: number } = {},
  ): Promise<DeliveryResult> & { eventId: string } {
    const eventId = options.eventId ?? `Ev${String(++this.events).padStart(8, "0")}`;
    const body = JSON.stringify({
      token: "x",
      team_id: FAKE_TEAM,
      api_app_id: "A1",
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT.userId, is_bot: true }],
      event,
    });
    const retry: Record<string, string> =
      options.retryNum === undefined
        ? {}
        : { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" };
    return Object.assign(this.post(body, "application/json", retry), { eventId });
  }

  command(text: string, options: { channel?: string; user?: string } = {}): Promise<DeliveryResult> {
    const form = new URLSearchParams({
      token: "x",
      team_id: FAKE_TEAM,
      team_domain: "fake",
      channel_id: options.channel ?? "C1",
      channel_name: "data",
      user_id: options.user ?? "U1",
      user_name: "person",
      command: "/insightx",
      text,
      api_app_id: "A1",
      response_url: `${this.fakeBase}/respond/${Date.now()}`,
      trigger_id: `trigger-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    });
    return this.post(form.toString(), "application/x-www-form-urlencoded");
  }

  /** A block_actions click on `button` of a message the bot posted. */
  click(options: {
    user: string;
    channel: string;
    messageTs: string;
    threadTs?: string;
    actionId: string;
    value: string;
    ephemeral?: boolean;
  }): Promise<DeliveryResult> {
    const payload = {
      type: "block_actions",
      team: { id: FAKE_TEAM, domain: "fake" },
      user: { id: options.user, username: "person", team_id: FAKE_TEAM },
      api_app_id: "A1",
      token: "x",
      container: {
        type: "message",
        message_ts: options.messageTs,
        channel_id: options.channel,
        is_ephemeral: options.ephemeral ?? false,
        ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      },
      trigger_id: `trigger-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      channel: { id: options.channel, name: "data" },
      ...(options.ephemeral
        ? {}
        : {
            message: {
              type: "message",
              ts: options.messageTs,
              ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
            },
          }),
      response_url: `${this.fakeBase}/respond/${Date.now()}`,
      actions: [
        {
          type: "button",
          action_id: options.actionId,
          block_id: "b1",
          value: options.value,
          text: { type: "plain_text", text: "button" },
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    return this.post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "application/x-www-form-urlencoded",
    );
  }
}
