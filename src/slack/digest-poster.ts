// Posts a digest with the bot: its blocks, then the chart as a file in the same channel.
import type { webApi } from "@slack/bolt";
import { type DigestPoster, PermanentJobError } from "../jobs/index.js";
import { slackFailure } from "./platform-errors.js";
import { postMessage } from "./send.js";

export function slackDigestPoster(client: webApi.WebClient): DigestPoster {
  return async (channel, digest) => {
    // digest.message was built with the escaping builders (src/jobs/digest-blocks.ts).
    try {
      await postMessage(client, { channel: channel.channelId, threadTs: "" }, digest.message);
    } catch (error) {
      // Removed from the channel, archived: the next scheduled run may work, this one's retries cannot.
      const failure = slackFailure(error);
      if (failure?.permanent)
        throw new PermanentJobError(`digest not posted: Slack said ${failure.code}`, { cause: error });
      throw error;
    }
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
