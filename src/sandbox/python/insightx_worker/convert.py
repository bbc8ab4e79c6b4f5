"""Converts whatever a job returns into JSON-safe values: NaN and infinities become null, timestamps
ISO strings, numpy and Decimal numbers plain numbers; DataFrames and Series are capped in rows."""
import datetime
import decimal
import math

import numpy as np
import pandas as pd

MAX_ROWS = 1000
MAX_ITEMS = 10000
MAX_DEPTH = 20


class Converter:
    """One conversion; `truncated` records whether any row or item cap was hit."""

    def __init__(self, max_rows=MAX_ROWS, max_items=MAX_ITEMS):
        self.max_rows = max_rows
        self.max_items = max_items
        self.truncated = False

    def convert(self, value, depth=0):
        if depth > MAX_DEPTH:
            self.truncated = True
            return None
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, (int, np.integer)) and not isinstance(value, np.bool_):
            number = int(value)
            return number if abs(number) <= 2**53 else float(number)
        if isinstance(value, (float, np.floating)):
            number = float(value)
            return number if math.isfinite(number) else None
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, decimal.Decimal):
            return self.convert(float(value))
        if isinstance(value, pd.DataFrame):
            return self.frame(value, depth)
        if isinstance(value, pd.Series):
            return self.series(value, depth)
        if isinstance(value, pd.Index):
            return self.sequence(value.tolist(), depth)
        if isinstance(value, np.ndarray):
            return self.sequence(value.tolist() if value.ndim > 0 else [value.item()], depth)
        if isinstance(value, dict):
            return self.mapping(value, depth)
        if isinstance(value, (list, tuple, set, frozenset, range)):
            return self.sequence(list(value), depth)
        return self.scalar(value)

    def scalar(self, value):
        if value is pd.NaT or value is pd.NA:
            return None
        if isinstance(value, (pd.Timestamp, datetime.datetime, datetime.date, datetime.time)):
            return value.isoformat()
        if isinstance(value, np.datetime64):
            return None if np.isnat(value) else pd.Timestamp(value).isoformat()
        if isinstance(value, (pd.Timedelta, datetime.timedelta, np.timedelta64)):
            delta = pd.Timedelta(value)
            return None if pd.isna(delta) else delta.isoformat()
        if isinstance(value, pd.Period):
            return str(value)
        if isinstance(value, pd.Interval):
            return str(value)
        if isinstance(value, (bytes, bytearray)):
            return bytes(value).decode("utf-8", errors="replace")
        if isinstance(value, complex):
            return str(value)
        return repr(value)

    def mapping(self, value, depth):
        out = {}
        for count, (key, item) in enumerate(value.items()):
            if count >= self.max_items:
                self.truncated = True
                break
            out[self._key(key)] = self.convert(item, depth + 1)
        return out

    def sequence(self, items, depth):
        if len(items) > self.max_items:
            self.truncated = True
            items = items[: self.max_items]
        return [self.convert(item, depth + 1) for item in items]

    def frame(self, df, depth):
        if len(df) > self.max_rows:
            self.truncated = True
        head = df.head(self.max_rows)
        if not isinstance(head.index, pd.RangeIndex) or head.index.name is not None:
            # A grouped or date index carries meaning: keep it as leading columns.
            head = head.reset_index()
        columns = [self._key(c) for c in head.columns]
        rows = [[self.convert(v, depth + 1) for v in row] for row in head.itertuples(index=False, name=None)]
        return {"columns": columns, "rows": rows, "row_count": int(len(df))}

    def series(self, series, depth):
        if len(series) > self.max_rows:
            self.truncated = True
        head = series.head(self.max_rows)
        return {
            "name": None if series.name is None else self._key(series.name),
            "index": [self.convert(i, depth + 1) for i in head.index.tolist()],
            "values": [self.convert(v, depth + 1) for v in head.tolist()],
        }

    def _key(self, key):
        if isinstance(key, str):
            return key
        if isinstance(key, tuple):
            return " / ".join(str(self.convert(k)) for k in key)
        converted = self.convert(key)
        return converted if isinstance(converted, str) else str(converted)


def to_jsonable(value, max_rows=MAX_ROWS):
    """Returns (converted value, truncated flag)."""
    converter = Converter(max_rows=max_rows)
    return converter.convert(value), converter.truncated
