// Python for SQL_THEN_PY plans: flags anomalies or forecasts a series in `df` (the SQL result) and sets `result`.
import type { Grain } from "./types.js";

const py = (text: string) => JSON.stringify(text);

/**
 * Anomalies: each value's distance from a centred rolling median (the series' own baseline; the overall
 * median for unordered rows), in standard deviations of those distances. |z| >= 3 is flagged.
 */
export function anomaliesPython(valueColumn: string, ordered: boolean): string {
  return `import numpy as np
import pandas as pd

value_col = ${py(valueColumn)}
values = pd.to_numeric(df[value_col], errors="coerce").astype(float)
if ${ordered ? "True" : "False"} and len(values) >= 20:
    window = int(min(31, max(5, len(values) // 20))) | 1
    baseline = values.rolling(window, center=True, min_periods=1).median()
else:
    baseline = pd.Series(values.median(), index=values.index)
deviation = values - baseline
scale = deviation.std()
if not scale or np.isnan(scale):
    scale = 1.0
z = deviation / scale
mask = z.abs() >= 3
flagged = df.loc[mask].copy()
flagged["expected"] = baseline[mask].round(4)
flagged["z_score"] = z[mask].round(2)
flagged = flagged.reindex(flagged["z_score"].abs().sort_values(ascending=False).index)
result = flagged.head(50).reset_index(drop=True)
`;
}

const FREQ: Partial<Record<Grain, { freq: string; season: number }>> = {
  hour: { freq: "H", season: 24 },
  day: { freq: "D", season: 7 },
  week: { freq: "W-MON", season: 52 },
  month: { freq: "MS", season: 12 },
  quarter: { freq: "QS", season: 4 },
};

/**
 * Forecast: damped-trend exponential smoothing (seasonal when two full seasons are observed), with a
 * residual-based 95% interval. Predictions and bounds are kept inside the observed range widened by half
 * its span, so a short or noisy history cannot produce absurd values.
 */
export function forecastPython(timeColumn: string, valueColumn: string, grain: Grain, horizon: number): string {
  const spec = FREQ[grain];
  return `import numpy as np
import pandas as pd

time_col, value_col, horizon = ${py(timeColumn)}, ${py(valueColumn)}, ${Math.max(1, Math.round(horizon))}
data = df[[time_col, value_col]].dropna().copy()
data[value_col] = pd.to_numeric(data[value_col], errors="coerce").astype(float)
data = data.dropna().sort_values(time_col)
y = data[value_col].to_numpy()
season = ${spec ? spec.season : 0}
method = "linear trend"
try:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
    seasonal = "add" if season > 1 and len(y) >= 2 * season else None
    model = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal=seasonal,
                                 seasonal_periods=season if seasonal else None, initialization_method="estimated")
    fit = model.fit()
    predicted = np.asarray(fit.forecast(horizon), dtype=float)
    residual_sd = float(np.nanstd(y - fit.fittedvalues))
    method = "exponential smoothing" + (" with seasonality" if seasonal else "")
except Exception:
    x = np.arange(len(y))
    slope, intercept = np.polyfit(x, y, 1) if len(y) > 1 else (0.0, float(y[-1]))
    predicted = intercept + slope * np.arange(len(y), len(y) + horizon)
    residual_sd = float(np.nanstd(y - (intercept + slope * x)))
lo, hi = float(np.min(y)), float(np.max(y))
floor_, ceiling = lo - (hi - lo) / 2, hi + (hi - lo) / 2
steps = np.sqrt(np.arange(1, horizon + 1))
forecast = np.clip(predicted, floor_, ceiling)
lower = np.clip(predicted - 1.96 * residual_sd * steps, floor_, ceiling)
upper = np.clip(predicted + 1.96 * residual_sd * steps, floor_, ceiling)
${futureTimes(spec?.freq ?? null)}
result = pd.DataFrame({time_col: future, "forecast": forecast.round(2), "lower": lower.round(2), "upper": upper.round(2)})
result.attrs["method"] = method
`;
}

function futureTimes(freq: string | null): string {
  if (freq === null) {
    return `last = int(float(data[time_col].iloc[-1]))
future = [str(last + k) for k in range(1, horizon + 1)]`;
  }
  const format = freq === "H" ? "%Y-%m-%d %H:00" : "%Y-%m-%d";
  return `last = pd.to_datetime(data[time_col].iloc[-1])
future = [t.strftime(${py(format)}) for t in pd.date_range(last, periods=horizon + 1, freq=${py(freq)})[1:]]`;
}
