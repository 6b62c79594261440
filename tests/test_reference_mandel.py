"""The 1,514 forecasts of Mandel & Barnes (2014), scored by `forecast calibration --json`
and again here, independently: straight from the CSV file, in plain Python written another
way (the logistic fit by its profile likelihood, bisection and golden-section search
rather than Newton's method; the slope's variance from the profile's curvature rather than
the information matrix; the AUC by counting every pair). A second check with numpy and
scipy runs where they are installed; they are no dependency of forecastcli.

The file has no briefs. `write_mandel_briefs` writes one brief per kind of forecast that
the file records (experience × difficulty × importance × timeframe: 16 briefs of 18 to
338 forecasts), so "leave one brief out" leaves out one kind at a time.
"""

from __future__ import annotations

import csv
import itertools
import math
from collections import defaultdict
from typing import Any

import pytest

from tests.helpers import run
from tests.test_cli_calibration import MANDEL, write_mandel_briefs

KIND = ("Experience", "Difficulty", "Importance", "Timeframe")

# The figures as published (UNC, RES, REL, so Brier) and as computed here, to 4 places.
REFERENCE = {
    "uncertainty": 0.2404,
    "resolution": 0.1824,
    "reliability": 0.0161,
    "brier": 0.0742,
    "wbv": 0.0,
    "wbc": 0.0,
    "mean_forecast": 0.6037,
    "base_rate": 0.5978,
    "calibration_in_the_large": 0.0059,
    "auc": 0.9403,
    "intercept": -0.0911,
    "slope": 1.2833,
    "slope_low": 1.1580,
    "slope_high": 1.4086,
    "brier_after": 0.0664,
    "brier_after_loo": 0.0670,
}

Rows = list[tuple[float, int, tuple[str, ...]]]  # (p, outcome, kind)


def read() -> Rows:
    if not MANDEL.is_file():
        pytest.skip("the shared reference data is not here")
    with MANDEL.open(encoding="utf-8-sig", newline="") as handle:
        return [
            (float(r["Forecast"]), int(r["Outcome"]), tuple(r[k] for k in KIND))
            for r in csv.DictReader(handle)
        ]


def scored_by_the_tool() -> dict[str, Any]:
    assert write_mandel_briefs(MANDEL) == 1514
    r = run("calibration", "--json", "--as-of", "2026-11-27")
    assert r.code == 0, r.err
    data = r.json()
    flat = {k: v for k, v in data.items() if k not in ("recalibration", "rows", "left_out")}
    flat.update(
        {k: v for k, v in data["recalibration"].items() if k not in ("finding",)},
    )
    return flat | {"finding": data["recalibration"]["finding"], "rows": data["rows"]}


# -- an independent computation, in plain Python ------------------------------------------


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def clipped_logit(p: float) -> float:
    q = min(0.99, max(0.01, p))
    return math.log(q) - math.log(1 - q)


Weighted = list[tuple[float, int, int]]  # (logit of p, outcome, how many forecasts)


def weighted(pairs: list[tuple[float, int]]) -> Weighted:
    """The forecasts as (x, outcome, count): the same sums, far fewer terms."""
    counts: dict[tuple[float, int], int] = defaultdict(int)
    for p, o in pairs:
        counts[(clipped_logit(p), o)] += 1
    return [(x, o, k) for (x, o), k in counts.items()]


def best_intercept(b: float, data: Weighted) -> float:
    """The intercept that, for slope b, expects exactly as many yeses as there were."""
    low, high = -60.0, 60.0
    target = sum(k for _, o, k in data if o)
    for _ in range(200):
        middle = (low + high) / 2
        expected = math.fsum(k * sigmoid(middle + b * x) for x, _, k in data)
        if expected > target:
            high = middle
        else:
            low = middle
        if high - low < 1e-15:
            break
    return (low + high) / 2


def profile(b: float, data: Weighted) -> float:
    a = best_intercept(b, data)
    return math.fsum(
        k * (math.log(sigmoid(a + b * x)) if o else math.log(1 - sigmoid(a + b * x)))
        for x, o, k in data
    )


def independent_fit(pairs: list[tuple[float, int]]) -> tuple[float, float, float]:
    """(a, b, standard error of b) by golden-section search on the profile likelihood."""
    data = weighted(pairs)
    low, high = -5.0, 5.0
    ratio = (math.sqrt(5) - 1) / 2
    c, d = high - ratio * (high - low), low + ratio * (high - low)
    fc, fd = profile(c, data), profile(d, data)
    while high - low > 1e-9:
        if fc > fd:
            high, d, fd = d, c, fc
            c = high - ratio * (high - low)
            fc = profile(c, data)
        else:
            low, c, fc = c, d, fd
            d = low + ratio * (high - low)
            fd = profile(d, data)
    b = (low + high) / 2
    h = 1e-3
    curvature = (profile(b + h, data) - 2 * profile(b, data) + profile(b - h, data)) / h**2
    return best_intercept(b, data), b, math.sqrt(-1 / curvature)


