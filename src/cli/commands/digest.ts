// `insightx digest --channel C --now`: builds a channel's digest at once and prints it (chart written to --out).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildDigest } from "../../jobs/index.js";
import { UserInputError } from "../../util/index.js";
import { channelRef } from "../channel.js";
import { withContext } from "../context.js";
import { print } from "../output.js";

interface DigestOptions {
  channel?: string;
  now?: boolean;
  since?: string;
  out: string;
  json?: boolean;
}

export async function run(options: DigestOptions): Promise<void> {
  if (!options.now) throw new UserInputError("digest_now", "Add --now to build the digest at once.");
  const since = options.since ? new Date(options.since) : undefined;
  if (since && Number.isNaN(since.getTime())) throw new UserInputError("bad_since", "--since must be an ISO time.");
  await withContext(async (runtime) => {
    const ref = channelRef(options.channel);
    const digest = await buildDigest(runtime, ref, since ? { since } : {});
    let chart: string | null = null;
    if (digest.chartPng) {
      await mkdir(options.out, { recursive: true });
      chart = path.join(options.out, `digest-${ref.channelId}.png`);
      await writeFile(chart, digest.chartPng);
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ data: digest.data, blocks: digest.blocks, chart }, null, 2)}\n`);
    } else {
      print(`${digest.text}\n${chart ? `\nChart: ${chart}\n` : ""}`);
    }
  });
}
