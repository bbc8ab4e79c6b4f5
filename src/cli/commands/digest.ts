// `insightx digest --channel C --now`: builds a channel's digest at once and prints it (chart written to --out).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { buildDigest } from "../../jobs/index.js";
import { UserInputError } from "../../util/index.js";
import { channelRef, withContext } from "../context.js";
import { action } from "../output.js";

export function registerDigestCommand(program: Command): void {
  program
    .command("digest")
    .description("build a channel's digest now and print it")
    .option("--channel <channel>", "channel id (or TEAM:CHANNEL); default: the local channel")
    .option("--now", "run it now (the only mode: schedules are set with /insightx digest in Slack)")
    .option("--since <iso>", "count changes from this time instead of the last digest")
    .option("--out <dir>", "where to write the chart", "out")
    .option("--json", "print the figures and blocks as JSON")
    .action(
      action(async (options: { channel?: string; now?: boolean; since?: string; out: string; json?: boolean }) => {
        if (!options.now) throw new UserInputError("digest_now", "Add --now to build the digest at once.");
        const since = options.since ? new Date(options.since) : undefined;
        if (since && Number.isNaN(since.getTime()))
          throw new UserInputError("bad_since", "--since must be an ISO time.");
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
            process.stdout.write(`${digest.text}\n${chart ? `\nChart: ${chart}\n` : ""}`);
          }
        });
      }),
    );
}