def independent_figures(rows: Rows) -> dict[str, float]:
    n = len(rows)
    base = sum(o for _, o, _ in rows) / n
    groups: dict[float, list[int]] = defaultdict(list)
    for p, o, _ in rows:
        groups[p].append(o)
    reliability = sum(len(g) * (p - sum(g) / len(g)) ** 2 for p, g in groups.items()) / n
    resolution = sum(len(g) * (sum(g) / len(g) - base) ** 2 for g in groups.values()) / n
    yes = [p for p, o, _ in rows if o]
    no = [p for p, o, _ in rows if not o]
    right = sum(1.0 if y > m else 0.5 if y == m else 0.0 for y, m in itertools.product(yes, no))
    pairs = [(p, o) for p, o, _ in rows]
    a, b, se = independent_fit(pairs)
    after = sum((sigmoid(a + b * clipped_logit(p)) - o) ** 2 for p, o in pairs) / n
    kinds: dict[tuple[str, ...], list[tuple[float, int]]] = defaultdict(list)
    for p, o, kind in rows:
        kinds[kind].append((p, o))
    out_of_sample = 0.0
    for kind, held in kinds.items():
        rest = [(p, o) for other, items in kinds.items() if other != kind for p, o in items]
        ka, kb, _ = independent_fit(rest)
        out_of_sample += sum((sigmoid(ka + kb * clipped_logit(p)) - o) ** 2 for p, o in held)
    mean = sum(p for p, _, _ in rows) / n
    return {
        "uncertainty": base * (1 - base),
        "resolution": resolution,
        "reliability": reliability,
        "brier": sum((p - o) ** 2 for p, o, _ in rows) / n,
        "wbv": 0.0,  # every group is one probability
        "wbc": 0.0,
        "mean_forecast": mean,
        "base_rate": base,
        "calibration_in_the_large": mean - base,
        "auc": right / (len(yes) * len(no)),
        "intercept": a,
        "slope": b,
        "slope_low": b - 1.959963984540054 * se,
        "slope_high": b + 1.959963984540054 * se,
        "brier_after": after,
        "brier_after_loo": out_of_sample / n,
    }


def test_the_tool_matches_an_independent_computation() -> None:
    rows = read()
    tool = scored_by_the_tool()
    mine = independent_figures(rows)
    for key, value in mine.items():
        assert tool[key] == pytest.approx(value, abs=1e-6), key
        assert round(value, 4) == pytest.approx(REFERENCE[key], abs=1e-12), key
    # Underconfident, as the paper found, and recalibration helps out of sample.
    assert tool["finding"] == "underconfident"
    assert tool["brier_after_loo"] < tool["brier"]
    # No bare p has a term, so no advice names one; the words-alone score has no forecast.
    assert tool["words_only_brier"] is None
    assert all(row["suggest"] is None for row in tool["rows"])


def test_the_tool_matches_numpy_and_scipy() -> None:
    np = pytest.importorskip("numpy")
    optimize = pytest.importorskip("scipy.optimize")
    stats = pytest.importorskip("scipy.stats")
    rows = read()
    tool = scored_by_the_tool()
    p = np.array([r[0] for r in rows])
    o = np.array([r[1] for r in rows])
    kinds = np.array(["/".join(r[2]) for r in rows])
    x = np.log(np.clip(p, 0.01, 0.99) / (1 - np.clip(p, 0.01, 0.99)))

    def fit(mask: Any) -> Any:
        def loss(theta: Any) -> float:
            z = theta[0] + theta[1] * x[mask]
            return float(np.sum(np.logaddexp(0, z) - o[mask] * z))

        return optimize.minimize(loss, [0.0, 1.0], method="BFGS", options={"gtol": 1e-10}).x

    a, b = fit(np.ones(len(rows), dtype=bool))
    q = 1 / (1 + np.exp(-(a + b * x)))
    design = np.column_stack([np.ones_like(x), x])
    cov = np.linalg.inv(design.T @ (design * (q * (1 - q))[:, None]))
    half = 1.959963984540054 * np.sqrt(cov[1, 1])
    loo = np.empty(len(rows))
    for kind in np.unique(kinds):
        held = kinds == kind
        ka, kb = fit(~held)
        loo[held] = 1 / (1 + np.exp(-(ka + kb * x[held])))
    u = stats.mannwhitneyu(p[o == 1], p[o == 0]).statistic
    expected = {
        "intercept": a,
        "slope": b,
        "slope_low": b - half,
        "slope_high": b + half,
        "brier_after": np.mean((q - o) ** 2),
        "brier_after_loo": np.mean((loo - o) ** 2),
        "auc": u / (o.sum() * (1 - o).sum()),
        "calibration_in_the_large": p.mean() - o.mean(),
    }
    for key, value in expected.items():
        assert tool[key] == pytest.approx(float(value), abs=1e-4), key
