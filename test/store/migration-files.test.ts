// Reading the migrations folder: names, order and the package root, without a database.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findPackageRoot, loadMigrations } from "../../src/store/index.js";

describe("migration files", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "insightx-migfiles-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("orders migrations by number, not by text", async () => {
    await writeFile(path.join(dir, "010_later.sql"), "SELECT 10;");
    await writeFile(path.join(dir, "002_second.sql"), "SELECT 2;");
    await writeFile(path.join(dir, "1000_much_later.sql"), "SELECT 1000;");
    await writeFile(path.join(dir, "README.md"), "not a migration");
    const migrations = await loadMigrations(dir);
    expect(migrations.map((m) => [m.version, m.name])).toEqual([
      [2, "002_second.sql"],
      [10, "010_later.sql"],
      [1000, "1000_much_later.sql"],
    ]);
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a .sql file that is not named NNN_name.sql", async () => {
    await writeFile(path.join(dir, "init.sql"), "SELECT 1;");
    await expect(loadMigrations(dir)).rejects.toMatchObject({ code: "migration_name_invalid" });
  });

  it("refuses two migrations with the same number", async () => {
    await writeFile(path.join(dir, "001_a.sql"), "SELECT 1;");
    await writeFile(path.join(dir, "0001_b.sql"), "SELECT 1;");
    await expect(loadMigrations(dir)).rejects.toMatchObject({ code: "migration_duplicate" });
  });

  it("reports a missing migrations folder as a configuration error", async () => {
    await expect(loadMigrations(path.join(dir, "nope"))).rejects.toMatchObject({ code: "migrations_missing" });
  });

  it("finds the package root from a file nested below it, as from dist/store after a build", async () => {
    await writeFile(path.join(dir, "package.json"), "{}");
    const nested = path.join(dir, "dist", "store", "package-root.js");
    expect(findPackageRoot(pathToFileURL(nested).href)).toBe(dir);
    expect(findPackageRoot(import.meta.url)).toBe(path.resolve(import.meta.dirname, "..", ".."));
  });
});
