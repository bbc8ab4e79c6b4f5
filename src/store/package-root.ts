// Finds the package root (the folder holding package.json), from src/ under tsx/vitest or dist/ after a build.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../util/index.js";

/** Walks up from `fromUrl` (an `import.meta.url`) to the nearest folder containing package.json. */
export function findPackageRoot(fromUrl: string): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new ConfigError("package_root_missing", `No package.json above ${fileURLToPath(fromUrl)}`, {
        hint: "Run InsightX from its package (the folder with package.json and migrations/).",
      });
    }
    dir = parent;
  }
}

/** The `migrations/` folder of this package. */
export function defaultMigrationsDir(): string {
  return path.join(findPackageRoot(import.meta.url), "migrations");
}
