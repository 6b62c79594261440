"""Calibration: does each term mean what it says? Brier score, its parts, Wilson intervals.

Pure functions over forecasts as they stand on a day (`Scorable`: a `status.State`, or
the same values read from the parse cache's index); nothing here prints. The formulas are SPEC
sections 7 and 7a: Murphy's decomposition over groups (one per term, one per bare
probability), with the within-group terms of Stephenson, Coelho & Jolliffe (2008) so that
Brier = reliability − resolution + uncertainty + WBV − WBC holds exactly; then what to
change (the recalibration and AUC come from `forecastcli.recalibration`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from forecastcli import recalibration
from forecastcli.model import Outcome
from forecastcli.recalibration import Recalibration
from forecastcli.scales import Scale, Term

Z95 = recalibration.Z95  # the 97.5th percentile of the standard normal: a 95 % interval

IN_BAND = "in band"
CONSISTENT = "consistent"
MORE_OFTEN = "happens more often"
LESS_OFTEN = "happens less often"

# More distinct bare probabilities than this and they are pooled into 10-point bins:
# otherwise a brief with p = 0.63, 0.64, ... gives one row per forecast, no table, and a
# decomposition that says nothing (one forecast a group: reliability is the Brier score
# and resolution the uncertainty). The within-group terms keep the identity exact.
MAX_EXACT_GROUPS = 12

# Tolerance for "the rate lies inside the band": 11/20 and 55/100 are the same rate.
_EPS = 1e-12


class Scorable(Protocol):
    """A forecast as scoring reads it at the end of a day: `status.State` is one, and so is
    `index.Standing`, the same values read from the parse cache without the brief."""

    @property
    def probability(self) -> float: ...  # the probability scored
    @property
    def outcome(self) -> Outcome | None: ...  # the outcome in force that day, if any
    @property
    def closes(self) -> dt.date: ...  # the window's closing day
    @property
    def term(self) -> Term | None: ...
    @property
    def scale(self) -> Scale: ...  # its brief's
    @property
    def brief_id(self) -> str: ...
    @property
    def horizon(self) -> str | None: ...
    @property
    def confidence(self) -> str | None: ...
    @property
    def authors(self) -> tuple[str, ...]: ...  # its brief's
    @property
    def tags(self) -> tuple[str, ...]: ...  # its brief's


def wilson(happened: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of `happened` out of `n` (None when n is 0)."""
    if n == 0:
        return None
    rate = happened / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (rate + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(rate * (1 - rate) / n + z2 / (4 * n * n))
    # With none (all) happened the lower (upper) bound is exactly 0 (1); rounding would
    # leave it a hair off, and a rate of 0 % must lie inside its own interval.
    low = 0.0 if happened == 0 else max(0.0, centre - half)
    high = 1.0 if happened == n else min(1.0, centre + half)
    return low, high


def verdict(rate: float, interval: tuple[float, float], low: float, high: float) -> str:
    """What the observed rate says about the band [low, high] (SPEC section 7)."""
    if low - _EPS <= rate <= high + _EPS:
        return IN_BAND
    lower, upper = interval
    if lower > high + _EPS:
        return MORE_OFTEN
    if upper < low - _EPS:
        return LESS_OFTEN
    return CONSISTENT


OVERCONFIDENT = "overconfident"
UNDERCONFIDENT = "underconfident"


def leaning(verdict: str | None, low: float, high: float, binned: bool = False) -> str | None:
    """Which way a group that misses its band [low, high] leans (SPEC section 7).

    Overconfidence is a forecast that should have been nearer 50 %: "less often" for a
    band above 50 %, "more often" for one below; the reverse is underconfidence. A band
    that holds 50 % (`roughly even chance`, a bare `p: 0.5`) is neither. A 10-point bin
    holds its low edge but not its high one (0.5 falls in the bin 50–60 %, not 40–50 %).
    """
    if verdict not in (MORE_OFTEN, LESS_OFTEN):
        return None
    if low <= 0.5 and (high > 0.5 if binned else high >= 0.5):
        return None
    above = low > 0.5
    return OVERCONFIDENT if (verdict == LESS_OFTEN) == above else UNDERCONFIDENT


@dataclass(frozen=True)
class Row:
    """One group: a term (its own-p forecasts pooled in), a bare p, or a 10-point bin."""

    scale: str | None  # None for bare probabilities
    term: str | None
    low: float
    high: float
    point: float  # the mean probability scored: the term's point unless own p's pooled in
    n: int = 0
    happened: int = 0
    suggested: Term | None = None  # the term of the scale that fits the observed rate

    @property
    def rate(self) -> float | None:
        return self.happened / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.happened, self.n)

    @property
    def verdict(self) -> str | None:
        rate, interval = self.rate, self.interval
        if rate is None or interval is None:
            return None
        return verdict(rate, interval, self.low, self.high)

    @property
    def binned(self) -> bool:
        return self.term is None and self.low != self.high

    @property
    def leaning(self) -> str | None:
        """overconfident, underconfident, or None (in band, consistent, or a band at 50 %)."""
        return leaning(self.verdict, self.low, self.high, self.binned)

    @property
    def suggest(self) -> str | None:
        return self.suggested.name if self.suggested else None


