"""Known-answer tests for insightx_analytics; run by test/sandbox/analytics.test.ts with Debian's python3."""
import unittest

import numpy as np
import pandas as pd

from insightx_analytics import (
    anomalies,
    compare_groups,
    correlated_factors,
    correlation,
    forecast,
    summary_statistics,
    trend,
)


class CorrelationTest(unittest.TestCase):
    def test_perfect_linear_relation_gives_r_of_one(self):
        out = correlation(pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [3, 5, 7, 9, 11]}), "a", "b")
        self.assertAlmostEqual(out["r"], 1.0)
        self.assertLess(out["p_value"], 1e-6)
        self.assertIn("very strong positive", out["interpretation"])
        self.assertIn("methodology", out)

    def test_spearman_sees_a_monotonic_curve_as_perfect(self):
        x = np.arange(1, 20, dtype=float)
        out = correlation(pd.DataFrame({"x": x, "y": np.exp(x)}), "x", "y", method="spearman")
        self.assertAlmostEqual(out["r"], 1.0)

    def test_factors_are_ranked_by_absolute_correlation(self):
        rng = np.random.default_rng(0)
        t = np.arange(100, dtype=float)
        df = pd.DataFrame({"t": t, "neg": -t, "noise": rng.normal(size=100), "half": t + rng.normal(0, 30, 100), "txt": ["a"] * 100})
        out = correlated_factors(df, "t")
        self.assertEqual([f["column"] for f in out["factors"]], ["neg", "half", "noise"])
        self.assertAlmostEqual(out["factors"][0]["r"], -1.0)


class ForecastTest(unittest.TestCase):
    def test_daily_counts_from_rows_stay_within_the_observed_range(self):
        rng = np.random.default_rng(1)
        days = pd.date_range("2024-01-01", periods=120, freq="D")
        per_day = rng.poisson(200 + 30 * (days.dayofweek < 5))
        flights = pd.DataFrame({"departed": np.repeat(days, per_day) + pd.Timedelta(hours=9)})
        out = forecast(flights, "departed", periods=14)
        self.assertEqual(len(out["values"]), 14)
        self.assertEqual(out["dates"][0], "2024-04-30T00:00:00")
        for value in out["values"]:
            self.assertGreaterEqual(value, per_day.min())
            self.assertLessEqual(value, per_day.max())
        self.assertTrue(all(low <= v <= high for low, v, high in zip(out["lower"], out["values"], out["upper"])))
        self.assertTrue(all(low >= 0 for low in out["lower"]))

    def test_weekly_pattern_is_reproduced(self):
        days = pd.date_range("2024-01-01", periods=70, freq="D")
        pattern = np.array([10, 20, 30, 40, 50, 60, 70], dtype=float)
        out = forecast(pd.DataFrame({"d": days, "v": np.tile(pattern, 10)}), "d", "v", periods=7)
        np.testing.assert_allclose(out["values"], pattern, atol=1.0)

    def test_unbounded_linear_trend_continues_the_line(self):
        days = pd.date_range("2024-01-01", periods=60, freq="D")
        out = forecast(pd.DataFrame({"d": days, "v": 2.0 * np.arange(60) + 5}), "d", "v", periods=3, bound=None)
        np.testing.assert_allclose(out["values"], [125, 127, 129], atol=1.5)

    def test_short_series_falls_back_to_naive(self):
        out = forecast(pd.Series([5.0, 7.0, 6.0], index=pd.date_range("2024-01-01", periods=3)), periods=2)
        self.assertTrue(out["method"].startswith("naive"))
        self.assertEqual(out["values"], [6.0, 6.0])


