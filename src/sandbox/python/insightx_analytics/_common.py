"""Small shared pieces: plain-number conversion and a dated series from a frame or a Series."""
import math

import numpy as np
import pandas as pd


def num(value, digits=6):
    """A finite float rounded for display, or None."""
    if value is None:
        return None
    value = float(value)
    return round(value, digits) if math.isfinite(value) else None


def strength(r):
    r = abs(r)
    if r < 0.1:
        return "negligible"
    if r < 0.3:
        return "weak"
    if r < 0.5:
        return "moderate"
    if r < 0.7:
        return "strong"
    return "very strong"


def dated_series(data, date_col=None, value_col=None):
    """A float Series indexed by sorted timestamps. With a date column and no value column,
    rows are counted per date (e.g. one row per flight gives flights per day)."""
    if isinstance(data, pd.Series):
        series = data.copy()
        series.index = pd.to_datetime(series.index)
    else:
        if date_col is None:
            raise ValueError("date_col is required when passing a DataFrame")
        dates = pd.to_datetime(data[date_col])
        if value_col is None:
            series = dates.dt.floor("D").value_counts()
        else:
            series = pd.Series(pd.to_numeric(data[value_col], errors="coerce").values, index=dates)
            series = series.groupby(level=0).sum(min_count=1)
    series = series.sort_index().astype(float)
    return series[~series.index.isna()]


def numeric(values):
    return pd.to_numeric(pd.Series(values), errors="coerce").astype(float)


def finite(values):
    array = np.asarray(values, dtype=float)
    return array[np.isfinite(array)]
