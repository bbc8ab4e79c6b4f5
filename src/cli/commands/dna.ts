// `insightx dna [TABLE]`: Data DNA of a table (or every current one): types, roles, nulls, ranges, top values.
import { type DataDna, renderDnaSummary } from "../../data/index.js";
import { channelRef } from "../channel.js";
import { withData } from "../context.js";
import { emit, formatTable, print } from "../output.js";

export async function run(table: string | undefined, options: { channel?: string; json?: boolean }): Promise<void> {
  await withData(async ({ engine }) => {
    const dnas = await engine.dna(channelRef(options.channel), table);
    emit(options, table ? dnas[0] : dnas, () => {
      if (dnas.length === 0) print("No tables yet: run `insightx ingest FILE`.\n");
      for (const dna of dnas) printDna(dna);
    });
  });
}

function printDna(dna: DataDna): void {
  print(`${renderDnaSummary(dna).replaceAll("*", "")}\n`);
  const rows = dna.columns.map((c) => [
    c.name,
    c.type,
    c.role + (c.unit ? ` (${c.unit})` : ""),
    `${(c.nullShare * 100).toFixed(1)}%`,
    c.distinct,
    c.time
      ? `${c.time.min} → ${c.time.max} (${c.time.grain})`
      : c.numeric
        ? `${c.numeric.min} … ${c.numeric.max}, mean ${c.numeric.mean.toFixed(2)}`
        : (c.top ?? [])
            .slice(0, 3)
            .map((t) => `${t.value}${t.share ? ` ${(t.share * 100).toFixed(0)}%` : ""}`)
            .join(", "),
  ]);
  print(`${formatTable(["column", "type", "role", "null", "distinct", "range / top values"], rows, 60)}\n\n`);
}