class AnomaliesTest(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(2)
        values = rng.normal(0, 1, 500)
        values[[10, 200]] = [12.0, -15.0]
        self.df = pd.DataFrame({"v": values})

    def test_zscore_finds_the_planted_outliers_and_reports_its_threshold(self):
        out = anomalies(self.df, "v")
        self.assertEqual(out["indices"], [10, 200])
        self.assertEqual(out["threshold"], 3.0)
        self.assertEqual(len(out["rows"]), 2)

    def test_iqr_uses_tukey_fences(self):
        df = pd.DataFrame({"v": [1, 2, 3, 4, 5, 6, 7, 8, 100]})
        out = anomalies(df, "v", method="iqr")
        self.assertEqual(out["indices"], [8])
        self.assertEqual(out["bounds"], {"lower": -3.0, "upper": 13.0})

    def test_isolation_forest_flags_the_planted_outliers(self):
        out = anomalies(self.df, "v", method="isolation_forest", contamination=0.004)
        self.assertEqual(sorted(out["indices"]), [10, 200])


class SummaryTest(unittest.TestCase):
    def test_describe_missing_share_outliers_and_normality(self):
        rng = np.random.default_rng(3)
        df = pd.DataFrame({"a": [1.0, 2.0, 3.0, None, 100.0], "n": list(rng.normal(size=5)), "s": ["x", "y", "x", None, "x"]})
        out = summary_statistics(df)
        a = out["columns"]["a"]
        self.assertEqual((a["count"], a["mean"], a["median"], a["min"], a["max"]), (4, 26.5, 2.5, 1.0, 100.0))
        self.assertEqual((a["q1"], a["q3"]), (1.75, 27.25))
        self.assertEqual(a["missing_share"], 0.2)
        self.assertEqual(a["outliers"], 1)
        self.assertEqual(out["columns"]["s"]["top"], {"x": 3, "y": 1})

    def test_normality_test_separates_normal_from_skewed_data(self):
        rng = np.random.default_rng(4)
        out = summary_statistics(pd.DataFrame({"normal": rng.normal(size=400), "skewed": rng.exponential(size=400)}))
        self.assertTrue(out["columns"]["normal"]["normality"]["normal"])
        self.assertFalse(out["columns"]["skewed"]["normality"]["normal"])
        self.assertEqual(out["columns"]["normal"]["normality"]["test"], "shapiro")


class TrendTest(unittest.TestCase):
    def test_slope_per_day_and_its_significance(self):
        rng = np.random.default_rng(5)
        days = pd.date_range("2024-01-01", periods=100, freq="D")
        out = trend(pd.DataFrame({"d": days, "v": 3 * np.arange(100) + rng.normal(0, 2, 100)}), "d", "v")
        self.assertAlmostEqual(out["slope"], 3.0, delta=0.05)
        self.assertTrue(out["significant"])
        self.assertEqual(out["slope_unit"], "per day")

    def test_flat_noise_has_no_significant_trend(self):
        rng = np.random.default_rng(6)
        out = trend(pd.DataFrame({"v": rng.normal(size=80)}), value_col="v")
        self.assertFalse(out["significant"])

    def test_a_step_in_the_mean_is_a_change_point(self):
        rng = np.random.default_rng(7)
        values = np.r_[np.zeros(50), np.full(50, 5.0)] + rng.normal(0, 0.5, 100)
        self.assertEqual(trend(pd.DataFrame({"v": values}), value_col="v")["change_points"], [50])


class GroupsTest(unittest.TestCase):
    def test_welch_t_test_and_cohens_d_match_hand_computation(self):
        df = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 5, "v": list(range(1, 11))})
        out = compare_groups(df, "g", "v")
        self.assertEqual(out["test"], "welch_t_test")
        self.assertAlmostEqual(out["statistic"], -5.0)
        self.assertAlmostEqual(out["p_value"], 0.001053, places=5)
        self.assertAlmostEqual(out["effect_size"]["value"], -np.sqrt(10), places=5)

    def test_chi_square_and_cramers_v_match_hand_computation(self):
        df = pd.DataFrame({"g": ["a"] * 30 + ["b"] * 30, "c": ["x"] * 10 + ["y"] * 20 + ["x"] * 20 + ["y"] * 10})
        out = compare_groups(df, "g", "c")
        self.assertEqual(out["test"], "chi_square")
        self.assertAlmostEqual(out["statistic"], 20 / 3, places=5)
        self.assertAlmostEqual(out["effect_size"]["value"], 1 / 3, places=5)

    def test_three_groups_use_anova_with_eta_squared(self):
        df = pd.DataFrame({"g": ["a"] * 3 + ["b"] * 3 + ["c"] * 3, "v": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
        out = compare_groups(df, "g", "v")
        self.assertEqual(out["test"], "one_way_anova")
        self.assertAlmostEqual(out["statistic"], 27.0)
        self.assertAlmostEqual(out["effect_size"]["value"], 54 / 60, places=5)


if __name__ == "__main__":
    unittest.main()
