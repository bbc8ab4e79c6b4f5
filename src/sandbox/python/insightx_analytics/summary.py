"""Summary statistics per column: describe, missing shares, IQR outliers and a normality test."""
import pandas as pd
from scipy import stats

from ._common import num


def _numeric_summary(series):
    present = series.dropna().astype(float)
    q1, q3 = (present.quantile(0.25), present.quantile(0.75)) if len(present) else (None, None)
    outliers = 0
    if len(present):
        iqr = q3 - q1
        outliers = int(((present < q1 - 1.5 * iqr) | (present > q3 + 1.5 * iqr)).sum())
    normality = None
    if 8 <= len(present) and present.std() > 0:
        if len(present) <= 5000:
            stat, p = stats.shapiro(present)
            test = "shapiro"
        else:
            stat, p = stats.normaltest(present)
            test = "dagostino"
        normality = {"test": test, "statistic": num(stat), "p_value": num(p, 12), "normal": bool(p >= 0.05)}
    return {
        "count": int(len(present)),
        "mean": num(present.mean()) if len(present) else None,
        "std": num(present.std()) if len(present) > 1 else None,
        "min": num(present.min()) if len(present) else None,
        "q1": num(q1),
        "median": num(present.median()) if len(present) else None,
        "q3": num(q3),
        "max": num(present.max()) if len(present) else None,
        "outliers": outliers,
        "normality": normality,
    }


def _other_summary(series):
    present = series.dropna()
    top = present.astype(str).value_counts().head(5)
    return {"count": int(len(present)), "unique": int(present.nunique()), "top": {str(k): int(v) for k, v in top.items()}}


def summary_statistics(df, columns=None):
    columns = list(df.columns if columns is None else columns)
    out = {}
    notes = []
    for column in columns:
        series = df[column]
        numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        entry = _numeric_summary(series) if numeric else _other_summary(series)
        entry["missing"] = int(series.isna().sum())
        entry["missing_share"] = num(series.isna().mean() if len(series) else 0.0)
        out[str(column)] = entry
        if entry["missing_share"]:
            notes.append(f"{column} is {entry['missing_share']:.1%} missing")
        if numeric and entry.get("outliers"):
            notes.append(f"{column} has {entry['outliers']} outliers")
    text = f"{len(df)} rows, {len(columns)} columns summarised." + (" " + "; ".join(notes) + "." if notes else " No missing values or outliers.")
    return {
        "rows": int(len(df)),
        "columns": out,
        "interpretation": text,
        "methodology": "Count, mean, standard deviation (n-1), quartiles, min and max of present values; outliers are outside "
        "1.5*IQR of the quartiles; normality by Shapiro-Wilk (n <= 5000) or D'Agostino-Pearson, normal when p >= 0.05; "
        "text columns report distinct values and the five most frequent.",
    }
