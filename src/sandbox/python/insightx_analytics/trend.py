"""Trend of a series: least-squares slope with its significance, and mean-shift change points."""
import numpy as np
import pandas as pd
from scipy import stats

from ._common import dated_series, num


def _change_points(values, max_points=3, min_size=5):
    """Binary segmentation on the mean: split where the squared-error reduction is largest,
    keeping a split only when a Welch t-test between the two sides gives p < 0.01."""
    points = []

    def split(start, end):
        segment = values[start:end]
        if len(segment) < 2 * min_size or len(points) >= max_points:
            return
        total = ((segment - segment.mean()) ** 2).sum()
        best, best_gain = None, 0.0
        for k in range(min_size, len(segment) - min_size + 1):
            left, right = segment[:k], segment[k:]
            gain = total - ((left - left.mean()) ** 2).sum() - ((right - right.mean()) ** 2).sum()
            if gain > best_gain:
                best, best_gain = k, gain
        if best is None:
            return
        _, p = stats.ttest_ind(segment[:best], segment[best:], equal_var=False)
        if not np.isfinite(p) or p >= 0.01:
            return
        points.append(start + best)
        split(start, start + best)
        split(start + best, end)

    split(0, len(values))
    return sorted(points)


def trend(data, date_col=None, value_col=None):
    """`data` is a Series, a DataFrame with date/value columns, or a DataFrame with only value_col (row order)."""
    if isinstance(data, pd.DataFrame) and date_col is None:
        series = pd.to_numeric(data[value_col], errors="coerce").reset_index(drop=True).astype(float)
        unit, x = "row", np.arange(len(series), dtype=float)
    else:
        series = dated_series(data, date_col, value_col)
        unit = "day"
        x = ((series.index - series.index[0]) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    mask = np.isfinite(series.to_numpy())
    x, y = x[mask], series.to_numpy()[mask]
    if len(y) < 3:
        raise ValueError("trend needs at least 3 values")
    fit = stats.linregress(x, y)
    changes = _change_points(y)
    labels = [str(series.index[mask][i]) if unit == "day" else int(series.index[mask][i]) for i in changes]
    direction = "upward" if fit.slope > 0 else "downward"
    significant = fit.pvalue < 0.05
    text = (
        f"The values show a {'statistically significant ' if significant else ''}{direction} trend of {fit.slope:.4g} per {unit} "
        f"(p = {fit.pvalue:.3g}, R² = {fit.rvalue ** 2:.2f})" + ("" if significant else ", which is not significant at the 5% level")
    )
    text += f"; {len(changes)} change point(s) in the mean." if changes else "; no change point in the mean."
    return {
        "slope": num(fit.slope),
        "slope_unit": f"per {unit}",
        "intercept": num(fit.intercept),
        "p_value": num(fit.pvalue, 12),
        "r_squared": num(fit.rvalue**2),
        "significant": bool(significant),
        "direction": direction,
        "n": int(len(y)),
        "change_points": labels,
        "interpretation": text,
        "methodology": "Ordinary least-squares line of value on time (scipy.stats.linregress, two-sided p-value); change points by "
        "binary segmentation of the mean (largest squared-error reduction, at least 5 points a side, kept when Welch's t-test p < 0.01).",
    }
