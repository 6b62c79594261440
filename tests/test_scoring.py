"""Scoring: Wilson intervals, verdicts at their edges, groups, left-out counts, Murphy's parts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastcli import breakdown, records, scoring, status
from forecastcli.model import Brief, Forecast, Outcome, Resolution
from forecastcli.scales import Scale, Term, built_in_scales
from forecastcli.scoring import (
    CONSISTENT,
    IN_BAND,
    LESS_OFTEN,
    MORE_OFTEN,
    Z95,
    calibrate,
    verdict,
    wilson,
)
from forecastcli.windows import Window

PHIA = built_in_scales()["phia"]
AS_OF = dt.date(2026, 11, 27)
CLOSED = dt.date(2026, 1, 31)
EARLY = dt.date(2026, 6, 1)

# (term or None, own p or None, outcome or None, closes)
Item = tuple[str | None, float | None, str | None, dt.date]


def make_brief(
    items: list[Item],
    brief_id: str = "b",
    scale: Scale = PHIA,
    tags: tuple[str, ...] = (),
    authors: tuple[str, ...] = (),
    confidence: str | None = None,
    horizon: str | None = None,
) -> Brief:
    forecasts, resolutions = [], []
    for i, (term, p, outcome, closes) in enumerate(items):
        found = scale.term(term) if term else None
        forecasts.append(
            Forecast(
                brief_id,
                f"f{i}",
                "S",
                found,
                p,
                horizon,
                Window(dt.date(2025, 1, 1), closes),
                confidence=confidence,
            )
        )
        if outcome is not None:
            # An outcome known before the as-of day, even for a window still open.
            resolutions.append(Resolution(f"f{i}", Outcome(outcome), min(closes, EARLY)))
    return Brief(
        brief_id,
        f"{brief_id}.yaml",
        f"{brief_id}.yaml",
        "T",
        dt.date(2025, 1, 1),
        scale,
        authors=authors,
        tags=tags,
        forecasts=tuple(forecasts),
        resolutions=tuple(resolutions),
    )


def states_of(*briefs: Brief, as_of: dt.date = AS_OF) -> list[status.State]:
    return status.states(list(briefs), as_of)


# -- Wilson ---------------------------------------------------------------------------------


def test_wilson_matches_newcombe_1998() -> None:
    # Newcombe, "Two-sided confidence intervals for the single proportion" (1998), table I,
    # the score method without continuity correction, to 4 decimals.
    published = {
        (81, 263): (0.2553, 0.3662),
        (15, 148): (0.0624, 0.1605),
        (0, 20): (0.0, 0.1611),
        (1, 29): (0.0061, 0.1718),
    }
    for (happened, n), expected in published.items():
        interval = wilson(happened, n)
        assert interval is not None
        assert (round(interval[0], 4), round(interval[1], 4)) == expected


def test_wilson_closed_forms() -> None:
    # One out of one: the lower bound is 1 / (1 + z²), the upper bound 1.
    assert wilson(1, 1) == pytest.approx((1 / (1 + Z95**2), 1.0), abs=1e-15)
    # Half of 4: centred on 1/2 with half-width z/(1 + z²/4) · sqrt(1/16 + z²/64).
    half = Z95 / (1 + Z95**2 / 4) * math.sqrt(1 / 16 + Z95**2 / 64)
    low, high = wilson(2, 4) or (0.0, 0.0)
    assert low == pytest.approx(0.5 - half, abs=1e-15)
    assert high == pytest.approx(0.5 + half, abs=1e-15)
    assert wilson(0, 0) is None


@settings(deadline=None)  # a slow machine is no failure: these tests are not timed
@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_holds_the_rate_and_stays_in_0_1(case: tuple[int, int]) -> None:
    happened, n = case
    interval = wilson(happened, n)
    assert interval is not None
    assert 0.0 <= interval[0] <= happened / n <= interval[1] <= 1.0


# -- verdicts -------------------------------------------------------------------------------


def test_verdict_in_band_includes_both_edges() -> None:
    assert verdict(0.55, (0.30, 0.78), 0.55, 0.75) == IN_BAND
    assert verdict(0.75, (0.50, 0.90), 0.55, 0.75) == IN_BAND
    # 11 of 20 is the band's low edge exactly, though computed another way.
    assert verdict(11 / 20, (0.3, 0.8), 55 / 100, 0.75) == IN_BAND


def test_verdict_consistent_when_the_interval_touches_the_band() -> None:
    assert verdict(0.50, (0.30, 0.55), 0.55, 0.75) == CONSISTENT
    assert verdict(0.80, (0.75, 0.95), 0.55, 0.75) == CONSISTENT
    assert verdict(0.5499, (0.40, 0.60), 0.55, 0.75) == CONSISTENT


def test_verdict_more_or_less_often_when_the_interval_misses_the_band() -> None:
    assert verdict(0.50, (0.30, 0.5499), 0.55, 0.75) == LESS_OFTEN
    assert verdict(0.80, (0.7501, 0.95), 0.55, 0.75) == MORE_OFTEN
    # A bare p is a band of one point.
    assert verdict(0.30, (0.30, 0.30), 0.30, 0.30) == IN_BAND
    assert verdict(0.40, (0.31, 0.50), 0.30, 0.30) == MORE_OFTEN


def test_row_verdicts_from_counts() -> None:
    items: list[Item] = [("likely", None, "no", CLOSED)] * 10
    items += [("unlikely", None, "yes", CLOSED)] * 10
    c = calibrate(states_of(make_brief(items)), AS_OF)
    found = {r.term: (r.n, r.happened, r.verdict) for r in c.rows}
    # 0 of 10 has an upper bound of 0.2775, below 55 %; 10 of 10 a lower bound of 0.7225.
    assert found == {"likely": (10, 0, LESS_OFTEN), "unlikely": (10, 10, MORE_OFTEN)}


def test_leaning_is_the_distance_from_50_percent() -> None:
    # A band above 50 %: less often is overconfident, more often underconfident.
    assert scoring.leaning(LESS_OFTEN, 0.55, 0.75) == scoring.OVERCONFIDENT
    assert scoring.leaning(MORE_OFTEN, 0.55, 0.75) == scoring.UNDERCONFIDENT
    # Below 50 %: the other way round.
    assert scoring.leaning(MORE_OFTEN, 0.25, 0.35) == scoring.OVERCONFIDENT
    assert scoring.leaning(LESS_OFTEN, 0.0, 0.0) == scoring.UNDERCONFIDENT
    # A band that holds 50 %, at its edge or inside, is neither.
    for low, high in ((0.45, 0.55), (0.5, 0.5), (0.4, 0.5), (0.5, 0.6)):
        assert scoring.leaning(LESS_OFTEN, low, high) is None
        assert scoring.leaning(MORE_OFTEN, low, high) is None
    # A bin holds its low edge only: 0.5 is in 50–60 %, so 40–50 % lies below 50 %.
    assert scoring.leaning(MORE_OFTEN, 0.4, 0.5, binned=True) == scoring.OVERCONFIDENT
    assert scoring.leaning(MORE_OFTEN, 0.5, 0.6, binned=True) is None
    # Only a miss leans.
    assert scoring.leaning(IN_BAND, 0.55, 0.75) is None
    assert scoring.leaning(CONSISTENT, 0.55, 0.75) is None
    assert scoring.leaning(None, 0.55, 0.75) is None


# -- advice ---------------------------------------------------------------------------------


KENT = built_in_scales()["kent"]


def term(scale: Scale, name: str) -> Term:
    found = scale.term(name)
    assert found is not None
    return found


def test_suggestion_is_the_term_whose_band_holds_the_rate() -> None:
    likely = term(PHIA, "likely")
    assert scoring.suggestion(likely, PHIA, 0.95, MORE_OFTEN) == term(PHIA, "almost certain")
    assert scoring.suggestion(likely, PHIA, 0.3, LESS_OFTEN) == term(PHIA, "unlikely")
    # Only a miss gets advice.
    assert scoring.suggestion(likely, PHIA, 0.95, CONSISTENT) is None
    assert scoring.suggestion(likely, PHIA, 0.6, IN_BAND) is None


def test_suggestion_in_a_gap_is_the_nearest_band_that_way() -> None:
    likely = term(PHIA, "likely")
    # 92 % lies between "highly likely" (80–90) and "almost certain" (95–100): 2 points
    # from the first, 3 from the second.
    assert scoring.suggestion(likely, PHIA, 0.92, MORE_OFTEN) == term(PHIA, "highly likely")
    assert scoring.suggestion(likely, PHIA, 0.94, MORE_OFTEN) == term(PHIA, "almost certain")
    # 52 % is nearer "likely" itself (55) than "realistic possibility" (50), but the advice
    # is a term that says less: the nearest of those.
    assert scoring.suggestion(likely, PHIA, 0.535, LESS_OFTEN) == term(
        PHIA, "realistic possibility"
    )
    # Equally near two bands (52.5 %: 50 and 55): the one whose point is nearer wins,
    # "realistic possibility" (45) over "likely" (65).
    remote = term(PHIA, "remote chance")
    assert scoring.suggestion(remote, PHIA, 0.525, MORE_OFTEN) == term(
        PHIA, "realistic possibility"
    )


def test_no_suggestion_past_the_end_of_the_scale() -> None:
    certain = term(KENT, "certain")
    assert scoring.suggestion(certain, KENT, 1.0, MORE_OFTEN) is None
    assert scoring.suggestion(certain, KENT, 0.9, LESS_OFTEN) == term(KENT, "almost certain")
    # Kent's "probable" (63–87) and "almost certain" (87–99) share 87 %: the nearer point.
    probable = term(KENT, "probable")
    assert scoring.suggestion(probable, KENT, 0.995, MORE_OFTEN) == term(KENT, "certain")


def test_rows_carry_their_suggestion() -> None:
    items: list[Item] = [("likely", None, "yes", CLOSED)] * 19
    items += [("likely", None, "no", CLOSED)]
    items += [("unlikely", None, "no", CLOSED)] * 3
    c = calibrate(states_of(make_brief(items)), AS_OF)
    found = {r.term: (r.verdict, r.suggest) for r in c.rows}
    assert found == {
        "likely": (MORE_OFTEN, "almost certain"),  # 19 of 20: 95 %, interval 76–99 %
        "unlikely": (CONSISTENT, None),
    }


# -- groups and left-out forecasts ----------------------------------------------------------


def test_groups_are_one_per_term_and_one_per_bare_probability() -> None:
    items: list[Item] = [
        ("likely", None, "yes", CLOSED),
        ("likely", None, "no", CLOSED),
        ("likely", 0.6, "yes", CLOSED),  # an own p joins its term's group
        ("likely", 0.65, "no", CLOSED),
        (None, 0.3, "no", CLOSED),
        (None, 0.3, "yes", CLOSED),
    ]
    c = calibrate(states_of(make_brief(items)), AS_OF)
    rows = [(r.scale, r.term, r.low, r.high, r.point, r.n, r.happened) for r in c.rows]
    # The term's row shows the mean p used: (0.65 + 0.65 + 0.6 + 0.65) / 4.
    assert rows == [
        ("phia", "likely", 0.55, 0.75, pytest.approx(0.6375, abs=1e-15), 4, 2),
        (None, None, 0.3, 0.3, 0.3, 2, 1),
    ]
    assert c.n == 6 and c.happened == 3
    assert not c.approximate
    # The unused terms of the scale in play are listed with n = 0, for the whole scale.
    assert [r.term for r in c.table] == [
        "remote chance",
        "highly unlikely",
        "unlikely",
        "realistic possibility",
        "likely",
        "highly likely",
        "almost certain",
        None,
    ]
    assert all(r.n == 0 and r.verdict is None and r.interval is None for r in c.unused)


def test_bare_probabilities_alone_bring_no_scale_into_play() -> None:
    c = calibrate(states_of(make_brief([(None, 0.1, "no", CLOSED)])), AS_OF)
    assert c.unused == ()
    assert c.scales == []


def test_left_out_ambiguous_void_and_open_are_counted_once() -> None:
    later = dt.date(2027, 3, 1)
    items: list[Item] = [
        ("likely", None, "yes", CLOSED),  # scored
        ("likely", None, "ambiguous", CLOSED),
        ("likely", None, "void", CLOSED),
        ("likely", None, None, CLOSED),  # due, awaiting an outcome
        ("likely", None, "yes", later),  # resolved early: its window is still open
        ("likely", None, None, later),  # open, nothing recorded
        ("likely", None, "void", later),  # void wins over open: it is never scored
    ]
    states = states_of(make_brief(items))
    c = calibrate(states, AS_OF)
    assert c.n == 1
    assert c.left_out == scoring.LeftOut(ambiguous=1, void=2, open=3, awaiting=1)
    assert c.n + c.left_out.total == len(items)
    # --include-open scores the early yes; the open forecast without an outcome stays out.
    c = calibrate(states, AS_OF, include_open=True)
    assert c.n == 2
    assert c.left_out == scoring.LeftOut(ambiguous=1, void=2, open=2, awaiting=1)


def test_only_resolutions_recorded_by_the_as_of_day_count() -> None:
    brief = make_brief([("likely", None, None, CLOSED)])
    entry = Resolution("f0", Outcome.YES, CLOSED, recorded=dt.datetime(2026, 6, 1, 9, 0))
    brief = dataclasses.replace(brief, resolutions=(entry,))
    day = dt.date(2026, 5, 31)
    before = calibrate(status.states([brief], day), day)
    assert (before.n, before.left_out.awaiting) == (0, 1)
    after = calibrate(status.states([brief], AS_OF), AS_OF)
    assert after.n == 1


def test_an_empty_selection_has_no_scores() -> None:
    c = calibrate([], AS_OF)
    assert (c.n, c.brier, c.base_rate, c.uncertainty, c.skill) == (0, None, None, None, None)
    assert c.rows == c.unused == ()


def test_more_than_twelve_bare_probabilities_are_binned() -> None:
    values = [i / 100 for i in range(5, 70, 5)]  # 13 values: 0.05 ... 0.65
    items: list[Item] = [(None, p, "yes" if i % 2 else "no", CLOSED) for i, p in enumerate(values)]
    c = calibrate(states_of(make_brief(items)), AS_OF)
    assert c.approximate
    bins = [(r.low, r.high, r.n) for r in c.rows]
    assert bins == [
        (0.0, 0.1, 1),
        (0.1, 0.2, 2),
        (0.2, 0.3, 2),
        (0.3, 0.4, 2),
        (0.4, 0.5, 2),
        (0.5, 0.6, 2),
        (0.6, 0.7, 2),
    ]
    # A bin is scored at the mean probability of its forecasts.
    assert c.rows[1].point == pytest.approx(0.125)
    # Twelve values stay exact.
    c = calibrate(states_of(make_brief(items[:12])), AS_OF)
    assert not c.approximate
    assert len(c.rows) == 12


def test_the_brier_score_and_its_parts_by_hand() -> None:
    # likely (0.65): 1 of 2 happened; p 0.1: 0 of 2.  N 4, base rate 1/4.
    items: list[Item] = [
        ("likely", None, "yes", CLOSED),
        ("likely", None, "no", CLOSED),
        (None, 0.1, "no", CLOSED),
        (None, 0.1, "no", CLOSED),
    ]
    c = calibrate(states_of(make_brief(items)), AS_OF)
    brier = (0.35**2 + 0.65**2 + 0.1**2 + 0.1**2) / 4
    reliability = (2 * (0.65 - 0.5) ** 2 + 2 * 0.1**2) / 4
    resolution = (2 * (0.5 - 0.25) ** 2 + 2 * 0.25**2) / 4
    assert c.brier == pytest.approx(brier, abs=1e-15)
    assert c.reliability == pytest.approx(reliability, abs=1e-15)
    assert c.resolution == pytest.approx(resolution, abs=1e-15)
    assert c.uncertainty == pytest.approx(0.1875, abs=1e-15)
    assert c.skill == pytest.approx(1 - brier / 0.1875)
    assert c.always_half == 0.25


def test_skill_is_none_when_every_outcome_is_the_same() -> None:
    c = calibrate(states_of(make_brief([("likely", None, "yes", CLOSED)] * 3)), AS_OF)
    assert c.uncertainty == 0 and c.skill is None
    assert c.brier == pytest.approx(0.35**2)


def test_within_group_variance_and_covariance_by_hand() -> None:
    # One group, "likely": 0.6 happened, 0.7 did not. Mean p 0.65, rate 1/2, N 2.
    items: list[Item] = [("likely", 0.6, "yes", CLOSED), ("likely", 0.7, "no", CLOSED)]
    c = calibrate(states_of(make_brief(items)), AS_OF)
    assert c.rows[0].point == pytest.approx(0.65, abs=1e-15)
    assert c.reliability == pytest.approx(0.15**2, abs=1e-15)
    assert c.resolution == 0 and c.uncertainty == 0.25
    # WBV: the mean squared distance of p from its group's mean, (0.05² + 0.05²) / 2.
    assert c.wbv == pytest.approx(0.0025, abs=1e-15)
    # WBC: 2/N Σ (o − ō_k)(p − p̄_k) = (0.5 · −0.05 + −0.5 · 0.05) = −0.05.
    assert c.wbc == pytest.approx(-0.05, abs=1e-15)
    brier = (0.4**2 + 0.7**2) / 2
    assert c.brier == pytest.approx(brier, abs=1e-15)
    assert brier == pytest.approx(0.15**2 - 0 + 0.25 + 0.0025 + 0.05, abs=1e-15)


def test_groups_that_use_one_p_have_no_within_group_terms() -> None:
    items: list[Item] = [("likely", None, "yes", CLOSED)] * 3 + [(None, 0.1, "no", CLOSED)] * 3
    c = calibrate(states_of(make_brief(items)), AS_OF)
    assert (c.wbv, c.wbc) == (0.0, 0.0)
    # The point is the term's own, not a float sum divided back (0.65 · 3 / 3).
    assert [r.point for r in c.rows] == [0.65, 0.1]


TERMS = [t.name for t in PHIA.terms]


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*TERMS, None]),  # None: a bare p
            st.booleans(),  # give the term's own p?
            st.floats(0, 1),  # where inside the band, or the bare p
            st.booleans(),  # happened?
        ),
        min_size=1,
        max_size=300,
    ),
    st.booleans(),  # bare p's on a coarse grid (exact groups), or free (many: binned)
)
def test_brier_equals_rel_minus_res_plus_unc_plus_wbv_minus_wbc(
    draws: list[tuple[str | None, bool, float, bool]], coarse: bool
) -> None:
    items: list[Item] = []
    for name, own, where, happened in draws:
        outcome = "yes" if happened else "no"
        if name is None:
            items.append((None, round(where * 10) / 10 if coarse else where, outcome, CLOSED))
            continue
        term = PHIA.term(name)
        assert term is not None
        p = min(max(term.low + (term.high - term.low) * where, term.low), term.high)
        items.append((name, p if own else None, outcome, CLOSED))
    states = states_of(make_brief(items))
    c = calibrate(states, AS_OF)
    assert c.brier is not None and c.reliability is not None and c.resolution is not None
    assert c.uncertainty is not None and c.wbv is not None and c.wbc is not None
    assert math.isclose(
        c.brier,
        c.reliability - c.resolution + c.uncertainty + c.wbv - c.wbc,
        rel_tol=0,
        abs_tol=1e-12,
    )
    assert c.n == len(items) == sum(r.n for r in c.rows)
    # REL from each group's mean forecast p̄_k, recomputed here from the forecasts.
    groups: dict[tuple[str | None, float], list[tuple[float, int]]] = {}
    for s in states:
        f = s.forecast
        if f.term is not None:
            key: tuple[str | None, float] = (f.term.name, 0.0)
        elif c.approximate:
            key = (None, min(int(round(f.probability * 100, 6) // 10), 9))
        else:
            key = (None, f.probability)
        groups.setdefault(key, []).append((f.probability, int(s.outcome == "yes")))
    assert len(groups) == len(c.rows)
    reliability = math.fsum(
        len(g) * (math.fsum(p for p, _ in g) / len(g) - sum(o for _, o in g) / len(g)) ** 2
        for g in groups.values()
    ) / len(items)
    assert math.isclose(c.reliability, reliability, rel_tol=0, abs_tol=1e-12)


# -- breakdowns and filters -----------------------------------------------------------------


def test_breakdown_by_tag_and_author_puts_a_forecast_in_each_group() -> None:
    one = make_brief(
        [("likely", None, "yes", CLOSED)], "one", tags=("iran", "gulf"), authors=("A", "B")
    )
    two = make_brief([("unlikely", None, "no", CLOSED)], "two", tags=("iran",))
    three = make_brief([("likely", None, "no", CLOSED)], "three")
    states = states_of(one, two, three)
    by_tag = {g.name: g.calibration.n for g in breakdown.breakdown(states, AS_OF, "tag")}
    assert by_tag == {"gulf": 1, "iran": 2, "(not given)": 1}
    groups = breakdown.breakdown(states, AS_OF, "author")
    assert [(g.name, g.calibration.n) for g in groups] == [("A", 1), ("B", 1), ("(not given)", 2)]
    # Inside a breakdown only the probabilities used are listed.
    assert all(g.calibration.unused == () for g in groups)


def test_breakdown_by_year_horizon_confidence_and_term() -> None:
    early = make_brief(
        [("likely", None, "yes", CLOSED)], "early", confidence="low", horizon="short"
    )
    late = make_brief(
        [("unlikely", None, "no", dt.date(2025, 6, 1)), (None, 0.2, "no", dt.date(2025, 6, 1))],
        "late",
        confidence="high",
        horizon="long",
    )
    plain = make_brief([("likely", None, "no", CLOSED)], "plain")
    states = states_of(early, late, plain)

    def names(by: str, order: tuple[str, ...] = ()) -> list[tuple[str, int]]:
        return [
            (g.name, g.calibration.n) for g in breakdown.breakdown(states, AS_OF, by, order=order)
        ]

    assert names("year") == [("2025", 2), ("2026", 2)]
    # CLOSED is 2026-01-31; the late brief closes on 2025-06-01.
    assert names("quarter") == [("2025-Q2", 2), ("2026-Q1", 2)]
    assert names("horizon", ("short", "medium", "long")) == [
        ("short", 1),
        ("long", 2),
        ("(own dates)", 1),
    ]
    assert names("confidence") == [("high", 2), ("low", 1), ("(not given)", 1)]
    assert names("term") == [("unlikely", 1), ("likely", 2), ("(own probability)", 1)]
    assert names("brief") == [("early", 1), ("late", 2), ("plain", 1)]


def test_quarters_of_the_year() -> None:
    days = [dt.date(2026, m, d) for m, d in ((1, 1), (3, 31), (4, 1), (6, 30), (7, 1), (12, 31))]
    assert [breakdown.quarter(day) for day in days] == [
        "2026-Q1",
        "2026-Q1",
        "2026-Q2",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]


def test_a_block_of_a_breakdown_has_no_skill_of_its_own() -> None:
    # Under --by term every block uses one p, so its resolution is 0 and a skill against
    # its own base rate would be −REL/UNC: never above 0, whatever happened.
    items: list[Item] = [("almost certain", None, "yes", CLOSED)] * 19
    items += [
        ("almost certain", None, "no", CLOSED),
        ("unlikely", None, "no", CLOSED),
    ]
    states = states_of(make_brief(items))
    unlikely, certain = breakdown.breakdown(states, AS_OF, "term")  # lowest band first
    assert (unlikely.name, certain.name) == ("unlikely", "almost certain")
    assert certain.calibration.skill is None and certain.calibration.part
    assert records.calibration_record(certain.calibration)["skill"] is None
    whole = calibrate(states, AS_OF)
    assert whole.skill is not None and whole.skill > 0
    # The rest of a block is scored as usual.
    assert certain.calibration.brier == pytest.approx((19 * 0.025**2 + 0.975**2) / 20)


def test_terms_of_several_scales_are_kept_apart_and_named() -> None:
    bisi = built_in_scales()["bisi"]
    one = make_brief([("likely", None, "yes", CLOSED)], "one", scale=PHIA)
    two = make_brief([("likely", None, "no", CLOSED)], "two", scale=bisi)
    states = states_of(one, two)
    c = calibrate(states, AS_OF)
    assert [(r.scale, r.term, r.n) for r in c.rows] == [
        ("bisi", "likely", 1),
        ("phia", "likely", 1),
    ]
    assert c.scales == ["bisi", "phia"]
    groups = breakdown.breakdown(states, AS_OF, "term")
    assert sorted(g.name for g in groups) == ["likely (bisi)", "likely (phia)"]


def test_within_filters_by_window_close_inclusive() -> None:
    items: list[Item] = [
        ("likely", None, "yes", dt.date(2026, 1, 1)),
        ("likely", None, "yes", dt.date(2026, 2, 1)),
        ("likely", None, "yes", dt.date(2026, 3, 1)),
    ]
    states = states_of(make_brief(items))
    chosen = breakdown.within(states, dt.date(2026, 2, 1), dt.date(2026, 3, 1))
    assert [s.forecast.window.closes.month for s in chosen] == [2, 3]
    assert len(breakdown.within(states, None, dt.date(2026, 1, 1))) == 1
    assert len(breakdown.within(states)) == 3


def test_calibration_record_keys() -> None:
    c = calibrate(states_of(make_brief([("likely", None, "yes", CLOSED)])), AS_OF)
    record = records.calibration_record(c)
    assert record["left_out"] == {"ambiguous": 0, "void": 0, "open": 0}
    assert record["skill"] is None
    (row,) = record["rows"]
    assert row == {
        "scale": "phia",
        "term": "likely",
        "low": 0.55,
        "high": 0.75,
        "point": pytest.approx(0.65),
        "n": 1,
        "happened": 1,
        "rate": 1.0,
        "wilson_low": pytest.approx(1 / (1 + Z95**2)),
        "wilson_high": 1.0,
        "verdict": CONSISTENT,
        "leaning": None,
        "suggest": None,
    }


# -- counting by kinds gives what counting one by one gives --------------------------------


def _one_by_one(lines: list[scoring.Line], day: int, include_open: bool) -> dict[str, Any]:
    """What `count` must give, forecast by forecast, written as plainly as it can be."""
    groups: dict[object, dict[tuple[float, int], int]] = {}
    terms: dict[object, tuple[Scale, Term]] = {}
    in_play: dict[str, Scale] = {}
    by_p: dict[float, tuple[int, int]] = {}
    by_brief: dict[str, dict[float, tuple[int, int]]] = {}
    left = {"ambiguous": 0, "void": 0, "open": 0, "awaiting": 0}
    scored = early = 0
    for p, outcome, closes, term, scale, brief in lines:
        closed = closes <= day
        if term is not None:
            in_play.setdefault(scale.name, scale)
        if outcome is None:
            left["open"] += 1
            left["awaiting"] += closed
        elif outcome in (Outcome.AMBIGUOUS, Outcome.VOID):
            left[outcome.value] += 1
        elif not (include_open or closed):
            left["open"] += 1
            early += 1
        else:
            scored += 1
            o = 1 if outcome is Outcome.YES else 0
            key: object = p if term is None else id(term)
            if term is not None:
                if key in terms and terms[key][0] is not scale:
                    key = (id(scale), key)
                terms.setdefault(key, (scale, term))
            pairs = groups.setdefault(key, {})
            pairs[p, o] = pairs.get((p, o), 0) + 1
            for tally in (by_p, by_brief.setdefault(brief, {})):
                n, yes = tally.get(p, (0, 0))
                tally[p] = (n + 1, yes + o)
    total = scored + left["ambiguous"] + left["void"] + left["open"]
    return {
        "groups": groups,
        "terms": terms,
        "in_play": in_play,
        "left_out": scoring.LeftOut(**left),
        "forecasts": total,
        "resolved": total - left["open"] + early,
        "by_p": by_p,
        "by_brief": by_brief,
    }


def test_counting_by_kind_gives_the_count_of_the_forecasts_one_by_one() -> None:
    """`count` (which counts how many forecasts there are of each kind, as an index does
    with a Counter over its columns) against a plain count forecast by forecast: the same
    groups, terms, scales, tallies and left-out counts, each in the same order, for seeded
    mixes of terms of two scales, bare p's, every outcome and windows open and closed."""
    import random

    scales = built_in_scales()
    bisi, icd = scales["bisi"], scales["icd203"]
    terms: list[tuple[Term | None, Scale]] = [(t, bisi) for t in bisi.terms]
    terms += [(t, icd) for t in icd.terms] + [(None, bisi), (None, icd)]
    outcomes = [None, None, *Outcome]
    chance = random.Random(3)
    day = 740_000
    for _ in range(200):
        lines: list[scoring.Line] = []
        for b in range(chance.randint(1, 12)):
            for _ in range(chance.randint(1, 6)):
                term, scale = chance.choice(terms)
                p = term.point if term else chance.choice([0.05, 0.3, 0.5, 0.72, 0.9])
                closes = day + chance.randint(-300, 300)
                lines.append((p, chance.choice(outcomes), closes, term, scale, f"brief-{b}"))
        for include_open in (False, True):
            counted = scoring.count(lines, day, include_open)
            for name, expected in _one_by_one(lines, day, include_open).items():
                found = getattr(counted, name)
                assert found == expected, name
                if isinstance(found, dict):
                    assert list(found) == list(expected), name  # in the same order
                    for key, value in found.items():
                        if isinstance(value, dict):
                            assert list(value) == list(expected[key]), name


@given(
    st.lists(
        st.tuples(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(0, 40)),
        max_size=30,
    )
)
def test_an_exact_sum_of_counted_values_is_fsum_over_every_copy(
    counted: list[tuple[float, int]],
) -> None:
    every = [value for value, count in counted for _ in range(count)]
    assert scoring.exact_sum(counted) == math.fsum(every)
