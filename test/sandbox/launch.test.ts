import { describe, expect, it } from "vitest";
import { buildBwrapCommand, buildDockerCommand } from "../../src/sandbox/index.js";

/** The value that follows `flag` in an argv. */
const flagValue = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe("buildDockerCommand", () => {
  const command = buildDockerCommand({
    image: "insightx-python-worker:1",
    name: "insightx-py-abc",
    memoryMb: 2560,
    pidsLimit: 32,
    scratchBytes: 512 * 1024 * 1024,
  });

  it("runs the python-worker image with no network, a read-only root and a tmpfs scratch dir", () => {
    expect(command.command).toBe("docker");
    expect(command.args.slice(0, 3)).toEqual(["run", "--rm", "--interactive"]);
    expect(flagValue(command.args, "--network")).toBe("none");
    expect(command.args).toContain("--read-only");
    expect(flagValue(command.args, "--tmpfs")).toBe("/tmp:rw,nosuid,nodev,noexec,size=536870912,mode=1777");
  });

  it("caps processes, memory without swap and CPUs, drops every capability and runs as nobody", () => {
    expect(flagValue(command.args, "--pids-limit")).toBe("32");
    expect(flagValue(command.args, "--memory")).toBe("2560m");
    expect(flagValue(command.args, "--memory-swap")).toBe("2560m");
    expect(flagValue(command.args, "--cpus")).toBe("1");
    expect(flagValue(command.args, "--cap-drop")).toBe("ALL");
    expect(flagValue(command.args, "--security-opt")).toBe("no-new-privileges");
    expect(flagValue(command.args, "--user")).toBe("65534:65534");
  });

  it("passes no environment into the container and names it so it can be removed", () => {
    expect(command.args).not.toContain("-e");
    expect(command.args).not.toContain("--env");
    expect(flagValue(command.args, "--name")).toBe("insightx-py-abc");
    expect(command.stop).toEqual({ command: "docker", args: ["rm", "--force", "insightx-py-abc"] });
  });

  it("starts the worker with the image's Debian python after the image name", () => {
    const image = command.args.indexOf("insightx-python-worker:1");
    expect(command.args.slice(image + 1)).toEqual([
      "/usr/bin/python3",
      "-I",
      "-B",
      "/opt/insightx/worker.py",
      "--scratch",
      "/tmp",
    ]);
  });
});

describe("buildBwrapCommand", () => {
  const command = buildBwrapCommand({
    pythonBin: "/usr/bin/python3",
    pythonDir: "/srv/app/src/sandbox/python",
    scratchBytes: 1024,
    usrMerged: { "/lib": "usr/lib", "/lib64": null },
  });

  it("unshares every namespace, clears the environment and drops to an unprivileged uid", () => {
    for (const flag of ["--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--clearenv"]) {
      expect(command.args).toContain(flag);
    }
    expect(flagValue(command.args, "--uid")).toBe("65534");
    expect(command.env).toEqual({});
  });

  it("binds only /usr, the worker program and a sized tmpfs, never the project or home", () => {
    const binds = command.args.flatMap((arg, i) =>
      arg === "--ro-bind" || arg === "--bind" ? [command.args[i + 1]] : [],
    );
    expect(binds).toEqual(["/usr", "/srv/app/src/sandbox/python"]);
    expect(flagValue(command.args, "--size")).toBe("1024");
    expect(flagValue(command.args, "--tmpfs")).toBe("/tmp");
    expect(command.args).toContain("--symlink");
    expect(command.args.join(" ")).toContain("--ro-bind-try /lib64 /lib64");
  });
});
