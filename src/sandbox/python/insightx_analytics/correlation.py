"""Correlation between two columns, and the columns most correlated with a target."""
import numpy as np
import pandas as pd
from scipy import stats

from ._common import num, numeric, strength

METHODS = {"pearson": stats.pearsonr, "spearman": stats.spearmanr}


def _pair(x, y, method):
    frame = np.column_stack([numeric(x), numeric(y)])
    frame = frame[np.isfinite(frame).all(axis=1)]
    if len(frame) < 3 or np.ptp(frame[:, 0]) == 0 or np.ptp(frame[:, 1]) == 0:
        return None, None, len(frame)
    r, p = METHODS[method](frame[:, 0], frame[:, 1])
    return float(r), float(p), len(frame)


def correlation(df, x, y, method="pearson"):
    """Pearson (linear) or Spearman (rank) correlation of two columns with its p-value."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {sorted(METHODS)}")
    r, p, n = _pair(df[x], df[y], method)
    if r is None:
        text = f"Not enough varying paired values of {x} and {y} to compute a correlation (n={n})."
    else:
        direction = "positive" if r > 0 else "negative"
        significance = "statistically significant" if p < 0.05 else "not statistically significant"
        text = f"{x} and {y} have a {strength(r)} {direction} correlation (r = {r:.2f}, p = {p:.3g}, n = {n}), {significance} at the 5% level."
    return {
        "x": x,
        "y": y,
        "method": method,
        "r": num(r),
        "p_value": num(p, 12),
        "n": n,
        "interpretation": text,
        "methodology": f"{method.title()} correlation on rows where both values are present; two-sided p-value from scipy.stats.",
    }


def correlated_factors(df, target, method="pearson", top=5):
    """The numeric columns most correlated with `target`, strongest first."""
    factors = []
    for column in df.columns:
        if column == target or not pd.api.types.is_numeric_dtype(df[column]):
            continue
        r, p, n = _pair(df[column], df[target], method)
        if r is not None:
            factors.append({"column": str(column), "r": num(r), "p_value": num(p, 12), "n": n})
    factors.sort(key=lambda f: abs(f["r"]), reverse=True)
    factors = factors[:top]
    if factors:
        best = factors[0]
        text = f"The factor most correlated with {target} is {best['column']} (r = {best['r']:.2f}, {strength(best['r'])})."
    else:
        text = f"No numeric column could be correlated with {target}."
    return {
        "target": target,
        "method": method,
        "factors": factors,
        "interpretation": text,
        "methodology": f"{method.title()} correlation of each numeric column with {target}, ranked by absolute r; correlation is not causation.",
    }
