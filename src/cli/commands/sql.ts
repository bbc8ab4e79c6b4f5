// `insightx sql "SELECT …"`: one guarded, read-only query on the channel's DuckDB file (no store, no LLM).
import { channelRef } from "../channel.js";
import { withData } from "../context.js";
import { emit, formatTable, print } from "../output.js";

export async function run(query: string, options: { channel?: string; json?: boolean }): Promise<void> {
  await withData(async ({ engine }) => {
    const result = await engine.query(channelRef(options.channel), query);
    emit(options, result, () => {
      print(`${formatTable(result.columns, result.rows)}\n`);
      const truncated = result.truncated ? ` (truncated by the ${result.truncated.reason} limit)` : "";
      print(`${result.rowCount} rows in ${result.elapsedMs.toFixed(1)} ms${truncated}\n`);
    });
  });
}
