"""Unusual values of one column: z-score, IQR fences or IsolationForest, with the threshold used."""
import numpy as np

from ._common import num, numeric

MAX_ROWS = 100


def anomalies(df, column, method="zscore", threshold=None, contamination="auto", random_state=0):
    values = numeric(df[column])
    present = values.dropna()
    if method == "zscore":
        threshold = 3.0 if threshold is None else float(threshold)
        std = present.std(ddof=0)
        scores = (values - present.mean()) / std if std > 0 else values * 0
        flags = scores.abs() > threshold
        how = f"|z| > {threshold} where z = (value - mean) / standard deviation"
        bounds = {"lower": num(present.mean() - threshold * std), "upper": num(present.mean() + threshold * std)}
    elif method == "iqr":
        threshold = 1.5 if threshold is None else float(threshold)
        q1, q3 = present.quantile(0.25), present.quantile(0.75)
        low, high = q1 - threshold * (q3 - q1), q3 + threshold * (q3 - q1)
        flags = (values < low) | (values > high)
        how = f"outside [Q1 - {threshold}*IQR, Q3 + {threshold}*IQR]"
        bounds = {"lower": num(low), "upper": num(high)}
    elif method == "isolation_forest":
        from sklearn.ensemble import IsolationForest

        model = IsolationForest(contamination=contamination, random_state=random_state)
        labels = model.fit_predict(present.to_numpy().reshape(-1, 1))
        flags = values.copy() * 0 > 1
        flags.loc[present.index] = labels == -1
        threshold = float(model.offset_)
        how = f"IsolationForest (contamination={contamination}) anomaly score below {threshold:.4f}"
        bounds = None
    else:
        raise ValueError("method must be 'zscore', 'iqr' or 'isolation_forest'")
    flags = flags.fillna(False).astype(bool)
    rows = df.loc[flags.to_numpy()]
    count = int(flags.sum())
    share = count / max(len(present), 1)
    return {
        "column": column,
        "method": method,
        "threshold": num(threshold),
        "bounds": bounds,
        "count": count,
        "indices": [int(i) if isinstance(i, (int, np.integer)) else str(i) for i in rows.index[:MAX_ROWS]],
        "rows": rows.head(MAX_ROWS),
        "interpretation": f"{count} of {len(present)} values of {column} ({share:.1%}) are anomalous by {method}.",
        "methodology": f"A value is flagged when it is {how}; missing values are ignored; at most {MAX_ROWS} rows are listed.",
    }
