// `insightx ingest FILE…`: load files into a channel, with a progress bar for large ones.
import path from "node:path";
import type { IngestedTable } from "../../data/index.js";
import { channelRef } from "../channel.js";
import { withContext } from "../context.js";
import { emit, print, progressBar } from "../output.js";

export async function run(files: string[], options: { channel?: string; json?: boolean }): Promise<void> {
  // The whole runtime: each table is recorded in the store inside the ingestion's transaction.
  await withContext(async ({ engine }) => {
    const ref = channelRef(options.channel);
    const report: Array<{ file: string } & IngestedTable> = [];
    for (const file of files) {
      const bar = options.json ? () => undefined : progressBar(`loading ${path.basename(file)}`);
      const tables = await engine.ingest(ref, { path: path.resolve(file), name: path.basename(file) }, (event) => {
        if (event.stage === "loading" && event.percent !== undefined) bar(event.percent);
        if (event.stage === "done") bar(100);
      });
      report.push(...tables.map((t) => ({ file, ...t })));
    }
    emit(options, report, () => {
      for (const table of report) {
        const replaced = table.previousVersionTable ? ` (previous version kept as ${table.previousVersionTable})` : "";
        print(
          `${table.file} → ${table.tableName} v${table.version}: ${table.rowCount} rows × ${table.columnCount} columns${replaced}\n`,
        );
        for (const note of table.notes) print(`  note: ${note}\n`);
      }
    });
  });
}
