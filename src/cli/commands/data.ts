// Data commands: ingest, tables, dna, sql, forget.
import path from "node:path";
import type { Command } from "commander";
import { type IngestedTable, renderDnaSummary } from "../../data/index.js";
import { forgetChannel } from "../../pipeline/index.js";
import { channelRef, withContext } from "../context.js";
import { action, emit, formatTable, progressBar } from "../output.js";

interface ChannelOptions {
  channel?: string;
  json?: boolean;
}

export function registerDataCommands(program: Command): void {
  program
    .command("ingest")
    .description("load CSV/TSV/JSON/NDJSON/Parquet/XLSX files into a channel")
    .argument("<files...>", "files to ingest")
    .option("--channel <channel>", "channel id (or TEAM:CHANNEL); default: the local channel")
    .option("--json", "machine-readable output")
    .action(
      action(async (files: string[], options: ChannelOptions) => {
        await withContext(async ({ engine }) => {
          const ref = channelRef(options.channel);
          const report: Array<{ file: string } & IngestedTable> = [];
          for (const file of files) {
            const bar = options.json ? () => undefined : progressBar(`loading ${path.basename(file)}`);
            const tables = await engine.ingest(
              ref,
              { path: path.resolve(file), name: path.basename(file) },
              (event) => {
                if (event.stage === "loading" && event.percent !== undefined) bar(event.percent);
                if (event.stage === "done") bar(100);
              },
            );
            report.push(...tables.map((t) => ({ file, ...t })));
          }
          emit(options, report, () => {
            for (const table of report) {
              const replaced = table.previousVersionTable
                ? ` (previous version kept as ${table.previousVersionTable})`
                : "";
              process.stdout.write(
                `${table.file} → ${table.tableName} v${table.version}: ${table.rowCount} rows × ${table.columnCount} columns${replaced}\n`,
              );
              for (const note of table.notes) process.stdout.write(`  note: ${note}\n`);
            }
          });
        });
      }),
    );

  program
    .command("tables")
    .description("list the channel's tables (previous versions included)")
    .option("--channel <channel>", "channel id (or TEAM:CHANNEL)")
    .option("--json", "machine-readable output")
    .action(
      action(async (options: ChannelOptions) => {
        await withContext(async ({ engine }) => {
          const entries = await engine.datasets(channelRef(options.channel));
          const rows = entries.map((e) => [
            e.tableName,
            e.status,
            e.version,
            e.rowCount,
            e.columnCount,
            e.sourceFile,
            e.createdAt,
          ]);
          emit(
            options,
            entries.map(({ dna: _dna, ...rest }) => rest),
            () => {
              if (rows.length === 0) process.stdout.write("No tables yet: run `insightx ingest FILE`.\n");
              else
                process.stdout.write(
                  `${formatTable(["table", "status", "version", "rows", "columns", "source", "loaded"], rows)}\n`,
                );
            },
          );
        });
      }),
    );

  program
    .command("dna")
    .description("show the Data DNA of a table (or of every current table)")
    .argument("[table]", "table name")
    .option("--channel <channel>", "channel id (or TEAM:CHANNEL)")
    .option("--json", "machine-readable output")
    .action(
      action(async (table: string | undefined, options: ChannelOptions) => {
        await withContext(async ({ engine }) => {
          const dnas = await engine.dna(channelRef(options.channel), table);
          emit(options, table ? dnas[0] : dnas, () => {
            if (dnas.length === 0) process.stdout.write("No tables yet: run `insightx ingest FILE`.\n");
            for (const dna of dnas) {
              process.stdout.write(`${renderDnaSummary(dna).replaceAll("*", "")}\n`);
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
              process.stdout.write(
                `${formatTable(["column", "type", "role", "null", "distinct", "range / top values"], rows, 60)}\n\n`,
              );
            }
          });
        });
      }),
    );

  program
    .command("sql")
    .description("run one read-only SELECT on the channel's tables")
    .argument("<query>", "a SELECT (or WITH … SELECT) statement")
    .option("--channel <channel>", "channel id (or TEAM:CHANNEL)")
    .option("--json", "machine-readable output")
    .action(
      action(async (query: string, options: ChannelOptions) => {
        await withContext(async ({ engine }) => {
          const result = await engine.query(channelRef(options.channel), query);
          emit(options, result, () => {
            process.stdout.write(`${formatTable(result.columns, result.rows)}\n`);
            const truncated = result.truncated ? ` (truncated by the ${result.truncated.reason} limit)` : "";
            process.stdout.write(`${result.rowCount} rows in ${result.elapsedMs.toFixed(1)} ms${truncated}\n`);
          });
        });
      }),
    );

  program
    .command("forget")
    .description("delete every table of the channel")
    .option("--channel <channel>", "channel id (or TEAM:CHANNEL)")
    .option("--json", "machine-readable output")
    .action(
      action(async (options: ChannelOptions) => {
        await withContext(async (runtime) => {
          const ref = channelRef(options.channel);
          const before = await runtime.engine.datasets(ref);
          await forgetChannel(runtime, ref);
          emit(options, { forgotten: before.map((e) => e.tableName) }, () =>
            process.stdout.write(`Forgot ${before.length} table(s) in ${ref.teamId}:${ref.channelId}.\n`),
          );
        });
      }),
    );
}
