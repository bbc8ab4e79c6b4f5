// Renders every gallery case: ingests the vega-datasets files into a channel of its own, computes each case's
// evidence with guarded DuckDB queries (and the Python sandbox), draws its chart and writes PNGs plus an index.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Runtime } from "../../app/index.js";
import { chartForRequest, renderChartPng } from "../../charts/index.js";
import type { ChannelRef } from "../../data/index.js";
import { errorMessage, vegaDatasetsDir } from "../../util/index.js";
import type { GalleryEntry } from "./case.js";
import { GALLERY_CASES, GALLERY_FILES } from "./cases.js";
import { galleryData } from "./gallery-data.js";
import { galleryIndex } from "./index-page.js";

export type { GalleryEntry };

export async function runGallery(
  runtime: Runtime,
  ref: ChannelRef,
  outDir: string,
  onEntry: (entry: GalleryEntry) => void = () => undefined,
): Promise<GalleryEntry[]> {
  await runtime.engine.forget(ref);
  try {
    const tables = new Map<string, string>();
    for (const file of GALLERY_FILES) {
      const [table] = await runtime.engine.ingest(ref, { path: path.join(vegaDatasetsDir(), file), name: file });
      if (table) tables.set(file, table.tableName);
    }
    const data = galleryData({ engine: runtime.engine, ref, tables, sandbox: runtime.sandbox });
    await mkdir(outDir, { recursive: true });
    const entries: GalleryEntry[] = [];
    for (const [index, galleryCase] of GALLERY_CASES.entries()) {
      const entry: GalleryEntry = {
        name: galleryCase.name,
        question: galleryCase.question,
        kind: "",
        drawn: "",
        file: null,
        note: null,
        error: null,
        renderMs: 0,
      };
      try {
        const request = await galleryCase.build(data);
        entry.kind = request.kind;
        const started = performance.now();
        const outcome = chartForRequest(request);
        entry.drawn = outcome.drawn;
        entry.note = outcome.note;
        if (outcome.spec) {
          const png = await renderChartPng(outcome.spec, { scale: 2 });
          entry.renderMs = performance.now() - started;
          entry.file = `${String(index + 1).padStart(2, "0")}-${galleryCase.name}.png`;
          await writeFile(path.join(outDir, entry.file), png);
        }
      } catch (error) {
        entry.error = errorMessage(error);
      }
      entries.push(entry);
      onEntry(entry);
    }
    await writeFile(path.join(outDir, "index.html"), galleryIndex(entries));
    return entries;
  } finally {
    await runtime.engine.forget(ref);
  }
}
