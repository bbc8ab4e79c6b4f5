import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../src/app/index.js";
import { ANSWER_KINDS } from "../../src/charts/index.js";
import { GALLERY_CASES } from "../../src/cli/gallery/cases.js";
import { type GalleryEntry, runGallery } from "../../src/cli/gallery/run.js";
import { loadConfig } from "../../src/config/index.js";
import { createLogger } from "../../src/util/logger.js";

describe("insightx gallery", () => {
  let dir: string;
  let runtime: Runtime;
  let entries: GalleryEntry[];
  const ref = { teamId: "T1", channelId: `gallery-${process.pid}` };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "insightx-gallery-"));
    const config = loadConfig({ DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent", SANDBOX_POOL_SIZE: "1" });
    runtime = await createRuntime({ config, logger: createLogger("silent") });
    entries = await runGallery(runtime, ref, path.join(dir, "out"));
  }, 240_000);

  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("computes every case from real DuckDB queries and the Python helpers, and draws the kind it asked for", () => {
    expect(entries.map((entry) => entry.name)).toEqual(GALLERY_CASES.map((c) => c.name));
    for (const entry of entries) {
      expect(entry.error).toBeNull();
      expect(entry.drawn).toBe(entry.kind);
    }
    const kinds = new Set(entries.map((entry) => entry.kind));
    for (const kind of ANSWER_KINDS.filter((k) => k !== "table")) {
      expect(kinds).toContain(kind);
    }
  });

  it("writes one PNG per chart, none for the scalar, and an index of them all", async () => {
    const files = (await readdir(path.join(dir, "out"))).sort();
    const pngs = entries.filter((entry) => entry.file).map((entry) => entry.file!);
    expect(files).toEqual([...pngs, "index.html"].sort());
    expect(entries.find((entry) => entry.kind === "scalar")?.file).toBeNull();
    for (const file of pngs) {
      const png = await readFile(path.join(dir, "out", file));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
    const index = await readFile(path.join(dir, "out", "index.html"), "utf8");
    for (const entry of entries) expect(index).toContain(entry.question.replaceAll("'", "&#39;"));
  });

  it("notes the requested type that does not fit and draws the one that does", () => {
    expect(entries.find((entry) => entry.name === "requested-misfit")?.note).toMatch(/^A pie chart cannot show/);
    expect(entries.find((entry) => entry.name === "requested-pie")?.note).toBeNull();
  });

  it("leaves nothing of its channel behind", async () => {
    expect(await runtime.engine.datasets(ref)).toEqual([]);
  });
});
