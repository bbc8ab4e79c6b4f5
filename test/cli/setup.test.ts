// scripts/setup.sh installs with `npm ci` alone: when npm ci refuses the lock file set-up stops with a clear
// message and never falls back to `npm install` (which rewrites package-lock.json); when it succeeds it is not rerun.
import { execFile } from "node:child_process";
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const LOCK = '{\n  "name": "insightx",\n  "lockfileVersion": 3\n}\n';

describe("scripts/setup.sh", () => {
  let dir: string;
  let bin: string;
  let calls: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "insightx-setup-"));
    bin = path.join(dir, "bin");
    calls = path.join(dir, "npm-calls.log");
    await mkdir(path.join(dir, "scripts"), { recursive: true });
    await mkdir(bin);
    await copyFile("scripts/setup.sh", path.join(dir, "scripts", "setup.sh"));
    await writeFile(path.join(dir, "package-lock.json"), LOCK);
    // Stand-ins: every Debian package reads as installed; npm records its arguments and refuses `ci` on request.
    await writeFile(path.join(bin, "dpkg-query"), "#!/bin/sh\nprintf 'install ok installed'\n");
    await writeFile(
      path.join(bin, "npm"),
      `#!/bin/sh
echo "$*" >> "${calls}"
if [ "$1" = "ci" ] && [ -n "$FAKE_NPM_REFUSE" ]; then
  echo "npm error \\\`npm ci\\\` can only install packages when your package.json and package-lock.json are in sync." >&2
  exit 1
fi
mkdir -p node_modules
`,
    );
    await chmod(path.join(bin, "dpkg-query"), 0o755);
    await chmod(path.join(bin, "npm"), 0o755);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const setup = async (env: Record<string, string> = {}) => {
    try {
      const { stderr } = await run("bash", ["scripts/setup.sh"], {
        cwd: dir,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, ...env },
      });
      return { code: 0, stderr };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, stderr: failed.stderr };
    }
  };
  const npmCalls = async () =>
    (await readFile(calls, "utf8").catch(() => ""))
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ")[0]);

  it("stops with what to do when npm ci refuses the lock file, and leaves the lock file as it was", async () => {
    const result = await setup({ FAKE_NPM_REFUSE: "1" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("npm ci refused to install from package-lock.json");
    expect(result.stderr).toMatch(/Run `npm install` once to update the lock\s+file/);
    expect(await npmCalls()).toEqual(["ci"]);
    expect(await readFile(path.join(dir, "package-lock.json"), "utf8")).toBe(LOCK);
  });

  it("runs npm ci once, then not again while the lock file is unchanged", async () => {
    expect((await setup()).code).toBe(0);
    expect((await setup()).code).toBe(0);
    expect(await npmCalls()).toEqual(["ci"]);
    await writeFile(path.join(dir, "package-lock.json"), LOCK.replace("3", "3 "));
    expect((await setup()).code).toBe(0);
    expect(await npmCalls()).toEqual(["ci", "ci"]);
  });
});
