"""Compare groups: Welch's t-test (two groups) or ANOVA (more) for numbers, chi-square for categories."""
import numpy as np
import pandas as pd
from scipy import stats

from ._common import num


def _numeric(df, group_col, value_col, names):
    samples = [pd.to_numeric(df.loc[df[group_col] == g, value_col], errors="coerce").dropna().to_numpy(float) for g in names]
    means = {str(g): num(s.mean()) for g, s in zip(names, samples)}
    if len(samples) == 2:
        a, b = samples
        t, p = stats.ttest_ind(a, b, equal_var=False)
        pooled = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2))
        d = (a.mean() - b.mean()) / pooled if pooled > 0 else float("nan")
        return "welch_t_test", t, p, "cohens_d", d, means
    f, p = stats.f_oneway(*samples)
    values = np.concatenate(samples)
    between = sum(len(s) * (s.mean() - values.mean()) ** 2 for s in samples)
    eta = between / ((values - values.mean()) ** 2).sum()
    return "one_way_anova", f, p, "eta_squared", eta, means


def compare_groups(df, group_col, value_col, groups=None):
    names = list(groups) if groups is not None else list(pd.Series(df[group_col].dropna().unique()))
    if len(names) < 2:
        raise ValueError(f"need at least two groups in {group_col}")
    subset = df[df[group_col].isin(names)]
    numeric = pd.api.types.is_numeric_dtype(subset[value_col]) and not pd.api.types.is_bool_dtype(subset[value_col])
    if numeric:
        test, statistic, p, effect_name, effect, means = _numeric(subset, group_col, value_col, names)
        detail = {"means": means}
    else:
        table = pd.crosstab(subset[group_col], subset[value_col])
        statistic, p, dof, _ = stats.chi2_contingency(table, correction=False)
        effect = np.sqrt(statistic / (table.to_numpy().sum() * (min(table.shape) - 1)))
        test, effect_name = "chi_square", "cramers_v"
        detail = {"degrees_of_freedom": int(dof), "table": {str(k): {str(c): int(v) for c, v in row.items()} for k, row in table.iterrows()}}
    significant = bool(p < 0.05)
    text = (
        f"{value_col} {'differs' if significant else 'does not differ significantly'} between the {group_col} groups "
        f"({test.replace('_', ' ')}, p = {p:.3g}; {effect_name.replace('_', ' ')} = {effect:.2f})."
    )
    return {
        "test": test,
        "statistic": num(statistic),
        "p_value": num(p, 12),
        "significant": significant,
        "effect_size": {"name": effect_name, "value": num(effect)},
        "groups": [str(g) for g in names],
        **detail,
        "interpretation": text,
        "methodology": "Numbers: Welch's t-test with Cohen's d (pooled SD) for two groups, one-way ANOVA with eta squared for more; "
        "categories: Pearson chi-square test of independence (no continuity correction) with Cramér's V. Significant when p < 0.05.",
    }
