// Posts a digest with the bot: its blocks, then the chart as a file in the same channel.
import type { webApi } from "@slack/bolt";
import type { DigestPoster } from "../jobs/index.js";
import { postMessage } from "./send.js";

export function slackDigestPoster(client: webApi.WebClient): DigestPoster {
  return async (channel, digest) => {
    // digest.message was built with the escaping builders (src/jobs/digest-blocks.ts).
    await postMessage(client, { channel: channel.channelId, threadTs: "" }, digest.message);
    if (digest.chartPng) {
      await client.files.uploadV2({
        channel_id: channel.channelId,
        file: digest.chartPng,
        filename: "digest.png",
        title: "Digest chart",
      });
    }
  };
}
