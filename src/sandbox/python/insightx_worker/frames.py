"""Turns the columnar blob Node sent into pandas DataFrames, with numpy.frombuffer and no JSON rows.

Encodings (all little-endian, offsets relative to the blob):
  f64    float64 values, null as NaN          i64   int64 values
  bool   uint8 0/1                            ts    int64 microseconds since the epoch, null as INT64_MIN
  str    UTF-8 values joined by NUL           stroff int32 offsets (rows + 1) then UTF-8 bytes
  dict   int32 codes per row, then the distinct values (UTF-8 joined by NUL) at `dict`: [offset, length]
A column may carry `valid`: [offset, length] of a uint8 mask, 1 where the value is present.
"""
import numpy as np
import pandas as pd

NAT = np.iinfo(np.int64).min


def _view(blob, start, length, dtype):
    return np.frombuffer(blob, dtype=dtype, count=length // np.dtype(dtype).itemsize, offset=start)


def _valid_mask(blob, column, rows):
    valid = column.get("valid")
    if not valid:
        return None
    mask = _view(blob, valid[0], valid[1], np.uint8)
    if mask.shape[0] != rows:
        raise ValueError(f"column {column['name']!r}: validity mask has {mask.shape[0]} entries for {rows} rows")
    return mask.astype(bool)


def _strings(blob, column, rows, mask):
    start, length = column["offset"], column["length"]
    if column["enc"] == "dict":
        codes = _view(blob, start, length, "<i4")
        dict_start, dict_length = column["dict"]
        text = bytes(memoryview(blob)[dict_start : dict_start + dict_length]).decode("utf-8")
        distinct = np.array(text.split("\x00") + [None], dtype=object)
        # Code -1 (a null) picks the trailing None.
        return distinct.take(codes)
    if column["enc"] == "str":
        text = bytes(memoryview(blob)[start : start + length]).decode("utf-8")
        values = text.split("\x00") if rows > 0 else []
    else:
        offsets = _view(blob, start, 4 * (rows + 1), np.int32)
        data_start = start + 4 * (rows + 1)
        raw = bytes(memoryview(blob)[data_start : start + length])
        values = [raw[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(rows)]
    if len(values) != rows:
        raise ValueError(f"column {column['name']!r}: {len(values)} strings for {rows} rows")
    array = np.empty(rows, dtype=object)
    array[:] = values
    if mask is not None:
        array[~mask] = None
    return array


def _column(blob, column, rows):
    enc, start, length = column["enc"], column["offset"], column["length"]
    mask = _valid_mask(blob, column, rows)
    if enc in ("str", "stroff", "dict"):
        return _strings(blob, column, rows, mask)
    if enc == "f64":
        values = _view(blob, start, length, "<f8")
        if column["type"] == "integer" and mask is None and not np.isnan(values).any():
            return values.astype(np.int64)
        # The blob is a private bytearray, so these views are writable and need no copy.
        return values if mask is None else np.where(mask, values, np.nan)
    if enc == "i64":
        values = _view(blob, start, length, "<i8")
        return values if mask is None else np.where(mask, values.astype(np.float64), np.nan)
    if enc == "bool":
        values = _view(blob, start, length, np.uint8).astype(bool)
        if mask is None:
            return values
        return _masked_bool(values, mask)
    if enc == "ts":
        values = _view(blob, start, length, "<i8")
        return pd.DatetimeIndex(values.view("datetime64[us]").astype("datetime64[ns]"))
    raise ValueError(f"column {column['name']!r}: unknown encoding {enc!r}")


def _masked_bool(values, mask):
    array = pd.array(values, dtype="boolean")
    array[~mask] = pd.NA
    return array


def decode_frames(header, blob):
    """Returns {name: DataFrame} for every frame the job header describes."""
    frames = {}
    for frame in header.get("frames") or []:
        rows = int(frame["rows"])
        data = {}
        for position, column in enumerate(frame["columns"]):
            values = _column(blob, column, rows)
            if len(values) != rows:
                raise ValueError(f"column {column['name']!r}: {len(values)} values for {rows} rows")
            data[position] = values
        # Positional keys first, names after: SQL results may repeat a column name.
        df = pd.DataFrame(data, index=pd.RangeIndex(rows), copy=False)
        df.columns = [c["name"] for c in frame["columns"]]
        frames[frame["name"]] = df
    return frames
