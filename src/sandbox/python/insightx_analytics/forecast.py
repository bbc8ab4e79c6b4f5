"""Forecast a dated series with exponential smoothing (Holt-Winters family) or a naive fallback."""
import warnings

import numpy as np
import pandas as pd

from ._common import dated_series, num

SEASON = {"D": 7, "B": 5, "H": 24, "W": 52, "M": 12, "MS": 12, "Q": 4, "QS": 4}


def _regular(series, freq, counts):
    freq = freq or pd.infer_freq(series.index) if len(series) >= 3 else freq
    if freq is None:
        step = pd.Series(series.index).diff().median()
        freq = "D" if step is pd.NaT or step <= pd.Timedelta(days=1) else ("W" if step <= pd.Timedelta(days=7) else "MS")
    regular = series.resample(freq).sum(min_count=1) if counts or freq in ("D", "H", "W") else series.asfreq(freq)
    regular = regular.fillna(0.0) if counts else regular.interpolate(limit_direction="both")
    return regular, freq


def _fit(values, season):
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    candidates = [("simple exponential smoothing", dict(trend=None, seasonal=None))]
    if len(values) >= 10:
        candidates.append(("damped Holt linear trend", dict(trend="add", damped_trend=True, seasonal=None)))
    if season and len(values) >= 2 * season + 2:
        candidates.append((f"damped Holt-Winters, additive season of {season}", dict(trend="add", damped_trend=True, seasonal="add", seasonal_periods=season)))
        candidates.append((f"Holt-Winters, additive season of {season}, no trend", dict(trend=None, seasonal="add", seasonal_periods=season)))
    best = None
    for name, spec in candidates:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = ExponentialSmoothing(values, initialization_method="estimated", **spec).fit()
            if np.isfinite(fit.aic) and (best is None or fit.aic < best[1].aic):
                best = (name, fit)
        except Exception:  # noqa: BLE001 - a model that does not fit is simply not chosen
            continue
    return best


def forecast(data, date_col=None, value_col=None, periods=7, freq=None, interval=0.95, bound="observed"):
    """Forecast `periods` steps. With date_col and no value_col, rows are counted per period
    (one row per flight gives flights per day). `bound="observed"` keeps predictions inside the
    observed minimum and maximum; pass bound=None to let a trend extrapolate."""
    counts = value_col is None and not isinstance(data, pd.Series)
    series, freq = _regular(dated_series(data, date_col, value_col), freq, counts)
    values = series.to_numpy(dtype=float)
    if len(values) < 2:
        raise ValueError("forecast needs at least 2 observations")
    future = pd.date_range(series.index[-1], periods=periods + 1, freq=freq)[1:]
    season = SEASON.get(str(freq).split("-")[0])
    fitted = _fit(values, season) if len(values) >= 4 else None
    if fitted is not None:
        method, fit = fitted
        predicted = np.asarray(fit.forecast(periods), dtype=float)
        residuals = values - np.asarray(fit.fittedvalues, dtype=float)
    else:
        method = "naive (last value carried forward)"
        predicted = np.repeat(values[-1], periods)
        residuals = np.diff(values)
    sigma = float(np.nanstd(residuals, ddof=1)) if len(residuals) > 1 else 0.0
    from scipy import stats

    z = stats.norm.ppf(0.5 + interval / 2)
    width = z * sigma * np.sqrt(np.arange(1, periods + 1))
    low, high = float(values.min()), float(values.max())
    if bound == "observed":
        predicted = np.clip(predicted, low, high)
    lower, upper = predicted - width, predicted + width
    if low >= 0:
        lower = np.maximum(lower, 0.0)
    bounded = " Predictions are kept within the observed range." if bound == "observed" else ""
    return {
        "method": method,
        "frequency": str(freq),
        "dates": [d.isoformat() for d in future],
        "values": [num(v) for v in predicted],
        "lower": [num(v) for v in lower],
        "upper": [num(v) for v in upper],
        "interval": interval,
        "observed": {"n": int(len(values)), "min": num(low), "max": num(high), "last": num(values[-1])},
        "interpretation": (
            f"Over the next {periods} periods ({freq}) the forecast averages {np.mean(predicted):.4g} "
            f"(last observed {values[-1]:.4g}), with a {interval:.0%} interval of about ±{width[-1]:.3g} at the horizon."
        ),
        "methodology": (
            f"{method} chosen by AIC among exponential-smoothing models (statsmodels), on a regular {freq} series "
            f"({'rows counted per period, gaps as 0' if counts else 'gaps interpolated'}); interval from the in-sample "
            f"residual standard deviation widening with the square root of the horizon; naive fallback for short series.{bounded}"
        ),
    }
