"""Length-prefixed messages over the worker's stdio: u32 JSON length, u64 blob length, JSON, blob.

Node sends jobs (JSON header plus a columnar binary blob); the fork-server answers with JSON only.
"""
import json
import os
import struct

PREFIX = struct.Struct("<IQ")
MAX_HEADER_BYTES = 64 * 1024 * 1024
MAX_BLOB_BYTES = 4 * 1024 * 1024 * 1024


class ProtocolError(Exception):
    """The peer sent something that is not a valid message."""


def _read_exact(fd, size):
    """Reads exactly `size` bytes from a descriptor into one buffer; None on EOF before the first byte."""
    buf = bytearray(size)
    view = memoryview(buf)
    got = 0
    while got < size:
        n = os.readv(fd, [view[got:]])
        if n == 0:
            if got == 0:
                return None
            raise ProtocolError(f"stream ended after {got} of {size} bytes")
        got += n
    return buf


def read_message(fd):
    """Returns (header dict, blob bytearray) or None when the stream is closed."""
    prefix = _read_exact(fd, PREFIX.size)
    if prefix is None:
        return None
    header_len, blob_len = PREFIX.unpack(prefix)
    if header_len > MAX_HEADER_BYTES or blob_len > MAX_BLOB_BYTES:
        raise ProtocolError(f"message too large: header {header_len} bytes, blob {blob_len} bytes")
    header_bytes = _read_exact(fd, header_len) if header_len else bytearray()
    if header_bytes is None:
        raise ProtocolError("stream ended inside a message")
    blob = _read_exact(fd, blob_len) if blob_len else bytearray()
    if blob is None:
        raise ProtocolError("stream ended inside a message")
    try:
        header = json.loads(header_bytes)
    except ValueError as exc:
        raise ProtocolError(f"header is not JSON: {exc}") from exc
    if not isinstance(header, dict):
        raise ProtocolError("header is not a JSON object")
    return header, blob


def encode_message(header):
    """Serialises a JSON-only message (the fork-server's replies, the child's result)."""
    body = json.dumps(header, allow_nan=False, separators=(",", ":")).encode("utf-8")
    return PREFIX.pack(len(body), 0) + body


def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def decode_json(buf):
    """The JSON header of one complete JSON-only message held in `buf`."""
    header_len, _ = PREFIX.unpack_from(buf)
    try:
        return json.loads(bytes(buf[PREFIX.size : PREFIX.size + header_len]))
    except ValueError as exc:
        raise ProtocolError(f"not JSON: {exc}") from exc