def suggestion(term: Term, scale: Scale, rate: float, found: str | None) -> Term | None:
    """What to write instead of `term`, whose forecasts happened at `rate` (SPEC 7a).

    Only for a verdict of "happens more often" / "less often": among the terms of the
    scale that say more (or less) than `term`, the one whose band holds the rate, else
    the nearest band; two bands equally near go to the one whose point is nearer. None
    when no term of the scale says more (less), or the verdict is no miss.
    """
    if found not in (MORE_OFTEN, LESS_OFTEN):
        return None
    sign = 1 if found == MORE_OFTEN else -1
    others = [t for t in scale.terms if sign * (t.point - term.point) > 0]
    if not others:
        return None

    def distance(t: Term) -> tuple[float, float]:
        return (max(t.low - rate, rate - t.high, 0.0), abs(t.point - rate))

    return min(others, key=distance)


@dataclass(frozen=True)
class LeftOut:
    """Forecasts in the selection that are not scored, by reason (each counted once)."""

    ambiguous: int = 0
    void: int = 0
    open: int = 0  # no scorable outcome yet: window still open, or closed awaiting one
    awaiting: int = 0  # of `open`: the window has closed, the outcome is not recorded

    @property
    def total(self) -> int:
        return self.ambiguous + self.void + self.open


@dataclass(frozen=True)
class Words:
    """The forecasts with a term: their Brier score at the terms' points and as scored."""

    n: int
    at_points: float
    as_scored: float


@dataclass(frozen=True)
class Calibration:
    """The table and the scores of one set of forecasts."""

    rows: tuple[Row, ...]  # the groups used, each with n >= 1
    left_out: LeftOut
    brier: float | None
    base_rate: float | None
    reliability: float | None
    resolution: float | None
    uncertainty: float | None
    approximate: bool = False  # bare probabilities were pooled in 10-point bins
    unused: tuple[Row, ...] = ()  # terms of the scales in play that no scored forecast used
    wbv: float | None = None  # within-group variance of the forecasts
    wbc: float | None = None  # within-group covariance of forecasts and outcomes, doubled
    mean_forecast: float | None = None
    recalibration: Recalibration = field(
        default=Recalibration(None, recalibration.TOO_FEW, None, None, recalibration.TOO_FEW)
    )
    auc: float | None = None
    words: Words | None = None  # None when no scored forecast has a term
    part: bool = False  # one block of a breakdown: skill is for the whole set only

    @property
    def n(self) -> int:
        return sum(row.n for row in self.rows)

    @property
    def happened(self) -> int:
        return sum(row.happened for row in self.rows)

    @property
    def skill(self) -> float | None:
        """Brier skill against always forecasting the base rate, for the whole set only
        (None in a block of a breakdown, and when UNC is 0).

        Inside a block whose forecasts share one p (a term, under `--by term`) resolution
        is 0, so the block's skill against its own base rate is −REL/UNC whatever happens:
        a figure that only ever reads as worse than chance, so it is not given.
        """
        if self.part or self.brier is None or not self.uncertainty:
            return None
        return 1 - self.brier / self.uncertainty

    @property
    def calibration_in_the_large(self) -> float | None:
        """Mean forecast minus base rate: above 0, events were forecast too often."""
        if self.mean_forecast is None or self.base_rate is None:
            return None
        return self.mean_forecast - self.base_rate

    @property
    def always_half(self) -> float:
        """The Brier score of always saying 50 %, whatever happens: (0.5 − o)² = 0.25."""
        return 0.25

    @property
    def table(self) -> list[Row]:
        """Every row to show: the groups used and the unused terms, in `_order`."""
        return sorted((*self.rows, *self.unused), key=_order)

    @property
    def scales(self) -> list[str]:
        """The scales whose terms appear in the table."""
        return sorted({row.scale for row in self.table if row.scale is not None})


class Scored(NamedTuple):
    """A forecast that enters the score (a named tuple: one is made per forecast)."""

    p: float
    outcome: int  # 1 yes, 0 no
    item: Scorable


def _order(row: Row) -> tuple[int, str, float, str, float]:
    # Term rows first, scale by scale, each scale from its lowest band upwards; bare
    # probabilities last.
    if row.term is None:
        return (1, "", row.point, "", row.point)
    return (0, row.scale or "", row.low, row.term, row.point)


def partition(
    states: Iterable[Scorable], as_of: dt.date, include_open: bool = False
) -> tuple[list[Scored], LeftOut]:
    """The forecasts that enter the score, and how many were left out and why.

    Scored: a latest outcome of yes or no, and the window closed by `as_of` (or any window
    with `include_open`), so early yeses do not enter before the noes can.
    """
    scored: list[Scored] = []
    add = scored.append
    ambiguous = void = still_open = awaiting = 0
    # Enum members are slow class attributes on Python 3.11: looked up once, not per item;
    # so is each one's score.
    is_ambiguous, is_void = Outcome.AMBIGUOUS, Outcome.VOID
    scores = {o: o.scored for o in Outcome}
    new = tuple.__new__
    for item in states:
        outcome = item.outcome
        if outcome is None:
            still_open += 1
            if item.closes <= as_of:
                awaiting += 1
        elif outcome is is_ambiguous:
            ambiguous += 1
        elif outcome is is_void:
            void += 1
        elif not (include_open or item.closes <= as_of):
            still_open += 1
        else:
            add(new(Scored, (item.probability, scores[outcome], item)))
    return scored, LeftOut(ambiguous, void, still_open, awaiting)


