"""Runs one job inside the freshly forked child: limits first, then the data, then the user's code.

Everything here runs after fork(), so a job never sees another job's state; the child always ends
with os._exit and writes exactly one length-prefixed reply to its result pipe.
"""
import ast
import io
import json
import os
import resource
import signal
import sys
import tempfile
import traceback

from . import protocol
from .convert import to_jsonable
from .frames import decode_frames

FILENAME = "<job>"


class BoundedText(io.TextIOBase):
    """A stdout stand-in that keeps the first `limit` characters and notes that more was dropped."""

    def __init__(self, limit):
        self.limit = limit
        self.parts = []
        self.size = 0
        self.truncated = False

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(room, len(text))
        if len(text) > max(room, 0):
            self.truncated = True
        return len(text)

    def getvalue(self):
        return "".join(self.parts)


def isolate(result_fd, limits, scratch):
    """Own process group, no inherited descriptors, rlimits that the job cannot raise."""
    os.setpgid(0, 0)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM):
        signal.signal(sig, signal.SIG_DFL)
    # A write past the file-size limit then raises OSError(EFBIG) instead of killing the child.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, result_fd)
    os.closerange(result_fd + 1, 65536)
    mb = 1024 * 1024
    for name, value in (
        ("RLIMIT_AS", int(limits["memoryMb"]) * mb),
        ("RLIMIT_CPU", int(limits["cpuSeconds"])),
        ("RLIMIT_NPROC", int(limits["maxProcesses"])),
        ("RLIMIT_FSIZE", int(limits["maxFileBytes"])),
        ("RLIMIT_NOFILE", int(limits["maxOpenFiles"])),
        ("RLIMIT_CORE", 0),
    ):
        resource.setrlimit(getattr(resource, name), (value, value))
    os.makedirs(scratch, exist_ok=True)
    os.chdir(scratch)
    tempfile.tempdir = scratch
    os.environ.clear()
    os.environ.update({"TMPDIR": scratch, "HOME": scratch, "MPLCONFIGDIR": scratch})


def split_code(code):
    """Compiles the code; a trailing expression is evaluated separately so its value can be the result."""
    tree = ast.parse(code, FILENAME, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    body = compile(tree, FILENAME, "exec")
    return body, None if last is None else compile(last, FILENAME, "eval")


def describe_error(exc, code, namespace):
    """`Type: message (line N: `source`)`, plus the columns when a column name was wrong."""
    lines = code.splitlines()
    line_no = None
    if isinstance(exc, SyntaxError) and exc.filename == FILENAME:
        line_no = exc.lineno
    else:
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename == FILENAME:
                line_no = lineno
    message = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    if isinstance(exc, SyntaxError):
        message = f"SyntaxError: {exc.msg}"
    if isinstance(exc, MemoryError):
        message = "MemoryError: the job ran out of memory (limit reached); work on fewer rows or aggregate first"
    if line_no is not None and 0 < line_no <= len(lines):
        message += f" (line {line_no}: `{lines[line_no - 1].strip()}`)"
    if isinstance(exc, KeyError):
        frames = [(name, value) for name, value in namespace.items() if hasattr(value, "columns") and name[:1] != "_"]
        for name, value in frames[:3]:
            columns = ", ".join(str(c) for c in list(value.columns)[:50])
            message += f"\nColumns of {name}: {columns}"
    return message


def run(header, blob, result_fd, scratch):
    """The child's whole life: isolate, decode, execute, reply, exit."""
    limits = header["limits"]
    try:
        isolate(result_fd, limits, scratch)
    except Exception as exc:  # noqa: BLE001 - reported, never raised past the fork
        reply(result_fd, {"result": None, "stdout": "", "error": f"sandbox set-up failed: {exc}", "truncated": False})
    out = BoundedText(int(limits["maxOutputBytes"]))
    sys.stdout = sys.stderr = out
    code = header.get("code") or ""
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    result, error = None, None
    try:
        import numpy as np
        import pandas as pd

        namespace.update({"pd": pd, "np": np})
        namespace.update(decode_frames(header, blob))
        del blob
        body, tail = split_code(code)
        exec(body, namespace)
        if tail is not None:
            value = eval(tail, namespace)
            namespace.setdefault("result", value)
        result = namespace.get("result")
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are job errors too
        error = describe_error(exc, code, namespace)
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    try:
        converted, truncated = to_jsonable(result)
    except Exception as exc:  # noqa: BLE001
        converted, truncated = None, False
        error = error or f"the result could not be converted to JSON: {type(exc).__name__}: {exc}"
    payload = {"result": converted, "stdout": out.getvalue(), "error": error, "truncated": truncated or out.truncated}
    size = len(json.dumps(converted, allow_nan=False))
    if size > int(limits["maxOutputBytes"]):
        payload["result"] = None
        payload["error"] = (
            f"the result is too large ({size} bytes, limit {limits['maxOutputBytes']}); "
            "return a smaller summary such as df.head(), an aggregate or a few numbers"
        )
    reply(result_fd, payload)


def reply(result_fd, payload):
    try:
        protocol.write_all(result_fd, protocol.encode_message(payload))
    finally:
        os._exit(0)

