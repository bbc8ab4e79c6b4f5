"""Helpers for the eval answer scripts: reading vega-datasets files as InsightX ingests them, and expectations."""

import json
import math
import os
from functools import lru_cache

import numpy as np
import pandas as pd

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "node_modules", "vega-datasets", "data")
QUESTIONS = []

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@lru_cache(maxsize=None)
def raw(name):
    path = os.path.join(DATA, name)
    if name.endswith(".json"):
        with open(path, encoding="utf-8") as handle:
            return pd.DataFrame(json.load(handle))
    # keep_default_na=False + na_values=[""]: only empty cells are missing (e.g. a state code "NA" stays text).
    return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"zip_code": str})


def load(name, dates=()):
    frame = raw(name).copy()
    for column in dates:
        parsed = pd.to_datetime(frame[column])
        # "2000-01-01T08:00:00.000Z" is read as the UTC wall-clock time, as InsightX stores it.
        frame[column] = parsed.dt.tz_convert(None) if parsed.dt.tz is not None else parsed
    return frame


def ask(split, qid, datasets, turns):
    """Registers the decorated function's expectation for a question (one turn or a thread of turns)."""

    def register(compute):
        QUESTIONS.append((split, qid, datasets, turns, compute))
        return compute

    return register


# Expectations, by the kinds of shared/eval/README.md.
def num(x):
    x = float(x)
    assert math.isfinite(x), x
    if x.is_integer():
        return int(x)
    return round(x, 6)


# Every answer here is exact, so 0.1% leaves room for rounding only: the README's default, 0.5%, lets 1,560 pass
# for 1,568, and a table of many rows holds a number within 0.5% of almost anything.
VALUE_TOL = 0.001


def value(x, tol=VALUE_TOL, pct=False):
    out = {"kind": "value", "value": num(x), "tol": tol}
    if pct:
        out["pct"] = True
    return out


def includes(x, tol=VALUE_TOL):
    out = {"kind": "includes_value", "value": num(x), "tol": tol}
    return out


def label(x):
    return {"kind": "label", "label": plain(x)}


def label_any(*xs):
    return {"kind": "label_any", "labels": [plain(x) for x in xs]}


def rows(series, tol=VALUE_TOL):
    """Every (label, value) of a Series indexed by label."""
    out = {"kind": "rows", "rows": [[plain(k), num(v)] for k, v in series.items()], "tol": tol}
    return out


def top(series, k):
    """The first k of a Series sorted descending, with everything tied with the k-th."""
    ordered = series.sort_values(ascending=False)
    kth = ordered.iloc[k - 1]
    chosen = ordered[ordered >= kth]
    return {"kind": "top", "k": k, "top": [[plain(i), num(v)] for i, v in chosen.items()]}


def bottom(series, k):
    ordered = series.sort_values(ascending=True)
    kth = ordered.iloc[k - 1]
    chosen = ordered[ordered <= kth]
    return {"kind": "top", "k": k, "top": [[plain(i), num(v)] for i, v in chosen.items()]}


def forecast(horizon, series):
    return {"kind": "forecast", "horizon": horizon, "range": [num(series.min()), num(series.max())]}


def clarify():
    return {"kind": "clarify"}


def plain(x):
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating,)):
        return float(x)
    if isinstance(x, pd.Timestamp):
        return x.strftime("%Y-%m-%d")
    return x


def argmax(series):
    """The label of the single highest value; fails on a tie (a fair question has one right answer)."""
    ordered = series.sort_values(ascending=False)
    assert len(ordered) == 1 or ordered.iloc[0] != ordered.iloc[1], f"tie at the top: {ordered.head(3).to_dict()}"
    return ordered.index[0]


def argmin(series):
    return argmax(-series)


def month_labels(month):
    """A month of the year as a correct answer may show it: 11, November, Nov."""
    return (month, MONTHS[month - 1], MONTHS[month - 1][:3])


def weekday_labels(day):
    """A weekday (0 = Monday) as number (DuckDB dayofweek: Sunday 0; isodow: Monday 1), name or abbreviation."""
    dow = (day + 1) % 7
    isodow = day + 1
    return tuple(dict.fromkeys([WEEKDAYS[day], WEEKDAYS[day][:3], dow, isodow]))


def hour_labels(hour):
    suffix = "am" if hour < 12 else "pm"
    twelve = hour % 12 or 12
    return (hour, f"{hour:02d}:00", f"{twelve}{suffix}", f"{twelve} {suffix}")


def pct(part, whole):
    return 100.0 * part / whole


def build():
    """Every registered question as JSON lines, by split."""
    lines = {"dev": [], "heldout": []}
    for split, qid, datasets, turns, compute in QUESTIONS:
        expect = compute()
        line = {"id": qid}
        files = [datasets] if isinstance(datasets, str) else list(datasets)
        asked = [turns] if isinstance(turns, str) else list(turns)
        if len(files) == 1 and len(asked) == 1:
            line["dataset"] = files[0]
            line["question"] = asked[0]
        else:
            line["datasets"] = files
            line["turns"] = asked
        line.update(expect)
        lines[split].append(json.dumps(line, ensure_ascii=False))
    return {split: "\n".join(items) + "\n" for split, items in lines.items()}


