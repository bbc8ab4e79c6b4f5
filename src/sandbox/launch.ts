// The command lines that start a fork-server: jailed by bubblewrap, in a container, or (unsafely) bare.

/** How to start one fork-server, and how to make sure it is gone. */
export interface LaunchCommand {
  command: string;
  args: string[];
  /** The whole environment the launcher gets: nothing from the app's own environment. */
  env: Record<string, string>;
  /** Run after killing the launcher when killing it does not stop the worker (a container). */
  stop?: { command: string; args: string[] };
  /** Host uid/gid to start the launcher as (Node must be root to use them). */
  uid?: number;
  gid?: number;
}

/** Where the worker program lives inside the jail or the image. */
export const WORKER_DIR_INSIDE = "/opt/insightx";
const WORKER_ARGS = ["-I", "-B", `${WORKER_DIR_INSIDE}/worker.py`, "--scratch", "/tmp"];

export interface BwrapCommandOptions {
  /** @defaultValue "/usr/bin/bwrap" */
  bwrapPath?: string;
  /** The interpreter, which must live under /usr (it is bound read-only with the libraries). */
  pythonBin: string;
  /** Host directory holding worker.py, insightx_worker/ and insightx_analytics/. */
  pythonDir: string;
  /** Size of the scratch tmpfs at /tmp. */
  scratchBytes: number;
  /** Which of /bin, /lib, /lib64, /sbin are symlinks into /usr on this host (merged /usr). */
  usrMerged?: Record<string, string | null>;
  /**
   * Host user to run bubblewrap as. When the app runs as root, the jail's uid would map to host
   * root, which the kernel exempts from RLIMIT_NPROC; running bwrap as nobody keeps the process
   * limit in force. @defaultValue the app's own user
   */
  runAs?: { uid: number; gid: number };
}

/**
 * bubblewrap: every namespace unshared (so no network), an empty environment, uid 65534, read-only
 * /usr and the worker program, a tmpfs scratch dir, and nothing else of the host: no home, no
 * project directory, no data directory.
 */
export function buildBwrapCommand(options: BwrapCommandOptions): LaunchCommand {
  const links = options.usrMerged ?? {
    "/bin": "usr/bin",
    "/lib": "usr/lib",
    "/lib64": "usr/lib64",
    "/sbin": "usr/sbin",
  };
  const roots: string[] = [];
  for (const [path, target] of Object.entries(links)) {
    if (target === null) roots.push("--ro-bind-try", path, path);
    else roots.push("--symlink", target, path);
  }
  const args = [
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
    "--uid",
    "65534",
    "--gid",
    "65534",
    "--cap-drop",
    "ALL",
    "--hostname",
    "sandbox",
    "--ro-bind",
    "/usr",
    "/usr",
    ...roots,
    // Debian's BLAS is chosen through /etc/alternatives symlinks; the loader cache just speeds start.
    "--ro-bind-try",
    "/etc/alternatives",
    "/etc/alternatives",
    "--ro-bind-try",
    "/etc/ld.so.cache",
    "/etc/ld.so.cache",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    String(options.scratchBytes),
    "--tmpfs",
    "/tmp",
    "--ro-bind",
    options.pythonDir,
    WORKER_DIR_INSIDE,
    // The jail's own root and /dev are tmpfs mounts: make them read-only so only /tmp is writable.
    "--remount-ro",
    "/dev",
    "--remount-ro",
    "/",
    "--chdir",
    "/tmp",
    "--",
    options.pythonBin,
    ...WORKER_ARGS,
  ];
  return { command: options.bwrapPath ?? "/usr/bin/bwrap", args, env: {}, ...options.runAs };
}

export interface DockerCommandOptions {
  /** @defaultValue "docker" */
  dockerPath?: string;
  /** The `python-worker` image, e.g. from SANDBOX_DOCKER_IMAGE. */
  image: string;
  /** A unique container name, so the container can be removed if the client dies. */
  name: string;
  /** Container memory (and memory+swap, so no swap), in MiB: the job limit plus the server's own. */
  memoryMb: number;
  /** Processes and threads in the container. */
  pidsLimit: number;
  /** Size of the /tmp tmpfs. */
  scratchBytes: number;
  /** @defaultValue 1 */
  cpus?: number;
  /** The interpreter inside the image. @defaultValue "/usr/bin/python3" */
  pythonBin?: string;
}

/** `docker run` for the python-worker image, speaking the same protocol over stdio. */
export function buildDockerCommand(options: DockerCommandOptions): LaunchCommand {
  const dockerPath = options.dockerPath ?? "docker";
  const args = [
    "run",
    "--rm",
    "--interactive",
    "--name",
    options.name,
    "--network",
    "none",
    "--read-only",
    "--tmpfs",
    `/tmp:rw,nosuid,nodev,noexec,size=${options.scratchBytes},mode=1777`,
    "--pids-limit",
    String(options.pidsLimit),
    "--memory",
    `${options.memoryMb}m`,
    "--memory-swap",
    `${options.memoryMb}m`,
    "--cpus",
    String(options.cpus ?? 1),
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges",
    "--user",
    "65534:65534",
    "--ipc",
    "none",
    "--log-driver",
    "none",
    "--workdir",
    "/tmp",
    options.image,
    options.pythonBin ?? "/usr/bin/python3",
    ...WORKER_ARGS,
  ];
  return {
    command: dockerPath,
    args,
    env: {},
    stop: { command: dockerPath, args: ["rm", "--force", options.name] },
  };
}

/** No isolation at all: the worker runs as this user on this filesystem. Development only. */
export function buildUnsafeCommand(options: {
  pythonBin: string;
  pythonDir: string;
  scratchDir: string;
}): LaunchCommand {
  return {
    command: options.pythonBin,
    args: ["-I", "-B", `${options.pythonDir}/worker.py`, "--scratch", options.scratchDir],
    env: {},
  };
}
