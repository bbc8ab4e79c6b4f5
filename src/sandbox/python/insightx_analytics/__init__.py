"""Analytics helpers for generated code: each returns a JSON-friendly dict with `interpretation`
and `methodology` so the answer can explain how a number was computed."""
from .anomalies import anomalies
from .correlation import correlated_factors, correlation
from .forecast import forecast
from .groups import compare_groups
from .summary import summary_statistics
from .trend import trend

__all__ = [
    "anomalies",
    "compare_groups",
    "correlated_factors",
    "correlation",
    "forecast",
    "summary_statistics",
    "trend",
]
