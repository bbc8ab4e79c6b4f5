"""Analytics helpers for generated code: each returns a JSON-friendly dict with `interpretation`
and `methodology` so the answer can explain how a number was computed."""
