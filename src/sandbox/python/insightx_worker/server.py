"""The fork-server loop. A spare child is forked before each job arrives; it reads the job straight
from stdin (so data never passes through the server), tells the server it started, runs, and
replies on its status pipe. The server enforces the wall clock, kills what is left, wipes scratch
and answers Node on stdout. One job at a time; Node runs several servers for concurrency."""
import os
import select
import signal
import time

from . import job, protocol, reaper
from .scratch import wipe

REPLY_SLACK_BYTES = 1024 * 1024


def _spare(status_fd, scratch):
    """The pre-forked child: wait for the next job on stdin, announce it, run it. Never returns."""
    try:
        message = protocol.read_message(0)
    except protocol.ProtocolError as exc:
        job.reply(status_fd, {"type": "fatal", "error": f"bad message from Node: {exc}"})
    if message is None:
        job.reply(status_fd, {"type": "eof"})
    header, blob = message
    if header.get("type") != "job" or not isinstance(header.get("limits"), dict):
        job.reply(status_fd, {"type": "fatal", "error": f"expected a job, got {header.get('type')!r}"})
    protocol.write_all(status_fd, protocol.encode_message({"type": "started", "limits": header["limits"]}))
    job.run(header, blob, status_fd, os.path.join(scratch, "job"))


def _messages(buf):
    """Complete messages at the front of `buf`, removed from it."""
    found = []
    while len(buf) >= protocol.PREFIX.size:
        header_len, blob_len = protocol.PREFIX.unpack_from(buf)
        end = protocol.PREFIX.size + header_len + blob_len
        if len(buf) < end:
            break
        found.append(protocol.decode_json(buf[:end]))
        del buf[:end]
    return found


class Watch:
    """Reads the child's status pipe until it replies, exits or runs out of time."""

    def __init__(self, pid, status_fd, pidfd):
        self.pid, self.status_fd, self.pidfd = pid, status_fd, pidfd
        self.buf = bytearray()
        self.exited = False

    def next_message(self, deadline, limit):
        """The next message, or None on exit, end of pipe, timeout ("timeout") or overflow."""
        while True:
            messages = _messages(self.buf)
            if messages:
                self.buf[:0] = b"".join(protocol.encode_message(m) for m in messages[1:])
                return messages[0]
            if len(self.buf) > limit:
                return "overflow"
            if self.exited:
                return None
            timeout = None if deadline is None else deadline - time.monotonic()
            if timeout is not None and timeout <= 0:
                return "timeout"
            ready, _, _ = select.select([self.status_fd, self.pidfd], [], [], timeout)
            if self.status_fd in ready:
                chunk = os.read(self.status_fd, 1 << 20)
                if not chunk:
                    self.exited = True
                self.buf += chunk
            elif self.pidfd in ready:
                self.exited = True
                self._drain(limit)

    def _drain(self, limit):
        os.set_blocking(self.status_fd, False)
        while len(self.buf) <= limit:
            try:
                chunk = os.read(self.status_fd, 1 << 20)
            except BlockingIOError:
                return
            if not chunk:
                return
            self.buf += chunk

    def status(self):
        """The child's wait status (after it has been killed if still running)."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return 0
        return status


def _describe_exit(status, limits, timed_out):
    if timed_out:
        return (
            f"TimeoutError: the job ran longer than {limits['timeoutMs']} ms and was stopped; "
            "make it faster (aggregate in SQL first, avoid Python loops over rows)"
        )
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return f"TimeoutError: the job used more than {limits['cpuSeconds']} CPU seconds and was stopped"
        if sig == signal.SIGKILL:
            return "the job was killed (it probably exceeded the memory limit); work on fewer rows or aggregate first"
        if sig == signal.SIGSEGV:
            return "the job crashed with a segmentation fault (native code such as ctypes touched invalid memory)"
        return f"the job was killed by signal {signal.Signals(sig).name}"
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    return f"the job exited (code {code}) before returning a result; do not call exit() or os._exit()"


def _result(message, watch, limits, timed_out):
    if isinstance(message, dict) and message.get("type") is None:
        error = message.get("error")
        return {
            "result": message.get("result"),
            "stdout": str(message.get("stdout") or ""),
            "error": error if isinstance(error, str) else None,
            "truncated": bool(message.get("truncated")),
        }
    if message == "overflow":
        return {"result": None, "stdout": "", "error": "the job's reply exceeded the output limit", "truncated": True}
    if not watch.exited:
        os.kill(watch.pid, signal.SIGKILL)
    return {"result": None, "stdout": "", "error": _describe_exit(watch.status(), limits, timed_out), "truncated": False}


def serve(scratch, versions):
    """Answers jobs until stdin closes."""
    # A job may signal its parent; only SIGKILL and SIGSTOP get through, and Node replaces a
    # server that dies or stops answering.
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(sig, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    protocol.write_all(1, protocol.encode_message({"type": "ready", "pid": os.getpid(), "versions": versions}))
    while True:
        wipe(scratch)
        reaper.reap_zombies()
        status_r, status_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(status_r)
            _spare(status_w, scratch)
        os.close(status_w)
        pidfd = os.pidfd_open(pid)
        watch = Watch(pid, status_r, pidfd)
        try:
            started = watch.next_message(None, REPLY_SLACK_BYTES)
            if not isinstance(started, dict) or started.get("type") != "started":
                reaper.kill_job(pid)
                if isinstance(started, dict) and started.get("type") == "eof":
                    return
                error = started.get("error") if isinstance(started, dict) else "the job reader died"
                protocol.write_all(1, protocol.encode_message({"type": "fatal", "error": str(error)}))
                raise SystemExit(1)
            limits = started["limits"]
            deadline = time.monotonic() + int(limits["timeoutMs"]) / 1000
            limit = 2 * int(limits["maxOutputBytes"]) + REPLY_SLACK_BYTES
            message = watch.next_message(deadline, limit)
            result = _result(message, watch, limits, message == "timeout")
            reaper.kill_job(pid)
        finally:
            os.close(status_r)
            os.close(pidfd)
        protocol.write_all(1, protocol.encode_message({"type": "result", **result}))
