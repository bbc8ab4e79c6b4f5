// The escape suite: each attempt is contained with a clear error or a harmless result, the host untouched.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox, SandboxResult } from "../../src/sandbox/index.js";
import { startSandbox } from "./start-sandbox.js";

const CANARY = `xoxb-canary-${process.pid}-escape`;
const project = process.cwd();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "insightx-escape-data-"));
const hostMarker = path.join(os.tmpdir(), `insightx-escape-${process.pid}`);

describe("sandbox escape suite (bubblewrap)", () => {
  let sandbox: Sandbox;
  const run = (code: string, timeoutMs = 5000): Promise<SandboxResult> =>
    sandbox.run({ code, limits: { timeoutMs, memoryMb: 768, maxFileBytes: 64 * 1024 * 1024, maxProcesses: 16 } });

  beforeAll(async () => {
    process.env.INSIGHTX_ESCAPE_CANARY = CANARY;
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "secret.duckdb"), "channel data");
    // One worker, so consecutive jobs surely meet the same fork-server.
    sandbox = await startSandbox("bwrap", 1, { DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await sandbox?.close();
    delete process.env.INSIGHTX_ESCAPE_CANARY;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lets os.system and subprocess run only inside the jail, as nobody, without the host's files", async () => {
    const { result, error } = await run(
      [
        "import os, subprocess",
        `rc = os.system('touch ${hostMarker} /usr/escape-marker 2>/dev/null')`,
        `ls = subprocess.run(['ls', ${JSON.stringify(project)}], capture_output=True, text=True)`,
        "who = subprocess.run(['id', '-u'], capture_output=True, text=True).stdout.strip()",
        "[rc != 0, ls.returncode != 0, who]",
      ].join("\n"),
    );
    expect(error).toBeNull();
    expect(result).toEqual([true, true, "65534"]);
    expect(existsSync(hostMarker)).toBe(false);
    expect(existsSync("/usr/escape-marker")).toBe(false);
  });

  it("has no network: neither Postgres on 127.0.0.1:5432 nor an outside address is reachable", async () => {
    for (const target of ["('127.0.0.1', 5432)", "('1.1.1.1', 443)"]) {
      const { error } = await run(`import socket\nsocket.create_connection(${target}, timeout=2)`);
      expect(error).toMatch(
        /^(ConnectionRefusedError|OSError): \[Errno \d+\] (Connection refused|Network is unreachable)/,
      );
    }
  });

  it("shows no secret from the app's environment: not in os.environ, /proc/1/environ or the parent's", async () => {
    const { result, error } = await run(
      [
        "import os",
        "seen = [repr(dict(os.environ))]",
        "for path in ['/proc/1/environ', f'/proc/{os.getppid()}/environ', '/proc/self/environ']:",
        "    try:",
        "        seen.append(open(path, 'rb').read().decode(errors='replace'))",
        "    except OSError as exc:",
        "        seen.append(type(exc).__name__)",
        "'\\n'.join(seen)",
      ].join("\n"),
    );
    expect(error).toBeNull();
    expect(result).not.toContain(CANARY);
    expect(result).not.toContain("INSIGHTX_ESCAPE_CANARY");
  });

  it("cannot see the project directory or the data directory", async () => {
    for (const target of [path.join(project, "package.json"), path.join(dataDir, "secret.duckdb"), os.homedir()]) {
      const { error } = await run(
        `import os\nos.listdir(${JSON.stringify(target)}) if os.path.isdir(${JSON.stringify(target)}) else open(${JSON.stringify(target)}).read()`,
      );
      expect(error).toMatch(/^(FileNotFoundError|PermissionError)/);
    }
  });

  it("cannot write outside its scratch directory", async () => {
    for (const target of ["/usr/lib/escape.txt", "/opt/insightx/evil.py", "/etc/escape", "/escape", "/proc/escape"]) {
      const { error } = await run(`open(${JSON.stringify(target)}, 'w').write('x')`);
      expect(error).toMatch(
        /^(OSError|PermissionError|FileNotFoundError): \[Errno \d+\] (Read-only file system|Permission denied|No such file)/,
      );
    }
    expect(existsSync("/usr/lib/escape.txt")).toBe(false);
  });

  it("stops a fork bomb at the process limit", async () => {
    const { error } = await run("import os\nwhile True:\n    os.fork()");
    expect(error).toMatch(/BlockingIOError: \[Errno 11\] Resource temporarily unavailable/);
    expect((await run("'after fork bomb'")).result).toBe("after fork bomb");
  });

  it("stops a memory bomb with a MemoryError", async () => {
    const { error } = await run("hog = []\nwhile True:\n    hog.append(bytearray(50 * 1024 * 1024))");
    expect(error).toMatch(/^MemoryError: the job ran out of memory/);
  });

  it("stops an infinite loop at the wall-clock timeout", async () => {
    const { error } = await run("while True:\n    pass", 700);
    expect(error).toMatch(/^TimeoutError: the job ran longer than 700 ms/);
  });

  it("stops a 10 GB file write at the file size limit and leaves no file behind", async () => {
    const { error } = await run(
      "with open('/tmp/huge.bin', 'wb') as f:\n    for _ in range(10 * 1024):\n        f.write(bytes(1024 * 1024))",
    );
    expect(error).toMatch(/^OSError: \[Errno 27\] File too large/);
    expect((await run("import os\nos.listdir('/tmp')")).result).toEqual(["job"]);
  });

  it("contains ctypes: privileged calls fail and a wild pointer only crashes the job", async () => {
    const calls = await run(
      [
        "import ctypes, os",
        "libc = ctypes.CDLL(None, use_errno=True)",
        "[libc.ptrace(16, os.getppid(), 0, 0), libc.setuid(0), libc.unshare(0x10000000), libc.mount(b'none', b'/usr', b'tmpfs', 0, None)]",
      ].join("\n"),
    );
    expect(calls.result).toEqual([-1, -1, -1, -1]);
    const crash = await run("import ctypes\nctypes.string_at(0)");
    expect(crash.error).toMatch(/segmentation fault/);
    expect((await run("'after crash'")).result).toBe("after crash");
  });

  it("reaches only jailed functions through ().__class__.__bases__[0].__subclasses__()", async () => {
    const { result, error } = await run(
      [
        "wrap = [c for c in ().__class__.__bases__[0].__subclasses__() if c.__name__ == '_wrap_close'][0]",
        "system = wrap.__init__.__globals__['system']",
        "popen = wrap.__init__.__globals__['popen']",
        `[system('cat ${path.join(project, "package.json")} > /dev/null 2>&1') != 0, popen('id -u').read().strip()]`,
      ].join("\n"),
    );
    expect(error).toBeNull();
    expect(result).toEqual([true, "65534"]);
  });

  it("survives a job that kills its parent: the job fails clearly and a fresh worker takes over", async () => {
    const ignored = await run("import os, signal\nos.kill(os.getppid(), signal.SIGTERM)\n'still here'");
    expect(ignored.result).toBe("still here");
    const killed = await run("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)");
    expect(killed.error).toMatch(/worker process died during the job .*a fresh worker is started/);
    expect((await run("'replaced'")).result).toBe("replaced");
  });

  it("survives a job that stops its parent: Node kills the hung worker and replaces it", async () => {
    const stopped = await run("import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)", 300);
    expect(stopped.error).toMatch(/stopped answering .* and was restarted/);
    expect((await run("'replaced again'")).result).toBe("replaced again");
  }, 40_000);

  it("does not keep a module written to scratch for the next job", async () => {
    const first = await run(
      "import sys\nopen('/tmp/evilmod.py', 'w').write('X = 1')\nopen('evilmod.py', 'w').write('X = 1')\nsys.path[:0] = ['/tmp', '.']\nimport evilmod\nevilmod.X",
    );
    expect(first.result).toBe(1);
    const second = await run("import sys\nsys.path[:0] = ['/tmp', '.', '/tmp/job']\nimport evilmod");
    expect(second.error).toMatch(/^ModuleNotFoundError: No module named 'evilmod'/);
  });

  it("kills a background child left alive after the job returns", async () => {
    const first = await run(
      [
        "import os, subprocess",
        "subprocess.Popen(['sleep', '1000'], start_new_session=True)",
        "if os.fork() == 0:",
        "    os.setsid()",
        "    if os.fork() == 0:",
        "        import time",
        "        while True:",
        "            open('/tmp/daemon-alive', 'w').write('x'); time.sleep(0.02)",
        "    os._exit(0)",
        "'spawned'",
      ].join("\n"),
    );
    expect(first.result).toBe("spawned");
    const second = await run(
      [
        "import os, time",
        "time.sleep(0.3)",
        "stats = [open(f'/proc/{p}/stat').read() for p in os.listdir('/proc') if p.isdigit()]",
        "names = [s[s.index('(') + 1 : s.rindex(')')] for s in stats if s[s.rindex(')') + 2] != 'Z']",
        "[os.path.exists('/tmp/daemon-alive'), 'sleep' in names, len(names)]",
      ].join("\n"),
    );
    // Living processes: bwrap's init, the fork-server and this job, nothing else (zombies are dead).
    expect(second.result).toEqual([false, false, 3]);
  });
});
