// Python for SQL_THEN_PY plans: flags anomalies or forecasts a series in `df` (the SQL result) and sets `result`.
import type { Grain } from "./types.js";

const py = (text: string) => JSON.stringify(text);

/**
 * Anomalies. A series: each value's distance from a centred rolling median (its own recent level), in
 * standard deviations of those distances. Rows: the distance from the whole table's mean in its standard
 * deviations (SQL sends mean_all/std_all along with the most extreme rows). |z| >= 3 is flagged.
 */
export function anomaliesPython(valueColumn: string, ordered: boolean): string {
  return `import numpy as np
import pandas as pd

value_col = ${py(valueColumn)}
values = pd.to_numeric(df[value_col], errors="coerce").astype(float)
if "mean_all" in df.columns:
    baseline = pd.Series(float(df["mean_all"].iloc[0]), index=values.index)
    scale = float(df["std_all"].iloc[0]) if pd.notna(df["std_all"].iloc[0]) else 0.0
    df = df.drop(columns=["mean_all", "std_all"])
else:
    if ${ordered ? "True" : "False"} and len(values) >= 20:
        window = int(min(31, max(5, len(values) // 20))) | 1
        baseline = values.rolling(window, center=True, min_periods=1).median()
    else:
        baseline = pd.Series(values.median(), index=values.index)
    scale = (values - baseline).std()
deviation = values - baseline
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

const FREQ: Partial<Record<Grain, string>> = {
  hour: "H",
  day: "D",
  week: "W-MON",
  month: "MS",
  quarter: "QS",
  year: "YS",
};
const SHOWN: Partial<Record<Grain, number>> = { hour: 16, year: 4 };

/**
 * Forecast with the sandbox's analytics helper (exponential smoothing chosen by AIC, predictions kept
 * inside the observed range, a 95% interval); integer year keys become dates first. The result is a table:
 * period, forecast, lower, upper.
 */
export function forecastPython(timeColumn: string, valueColumn: string, grain: Grain, horizon: number): string {
  const freq = FREQ[grain] ?? "D";
  const width = SHOWN[grain] ?? 10;
  return `import pandas as pd
from insightx_analytics import forecast

time_col, value_col, horizon = ${py(timeColumn)}, ${py(valueColumn)}, ${Math.max(1, Math.round(horizon))}
data = df[[time_col, value_col]].dropna().copy()
if not pd.api.types.is_datetime64_any_dtype(data[time_col]):
    text = data[time_col].astype(str)
    data[time_col] = pd.to_datetime(text.str.slice(0, 4) + "-01-01" if ${grain === "year" ? "True" : "False"} else text)
out = forecast(data, date_col=time_col, value_col=value_col, periods=horizon, freq=${py(freq)})
result = pd.DataFrame({
    time_col: [d[:${width}].replace("T", " ") for d in out["dates"]],
    "forecast": [round(v, 2) for v in out["values"]],
    "lower": [round(v, 2) for v in out["lower"]],
    "upper": [round(v, 2) for v in out["upper"]],
})
`;
}