def _key(item: Scored, binned: bool) -> tuple[str | None, str | None, float, float]:
    """The group of a scored forecast: (scale, term, low, high)."""
    term = item.item.term
    if term is not None:
        return (item.item.scale.name, term.name, term.low, term.high)
    if binned:
        tenth = min(int(round(item.p * 100, 6) // 10), 9)
        return (None, None, tenth / 10, (tenth + 1) / 10)
    return (None, None, item.p, item.p)


def _mean(values: list[float]) -> float:
    # One value repeated is that value, not the float sum divided back.
    first = values[0]
    if all(v == first for v in values):
        return first
    return math.fsum(values) / len(values)


def calibrate(
    states: Iterable[Scorable],
    as_of: dt.date,
    include_open: bool = False,
    show_unused: bool = True,
    part: bool = False,
    leave_out: bool = True,
    partitioned: tuple[list[Scored], LeftOut] | None = None,
) -> Calibration:
    """Score `states` as of `as_of`: one row per group, Brier and its parts, what to change.

    With `show_unused`, every term of each scale in play (a scale some selected forecast
    takes its term from) that no scored forecast used is listed in `unused`, with n = 0.
    `part` marks a block of a breakdown, which has no skill of its own. Without
    `leave_out` the leave-one-brief-out score is not computed (for the report's quarters
    and previous period, which do not show it). `partitioned` is `partition(states, ...)`
    when the caller has it already.
    """
    states = list(states)
    scored, left_out = partitioned or partition(states, as_of, include_open)
    bare = {s.p for s in scored if s.item.term is None}
    binned = len(bare) > MAX_EXACT_GROUPS
    in_play = {s.scale.name: s.scale for s in states if s.term}

    groups: dict[tuple[str | None, str | None, float, float], list[Scored]]
    groups = defaultdict(list)
    for item in scored:
        groups[_key(item, binned)].append(item)
    rows = []
    wbv = wbc = 0.0
    for (scale, term, low, high), items in groups.items():
        point = _mean([i.p for i in items])
        happened = sum(i.outcome for i in items)
        rate = happened / len(items)
        # Stephenson, Coelho & Jolliffe (2008): what pooling different p's in one group
        # takes out of reliability and resolution, so that the identity stays exact.
        wbv += math.fsum((i.p - point) ** 2 for i in items)
        wbc += 2 * math.fsum((i.outcome - rate) * (i.p - point) for i in items)
        row = Row(scale, term, low, high, point, len(items), happened)
        found = items[0].item.term
        if found is not None and scale is not None:
            advice = suggestion(found, in_play[scale], rate, row.verdict)
            row = Row(scale, term, low, high, point, len(items), happened, advice)
        rows.append(row)
    rows.sort(key=_order)

    unused: list[Row] = []
    if show_unused:
        used = {(r.scale, r.term) for r in rows}
        for name, in_use in in_play.items():
            unused.extend(
                Row(name, t.name, t.low, t.high, t.point)
                for t in in_use.terms
                if (name, t.name) not in used
            )

    n = len(scored)
    if n == 0:
        return Calibration(
            tuple(rows), left_out, None, None, None, None, None, binned, tuple(unused), part=part
        )
    base = sum(s.outcome for s in scored) / n
    brier = math.fsum((s.p - s.outcome) ** 2 for s in scored) / n
    reliability = math.fsum(r.n * (r.point - r.happened / r.n) ** 2 for r in rows) / n
    resolution = math.fsum(r.n * (r.happened / r.n - base) ** 2 for r in rows) / n
    by_brief: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for s in scored:
        by_brief[s.item.brief_id if leave_out else ""].append((s.p, s.outcome))
    tallies = {name: recalibration.tally(pairs) for name, pairs in by_brief.items()}
    with_terms = [s for s in scored if s.item.term is not None]
    words = None
    if with_terms:
        words = Words(
            len(with_terms),
            math.fsum((s.item.term.point - s.outcome) ** 2 for s in with_terms)  # type: ignore[union-attr]
            / len(with_terms),
            math.fsum((s.p - s.outcome) ** 2 for s in with_terms) / len(with_terms),
        )
    return Calibration(
        tuple(rows),
        left_out,
        brier,
        base,
        reliability,
        resolution,
        base * (1 - base),
        binned,
        tuple(unused),
        wbv=wbv / n,
        wbc=wbc / n,
        mean_forecast=math.fsum(s.p for s in scored) / n,
        recalibration=recalibration.recalibrate(tallies),
        auc=recalibration.auc(recalibration.tally((s.p, s.outcome) for s in scored)),
        words=words,
        part=part,
    )
