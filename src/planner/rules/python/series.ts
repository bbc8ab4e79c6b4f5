// Python for SQL_THEN_PY plans: flags anomalies or forecasts a series in `df` (the SQL result) and sets `result`.
// Only the branch that applies to the plan is written, since people read this code under "Show SQL & code".
import type { Grain } from "../intent.js";

const py = (text: string) => JSON.stringify(text);

const flagRows = (expected: string) => `mask = z.abs() >= 3
flagged = df[mask].copy()
flagged["expected"] = ${expected}
flagged["z_score"] = z[mask].round(2)
flagged = flagged.reindex(flagged["z_score"].abs().sort_values(ascending=False).index)
result = flagged.head(50).reset_index(drop=True)`;

/**
 * Anomalies. A series (`ordered`): each value's distance from a centred rolling median (its own recent level),
 * in standard deviations of those distances. Rows: the distance from the whole table's mean in its standard
 * deviations (SQL sends mean_all/std_all along with the most extreme rows). |z| >= 3 is flagged.
 */
export function anomaliesPython(valueColumn: string, ordered: boolean): string {
  const head = `import pandas as pd

value_col = ${py(valueColumn)}
values = pd.to_numeric(df[value_col], errors="coerce").astype(float)
`;
  const body = ordered
    ? `# Each period is compared with its own recent level: a centred rolling median
# (the overall median when the series is too short for a window).
if len(values) >= 20:
    window = int(min(31, max(5, len(values) // 20))) | 1
    expected = values.rolling(window, center=True, min_periods=1).median()
else:
    expected = pd.Series(values.median(), index=values.index)
scale = (values - expected).std()
`
    : `# SQL sent the most extreme rows along with the whole table's mean and standard deviation.
expected = float(df["mean_all"].iloc[0])
scale = float(df["std_all"].iloc[0])
df = df.drop(columns=["mean_all", "std_all"])
`;
  return `${head}${body}if pd.isna(scale) or scale == 0:
    scale = 1.0
z = (values - expected) / scale

# Flag values at least 3 standard deviations away, most extreme first.
${flagRows(ordered ? "expected[mask].round(4)" : "round(expected, 4)")}
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
  const toDates =
    grain === "year"
      ? `# Years arrive as numbers: each becomes the first day of its year.
data[time_col] = pd.to_datetime(data[time_col].astype(str).str.slice(0, 4) + "-01-01")`
      : "data[time_col] = pd.to_datetime(data[time_col])";
  return `import pandas as pd
from insightx_analytics import forecast

time_col, value_col, horizon = ${py(timeColumn)}, ${py(valueColumn)}, ${Math.max(1, Math.round(horizon))}
data = df[[time_col, value_col]].dropna().copy()
${toDates}
out = forecast(data, date_col=time_col, value_col=value_col, periods=horizon, freq=${py(freq)})

# One row per future period, its date cut to the grain, with the 95% interval.
result = pd.DataFrame({
    time_col: [${grain === "hour" ? `d[:${width}].replace("T", " ")` : `d[:${width}]`} for d in out["dates"]],
    "forecast": [round(v, 2) for v in out["values"]],
    "lower": [round(v, 2) for v in out["lower"]],
    "upper": [round(v, 2) for v in out["upper"]],
})
`;
}
