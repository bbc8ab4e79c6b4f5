"""Kills everything a job left behind: its process group, then any descendant that escaped it.

The fork-server is a child subreaper, so orphans of a job are re-parented to it and can be found
by walking /proc from its own pid; other processes on the host are never touched.
"""
import ctypes
import os
import signal

PR_SET_CHILD_SUBREAPER = 36
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38


def harden_self():
    """Subreaper for orphans; not dumpable so a job cannot ptrace or read the fork-server's memory."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


def _processes():
    """{pid: (ppid, state)} for every visible process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may contain spaces or parentheses: fields resume after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        table[int(entry)] = (int(fields[1]), fields[0])
    return table


def living_descendants(root):
    table = _processes()
    found, frontier = set(), {root}
    while frontier:
        children = {pid for pid, (ppid, _) in table.items() if ppid in frontier and pid not in found}
        found |= children
        frontier = children
    return {pid for pid in found if table[pid][1] != b"Z"}


def reap_zombies():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_job(pgid):
    """SIGKILL the job's group, then every descendant not yet signalled, until none is left.

    A process with SIGKILL pending never runs again (and a fork it was inside fails), so once
    every living descendant has been signalled nothing of the job can act any more.
    """
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    signalled = set()
    while True:
        fresh = living_descendants(os.getpid()) - signalled
        if not fresh:
            return
        for pid in fresh:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        signalled |= fresh
