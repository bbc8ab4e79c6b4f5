// `insightx gallery`: one chart of every answer kind, drawn from vega-datasets files, written to a folder.
import type { Command } from "commander";
import { channelRef, withContext } from "../context.js";
import { runGallery } from "../gallery/run.js";
import { action } from "../output.js";

export function registerGalleryCommand(program: Command): void {
  program
    .command("gallery")
    .description("render one chart of every answer kind from vega-datasets files (PNGs and an index.html)")
    .option("--out <dir>", "where to write the charts", "out/gallery")
    .option("--channel <channel>", "channel to compute in (emptied before and after)", "gallery")
    .action(action(run));
}

export async function run(options: { out: string; channel: string }): Promise<void> {
  await withContext(async (runtime) => {
    const entries = await runGallery(runtime, channelRef(options.channel), options.out, (entry) => {
      const result = entry.error
        ? `failed: ${entry.error}`
        : entry.file
          ? `${entry.file} (${Math.round(entry.renderMs)} ms)`
          : "no image";
      process.stdout.write(`${entry.name.padEnd(28)} ${(entry.drawn || entry.kind).padEnd(13)} ${result}\n`);
      if (entry.note) process.stdout.write(`${" ".repeat(29)}note: ${entry.note}\n`);
    });
    process.stdout.write(`\nWrote ${entries.filter((e) => e.file).length} charts and index.html to ${options.out}\n`);
    if (entries.some((entry) => entry.error)) process.exitCode = 1;
  });
}
