// `insightx tables`: the channel's tables, read from its DuckDB file alone (no store, no LLM).
import { channelRef } from "../channel.js";
import { withData } from "../context.js";
import { emit, formatTable, print } from "../output.js";

export async function run(options: { channel?: string; json?: boolean }): Promise<void> {
  await withData(async ({ engine }) => {
    const entries = await engine.datasets(channelRef(options.channel));
    emit(
      options,
      entries.map(({ dna: _dna, ...rest }) => rest),
      () => {
        if (entries.length === 0) return print("No tables yet: run `insightx ingest FILE`.\n");
        const rows = entries.map((e) => [
          e.tableName,
          e.status,
          e.version,
          e.rowCount,
          e.columnCount,
          e.sourceFile,
          e.createdAt,
        ]);
        print(`${formatTable(["table", "status", "version", "rows", "columns", "source", "loaded"], rows)}\n`);
      },
    );
  });
}
