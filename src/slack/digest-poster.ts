// Posts a digest with the bot: its blocks, then the chart as a file in the same channel.
import type { webApi } from "@slack/bolt";
import type { DigestPoster } from "../jobs/index.js";

export function slackDigestPoster(client: webApi.WebClient): DigestPoster {
  return async (channel, digest) => {
    await client.chat.postMessage({
      channel: channel.channelId,
      text: digest.text.slice(0, 3_000),
      blocks: digest.blocks as never,
      unfurl_links: false,
      unfurl_media: false,
    });
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
