// `insightx gallery`: one chart of every answer kind, drawn from vega-datasets files, written to a folder.
import { channelRef } from "../channel.js";
import { withContext } from "../context.js";
import { runGallery } from "../gallery/run.js";
import { print } from "../output.js";

export async function run(options: { out: string; channel: string; json?: boolean }): Promise<void> {
  await withContext(async (runtime) => {
    const entries = await runGallery(runtime, channelRef(options.channel), options.out, (entry) => {
      if (options.json) return;
      const result = entry.error
        ? `failed: ${entry.error}`
        : entry.file
          ? `${entry.file} (${Math.round(entry.renderMs)} ms)`
          : "no image";
      print(`${entry.name.padEnd(28)} ${(entry.drawn || entry.kind).padEnd(13)} ${result}\n`);
      if (entry.note) print(`${" ".repeat(29)}note: ${entry.note}\n`);
    });
    if (options.json) process.stdout.write(`${JSON.stringify({ out: options.out, entries }, null, 2)}\n`);
    else print(`\nWrote ${entries.filter((e) => e.file).length} charts and index.html to ${options.out}\n`);
    if (entries.some((entry) => entry.error)) process.exitCode = 1;
  });
}
