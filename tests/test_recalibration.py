"""Section 7a's statistics on sets small enough to check by hand, and their invariants."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from forecastcli import recalibration as rc
from forecastcli.recalibration import Z95, auc, fit, recalibrate, tally, why_no_fit


def counts(*groups: tuple[float, int, int]) -> dict[float, tuple[int, int]]:
    """{p: (forecasts, happened)} from (p, forecasts, happened) triples."""
    return {p: (n, yes) for p, n, yes in groups}


# -- tallies and the logit ------------------------------------------------------------------


def test_tally() -> None:
    assert tally([(0.2, 1), (0.2, 0), (0.8, 1)]) == {0.2: (2, 1), 0.8: (1, 1)}


def test_logit_clips_to_one_and_ninety_nine_percent() -> None:
    assert rc.logit(0.5) == 0
    assert rc.logit(0.8) == pytest.approx(math.log(4))
    assert rc.logit(0.0) == rc.logit(0.01) == pytest.approx(-math.log(99))
    assert rc.logit(1.0) == rc.logit(0.99) == pytest.approx(math.log(99))
    # The inverse holds, and far out it saturates rather than overflowing.
    assert rc.expit(math.log(4)) == pytest.approx(0.8)
    assert rc.expit(-1000) == 0.0 and rc.expit(1000) == 1.0


# -- when there is no fit -------------------------------------------------------------------


NO_FIT = [
    (counts((0.2, 9, 2), (0.8, 10, 8)), rc.TOO_FEW),
    (counts((0.2, 10, 10), (0.8, 10, 10)), rc.ONE_OUTCOME),
    (counts((0.2, 10, 0), (0.8, 10, 0)), rc.ONE_OUTCOME),
    (counts((0.7, 20, 14)), rc.ONE_P),
    # 0 and 0.005 are one p once clipped to 1 %.
    (counts((0.0, 10, 3), (0.005, 10, 4)), rc.ONE_P),
    # Every yes above every no (or below): the slope runs off to infinity.
    (counts((0.2, 10, 0), (0.8, 10, 10)), rc.SEPARATED),
    (counts((0.2, 10, 10), (0.8, 10, 0)), rc.SEPARATED),
    # A p that holds both outcomes at the border still separates the rest.
    (counts((0.2, 10, 0), (0.5, 10, 5), (0.8, 10, 10)), rc.SEPARATED),
]


@pytest.mark.parametrize(("data", "reason"), NO_FIT)
def test_no_fit_below_twenty_forecasts_one_outcome_one_p_or_separation(
    data: dict[float, tuple[int, int]], reason: str
) -> None:
    assert why_no_fit(data) == reason
    assert fit(data) is None
    result = recalibrate({"a": data})
    assert (result.fit, result.why_not) == (None, reason)


def test_overlapping_outcomes_have_a_fit() -> None:
    # One no above a yes is enough overlap.
    data = counts((0.2, 10, 0), (0.5, 10, 5), (0.8, 10, 9))
    assert why_no_fit(data) is None
    assert fit(data) is not None


# -- the fit by hand ------------------------------------------------------------------------
#
# With two distinct p's the two-parameter fit reproduces both observed rates exactly, so
# b = (logit r2 − logit r1) / (x2 − x1), and its variance is
# (1/(n1 r1 (1 − r1)) + 1/(n2 r2 (1 − r2))) / (x2 − x1)².


def two_point(p1: float, r1: float, p2: float, r2: float, n: int) -> tuple[float, float, float]:
    x1, x2 = rc.logit(p1), rc.logit(p2)
    slope = (rc.logit(r2) - rc.logit(r1)) / (x2 - x1)
    intercept = rc.logit(r1) - slope * x1
    variance = (1 / (n * r1 * (1 - r1)) + 1 / (n * r2 * (1 - r2))) / (x2 - x1) ** 2
    return intercept, slope, math.sqrt(variance)


@pytest.mark.parametrize(
    ("n", "p", "rate", "finding"),
    [
        (10, 0.2, 0.1, rc.NO_FINDING),  # 20 forecasts: slope 1.58, interval 0.53–2.64
        (100, 0.2, 0.1, rc.UNDERCONFIDENT),  # 20 % happens 10 %, 80 % happens 90 %
        (100, 0.1, 0.2, rc.OVERCONFIDENT),  # 10 % happens 20 %, 90 % happens 80 %
    ],
)
def test_two_probabilities_are_fitted_exactly(n: int, p: float, rate: float, finding: str) -> None:
    data = counts((p, n, round(n * rate)), (1 - p, n, round(n * (1 - rate))))
    fitted = fit(data)
    assert fitted is not None
    intercept, slope, se = two_point(p, rate, 1 - p, 1 - rate, n)
    assert fitted.intercept == pytest.approx(intercept, abs=1e-9)
    assert fitted.slope == pytest.approx(slope, abs=1e-9)
    assert fitted.slope_low == pytest.approx(slope - Z95 * se, abs=1e-9)
    assert fitted.slope_high == pytest.approx(slope + Z95 * se, abs=1e-9)
    assert fitted.finding == finding
    # The fit gives each forecast its group's observed rate, so the Brier score after it
    # is the mean of r(1 − r): 0.09 for rates of 10 % and 90 %, 0.16 for 20 % and 80 %.
    after = rc.squared_error(data, fitted) / (2 * n)
    assert after == pytest.approx(rate * (1 - rate), abs=1e-12)


def test_slope_one_intercept_zero_when_every_p_comes_true_at_its_rate() -> None:
    data = counts((0.2, 50, 10), (0.5, 50, 25), (0.8, 50, 40))
    fitted = fit(data)
    assert fitted is not None
    assert fitted.intercept == pytest.approx(0, abs=1e-12)
    assert fitted.slope == pytest.approx(1, abs=1e-12)
    assert fitted.finding == rc.NO_FINDING
    assert fitted(0.8) == pytest.approx(0.8, abs=1e-12)


def test_forecasts_of_0_and_1_are_fitted_as_1_and_99_percent() -> None:
    extreme = fit(counts((0.0, 30, 3), (1.0, 30, 27)))
    clipped = fit(counts((0.01, 30, 3), (0.99, 30, 27)))
    assert extreme is not None and extreme == clipped


# -- leave one brief out --------------------------------------------------------------------


def test_a_single_brief_has_no_out_of_sample_score() -> None:
    result = recalibrate({"only": counts((0.2, 10, 1), (0.8, 10, 9))})
    assert result.fit is not None
    assert result.brier_after == pytest.approx(0.09)
    assert (result.brier_after_loo, result.why_not_loo) == (None, rc.ONE_BRIEF)


def test_two_identical_briefs_score_the_same_out_of_sample() -> None:
    # Leaving out either brief leaves the other, whose fit is the fit of both.
    brief = counts((0.2, 20, 2), (0.8, 20, 18))
    result = recalibrate({"a": brief, "b": brief})
    assert result.brier_after_loo == pytest.approx(result.brier_after, abs=1e-12)
    assert result.brier_after == pytest.approx(0.09, abs=1e-12)


def test_leave_one_brief_out_by_hand() -> None:
    a = counts((0.2, 20, 2), (0.8, 20, 18))  # rates 10 % and 90 %
    b = counts((0.2, 20, 6), (0.8, 20, 14))  # rates 30 % and 70 %
    result = recalibrate({"a": a, "b": b})
    # Without a the fit is b's rates, and a is scored with them; and the other way round.
    a_scored = 20 * (0.1 * 0.7**2 + 0.9 * 0.3**2) * 2
    b_scored = 20 * (0.3 * 0.9**2 + 0.7 * 0.1**2) * 2
    assert result.brier_after_loo == pytest.approx((a_scored + b_scored) / 80, abs=1e-12)
    # In sample the fit is the pooled rates, 20 % and 80 %.
    assert result.brier_after == pytest.approx(0.16, abs=1e-12)


def test_no_out_of_sample_score_when_a_brief_cannot_be_left_out() -> None:
    big = counts((0.2, 20, 2), (0.8, 20, 18))
    small = counts((0.5, 5, 2))
    result = recalibrate({"big": big, "small": small})
    assert result.fit is not None and result.brier_after is not None
    assert result.brier_after_loo is None
    assert result.why_not_loo == f"without big, {rc.TOO_FEW}"


def test_no_fit_means_no_scores_after_it() -> None:
    result = recalibrate({"a": counts((0.3, 5, 1))})
    assert (result.fit, result.brier_after, result.brier_after_loo) == (None, None, None)
    assert result.why_not == rc.TOO_FEW


# -- discrimination -------------------------------------------------------------------------


def test_auc_by_hand_with_a_tie() -> None:
    # Yes at 0.2 and twice at 0.8; no at 0.2. Pairs (yes, no): two right, one tie.
    assert auc(counts((0.2, 2, 1), (0.8, 2, 2))) == pytest.approx(2.5 / 3)
    assert auc(counts((0.2, 3, 0), (0.8, 3, 3))) == 1.0
    assert auc(counts((0.2, 3, 3), (0.8, 3, 0))) == 0.0
    assert auc(counts((0.5, 4, 2))) == 0.5
    assert auc(counts((0.2, 3, 3))) is None
    assert auc({}) is None


outcomes = st.lists(
    st.tuples(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.6, 0.9, 1.0]), st.integers(0, 1)),
    min_size=1,
    max_size=60,
)


@settings(deadline=None)
@given(outcomes)
def test_auc_is_the_share_of_pairs_ordered_rightly(pairs: list[tuple[float, int]]) -> None:
    yes = [p for p, o in pairs if o]
    no = [p for p, o in pairs if not o]
    found = auc(tally(pairs))
    if not yes or not no:
        assert found is None
        return
    right = sum(1.0 if y > n else 0.5 if y == n else 0.0 for y, n in itertools.product(yes, no))
    assert found == pytest.approx(right / (len(yes) * len(no)), abs=1e-12)


@settings(deadline=None)
@given(outcomes.filter(lambda pairs: len(pairs) >= 20))
def test_the_fit_solves_the_likelihood_equations(pairs: list[tuple[float, int]]) -> None:
    data = tally(pairs)
    assume(why_no_fit(data) is None)
    fitted = fit(data)
    assert fitted is not None
    # At the maximum the gradient is zero: as many yeses expected as seen, overall and
    # weighted by logit(p).
    residuals = [(rc.logit(p), yes - n * fitted(p)) for p, (n, yes) in data.items()]
    assert abs(math.fsum(r for _, r in residuals)) < 1e-7
    assert abs(math.fsum(x * r for x, r in residuals)) < 1e-7
    assert fitted.slope_low < fitted.slope < fitted.slope_high


briefs = st.dictionaries(
    st.sampled_from("abcdefghij"),
    st.lists(
        st.tuples(st.sampled_from([0.0, 0.1, 0.3, 0.5, 0.65, 0.8, 0.975, 1.0]), st.integers(0, 1)),
        min_size=1,
        max_size=40,
    ),
    min_size=2,
    max_size=10,
)


@settings(deadline=None)
@given(briefs)
def test_the_shortcut_leaves_each_brief_out_as_a_full_fit_does(
    drawn: dict[str, list[tuple[float, int]]],
) -> None:
    tallies = {name: tally(pairs) for name, pairs in drawn.items()}
    quick = recalibrate(tallies)
    full = recalibrate(tallies, shortcut=False)
    assert quick.why_not_loo == full.why_not_loo
    if full.brier_after_loo is None:
        assert quick.brier_after_loo is None
    else:
        assert quick.brier_after_loo == pytest.approx(full.brier_after_loo, abs=1e-12)
    # And each brief's "without" is the fit of the others, found from scratch.
    if full.brier_after_loo is not None:
        total = 0.0
        for name, part in tallies.items():
            rest = tally(pair for other, pairs in drawn.items() if other != name for pair in pairs)
            alone = fit(rest)
            assert alone is not None
            total += rc.squared_error(part, alone)
        n = sum(len(pairs) for pairs in drawn.values())
        assert full.brier_after_loo == pytest.approx(total / n, abs=1e-10)


@settings(deadline=None)
@given(briefs)
def test_why_the_rest_has_no_fit_is_what_the_rest_itself_says(
    drawn: dict[str, list[tuple[float, int]]],
) -> None:
    # The quick answer for "the whole set without one brief" (taken from the whole set's
    # extremes, and at once when the brief holds none of them) against the rest's own.
    every = tally(pair for pairs in drawn.values() for pair in pairs)
    without = rc._Without(rc._points(every))
    for name, pairs in drawn.items():
        rest = tally(pair for other, more in drawn.items() if other != name for pair in more)
        assert without.why_not(rc._points(tally(pairs))) == why_no_fit(rest)


def test_the_shortcut_is_taken_for_small_briefs(monkeypatch: pytest.MonkeyPatch) -> None:
    # 400 briefs of five forecasts: each moves the fit a little, within the series'
    # reach, so only the whole set is fitted in full; the answer is the full fits' still.
    tallies = {
        f"b{i}": tally([(0.3, int(i % 3 == 0)), (0.3, 0), (0.65, 1), (0.65, i % 2), (0.9, 1)])
        for i in range(400)
    }
    full = recalibrate(tallies, shortcut=False)
    calls = []
    solve = rc._solve

    def counted(*args: Any) -> Any:
        calls.append(args)
        return solve(*args)

    monkeypatch.setattr(rc, "_solve", counted)
    quick = recalibrate(tallies)
    assert len(calls) == 1
    assert full.brier_after_loo is not None
    assert quick.brier_after_loo == pytest.approx(full.brier_after_loo, abs=1e-13)
    # One brief of half the forecasts is beyond the series' reach: it is fitted in full.
    tallies["big"] = tally([(0.3, 0)] * 1500 + [(0.65, 1)] * 500 + [(0.9, 1)] * 500)
    full = recalibrate(tallies, shortcut=False)
    calls.clear()
    quick = recalibrate(tallies)
    assert len(calls) == 2  # the whole set, and the rest without the big brief
    assert full.brier_after_loo is not None
    assert quick.brier_after_loo == pytest.approx(full.brier_after_loo, abs=1e-13)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_brief_of_a_large_set_is_left_out_as_a_full_fit_does(seed: int) -> None:
    # 2,000 briefs of up to eight forecasts, each happening about as often as it says: each
    # brief moves the fit a little, so its error comes from the series around the whole
    # set's fit (error_near), and must be the error under the others' fit found in full.
    import random

    rng = random.Random(seed)
    ps = [0.05, 0.15, 0.3, 0.5, 0.65, 0.85, 0.975]
    drawn = [
        [(p, int(rng.random() < p)) for p in rng.choices(ps, k=rng.randint(1, 8))]
        for _ in range(2000)
    ]
    every = tally(pair for pairs in drawn for pair in pairs)
    assert rc.why_no_fit(every) is None
    whole = rc._points(every)
    fitted = rc._solve(whole, (0.0, 0.0))
    assert fitted is not None
    without = rc._Without(whole)
    without.expand(fitted.intercept, fitted.slope)
    near = 0
    for pairs in drawn:
        points = rc._points(tally(pairs))
        assert without.why_not(points) is None
        quick = without.error_near(points)
        if quick is None:
            continue
        near += 1
        exact = rc._solve(rc._subtract(whole, points), (fitted.intercept, fitted.slope))
        assert exact is not None
        assert quick == pytest.approx(
            rc._squared_error(points, exact.intercept, exact.slope), rel=1e-12, abs=1e-13
        )
    assert near > len(drawn) // 2  # most briefs are near enough


@pytest.mark.parametrize("seed", [4, 5])
def test_the_kinds_of_a_large_set_are_left_out_at_once_as_full_fits_do(seed: int) -> None:
    # `errors_near` takes every kind of brief in one pass, each forecast one row: each
    # kind's error must be the error under the others' fit found in full, and the kinds
    # it leaves to the one-by-one path must be those that hold one of the whole set's
    # extreme points (whose rest might have no fit) or that the series does not reach.
    import random

    rng = random.Random(seed)
    # The ends are rare, as in an archive: few briefs hold the whole set's extremes.
    ps = [0.001, 0.005, 0.03, 0.15, 0.3, 0.5, 0.65, 0.85, 0.975]
    weights = [1, 1, 3, 40, 40, 40, 40, 40, 2]
    tallies = {
        f"b{i:04}": tally(
            (p, int(rng.random() < p)) for p in rng.choices(ps, weights, k=rng.randint(1, 8))
        )
        for i in range(2000)
    }
    briefs = rc.grouped(tallies)
    every = tally(
        (p, happened) for part in tallies.values() for p, (n, yes) in part.items()
        for happened in [1] * yes + [0] * (n - yes)
    )  # fmt: skip
    logits: dict[float, float] = {}
    whole = rc._points(every, logits)
    assert len(whole) == len(ps) - 1  # 0.001 and 0.005 clip to one point
    fitted = rc._solve(whole, (0.0, 0.0))
    assert fitted is not None
    without = rc._Without(whole)
    without.expand(fitted.intercept, fitted.slope)
    found = without.errors_near(briefs, logits)
    ends = {without.yes[0], without.yes[-1], without.no[0], without.no[-1]}
    for k in range(len(briefs.forecasts)):
        points = rc._points(briefs.tally(k))
        if k not in found:
            assert ends & set(points) or without.error_near(points) is None
            continue
        exact = rc._solve(rc._subtract(whole, points), (fitted.intercept, fitted.slope))
        assert exact is not None
        assert found[k] == pytest.approx(
            rc._squared_error(points, exact.intercept, exact.slope), rel=1e-12, abs=1e-13
        )
    assert len(found) > len(briefs.forecasts) // 4  # the others: beyond the series' reach
    # And the score out of sample is the one of the full fits.
    full = recalibrate(tallies, shortcut=False)
    assert full.brier_after_loo is not None
    assert recalibrate(briefs, by_p=every).brier_after_loo == pytest.approx(
        full.brier_after_loo, abs=1e-13
    )
