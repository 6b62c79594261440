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
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Protocol

from forecastcli import recalibration
from forecastcli.model import Outcome
from forecastcli.recalibration import Briefs, Recalibration
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


def _order(row: Row) -> tuple[int, str, float, str, float]:
    # Term rows first, scale by scale, each scale from its lowest band upwards; bare
    # probabilities last.
    if row.term is None:
        return (1, "", row.point, "", row.point)
    return (0, row.scale or "", row.low, row.term, row.point)


# One forecast as the count reads it: its probability, outcome in force (or None), the
# day its window closes, term (or None), its brief's scale and the brief's id.
Line = tuple[float, "Outcome | None", Any, "Term | None", Scale, str]
_LINE = attrgetter("probability", "outcome", "closes", "term", "scale", "brief_id")

Pairs = dict[tuple[float, int], int]  # (p, outcome scored 1 or 0) -> how many forecasts
Tally = dict[float, tuple[int, int]]  # p -> (forecasts, of them yes)


class LeaveOneOutMemo(Protocol):
    """The leave-one-brief-out score of one set of forecasts, kept between runs: it costs
    a fit per kind of brief, and an unchanged archive asked the same question again gives
    the same answer."""

    def get(self) -> tuple[float | None, str | None] | None: ...

    def put(self, value: tuple[float | None, str | None]) -> None: ...


class Counted:
    """A set of forecasts counted as scoring needs them (`count`, `count_kinds`):
    everything a calibration is computed from, without a look at any forecast again.

    The scored forecasts (a latest outcome of yes or no, and the window closed by the
    day, or any window with include_open) are counted by group, then by (p, outcome):
    one group per term of a scale, one per bare probability; groups in the order they
    first appear. Sums over forecasts are taken exactly (`exact_sum`: each value times
    how often it was counted, rounded once), as math.fsum over the forecasts gives them.
    """

    def __init__(self, tallies: Callable[[], Briefs] | None) -> None:
        self.groups: dict[object, Pairs] = {}  # by term identity, or by bare p
        self.terms: dict[object, tuple[Scale, Term]] = {}  # of the term groups
        # For the recalibration: the whole set by p, the p's in the order they first
        # come; and each brief's scored forecasts by p (or the briefs already grouped by
        # kind: `recalibration.Briefs`), taken by `tallies` when first asked for (a
        # second pass over the forecasts: only the score out of sample needs them).
        self.by_p: dict[float, tuple[int, int]] = {}
        self._tallies = tallies
        self._by_brief: Briefs | None = None
        # Where the leave-one-brief-out score of these very forecasts is kept between
        # runs (an index's `ScoreMemo`), if anywhere.
        self.memo: LeaveOneOutMemo | None = None
        self.in_play: dict[str, Scale] = {}  # scales some forecast takes its term from
        self.left_out = LeftOut()
        self.forecasts = 0  # every forecast counted, scored or not
        self.resolved = 0  # of those, the ones with an outcome (scored or not)

    @property
    def by_brief(self) -> Briefs:
        if self._by_brief is None:
            self._by_brief = self._tallies() if self._tallies is not None else {}
        return self._by_brief

    def errors(self) -> dict[float, int]:
        """The scored forecasts' squared errors, (p − o)², each with how many have it."""
        found: dict[float, int] = {}
        for pairs in self.groups.values():
            for (p, o), c in pairs.items():
                error = _squared(p, o)
                found[error] = found.get(error, 0) + c
        return found


def count(lines: Iterable[Line], as_of: object, include_open: bool = False) -> Counted:
    """Count `lines` (see `Line`; `as_of` of the same kind as their closing days: dates, or
    day ordinals) for scoring.

    Scored: a latest outcome of yes or no, and the window closed by `as_of` (or any window
    with `include_open`), so early yeses do not enter before the noes can. Left out, by
    reason: ambiguous, void, and still open (no scorable outcome yet; `awaiting`: of
    those, the ones whose window has closed). The forecasts are counted by kind
    (`count_kinds`); each brief's tally is taken when first asked for (`tallies`).
    """
    lines = lines if isinstance(lines, list) else list(lines)
    kinds: Counter[tuple[int, int, float, int, bool]] = Counter()
    known: dict[int, Any] = {}
    for p, outcome, closes, term, scale, _ in lines:
        known[id(term)], known[id(scale)], known[id(outcome)] = term, scale, outcome
        kinds[id(term), id(scale), p, id(outcome), closes <= as_of] += 1
    return count_kinds(kinds, known, include_open, lambda: tallies(lines, as_of, include_open))


def tallies(lines: Iterable[Line], as_of: object, include_open: bool = False) -> dict[str, Tally]:
    """Each brief's scored forecasts (see `count`) by p, for the recalibration: briefs and
    p's in the order they first come (the lines come brief by brief)."""
    scores = {Outcome.YES: 1, Outcome.NO: 0}
    found: dict[str, Tally] = {}
    last_brief = tally = None
    for p, outcome, closes, _, _, brief in lines:
        happened = scores.get(outcome)  # type: ignore[arg-type]
        if happened is None or not (include_open or closes <= as_of):
            continue
        if brief is not last_brief:
            last_brief = brief
            tally = found.setdefault(brief, {})
        assert tally is not None
        m, y = tally.get(p, (0, 0))
        tally[p] = (m + 1, y + happened)
    return found


# How many forecasts there are of each kind, as `count_kinds` reads them: the identities
# of the term (or None), the brief's scale and the outcome in force (or None), with p and
# whether the window has closed by the day; the objects are found by identity in `known`.
# (A term or an outcome hashes in Python, its identity in C.)
Kinds = Mapping[tuple[int, int, float, int, bool], int]


def count_kinds(
    kinds: Kinds,
    known: Mapping[int, Any],
    include_open: bool = False,
    tallies: Callable[[], Briefs] | None = None,
) -> Counted:
    """The count of forecasts from how many there are of each kind, the kinds in the order
    they first come among the forecasts (as a Counter keeps them): groups, terms, scales
    in play and p's then come in the order the forecasts give them. A group is keyed by
    its term's identity (the scale's own object), or by its bare p. The forecasts' briefs
    are not among the kinds: `tallies` gives each brief's scored forecasts by p, or the
    briefs grouped by kind (see `Counted.by_brief`), when they are asked for. An index
    counts the kinds of a large archive with a Counter of one number per forecast, in C."""
    found = Counted(tallies)
    groups, terms, in_play = found.groups, found.terms, found.in_play
    by_p: dict[float, tuple[int, int]] = {}
    ambiguous = void = still_open = awaiting = early = scored = 0
    # Enum members are slow class attributes on Python 3.11: looked up once.
    is_ambiguous, is_void = Outcome.AMBIGUOUS, Outcome.VOID
    scores = {Outcome.YES: 1, Outcome.NO: 0}
    for (term_id, scale_id, p, outcome_id, closed), c in kinds.items():
        term, scale, outcome = known[term_id], known[scale_id], known[outcome_id]
        if term is not None:
            in_play.setdefault(scale.name, scale)
        if outcome is None:
            still_open += c
            if closed:
                awaiting += c
            continue
        if outcome is is_ambiguous:
            ambiguous += c
            continue
        if outcome is is_void:
            void += c
            continue
        if not (include_open or closed):
            still_open += c
            early += c  # resolved, but not scored before its window closes
            continue
        scored += c
        happened = scores[outcome]
        if term is None:
            key: object = p
        else:
            key = term_id
            held = terms.get(key)
            if held is None:
                terms[key] = (scale, term)
            elif held[0] is not scale:  # one term object in two scales
                key = (scale_id, key)
                terms.setdefault(key, (scale, term))
        pairs = groups.get(key)
        if pairs is None:
            pairs = groups[key] = {}
        pair = (p, happened)
        pairs[pair] = pairs.get(pair, 0) + c
        m, y = by_p.get(p, (0, 0))
        by_p[p] = (m + c, y + happened * c)
    found.by_p = by_p
    found.left_out = LeftOut(ambiguous, void, still_open, awaiting)
    found.forecasts = scored + ambiguous + void + still_open
    found.resolved = scored + ambiguous + void + early
    return found


def _squared(p: float, o: int) -> float:
    return (p - o) ** 2


def exact_sum(counted: Iterable[tuple[float, int]]) -> float:
    """The sum of each value repeated as often as it is counted, rounded once: what
    math.fsum gives over every copy, in the time of the distinct values. Each float is an
    integer over a power of two, so the sum is an integer over the largest of them, and
    Python divides integers with one rounding."""
    ratios = [(value.as_integer_ratio(), count) for value, count in counted]
    scale = max((d for (_, d), _ in ratios), default=1)
    return sum(n * count * (scale // d) for (n, d), count in ratios) / scale


def _fsum(pairs: Pairs, value: Callable[[float, int], float]) -> float:
    """The sum of `value(p, o)` over the forecasts counted in `pairs` (see `exact_sum`)."""
    return exact_sum((value(p, o), c) for (p, o), c in pairs.items())


def _mean(pairs: Pairs, n: int) -> float:
    # One value repeated is that value, not the float sum divided back.
    if len({p for p, _ in pairs}) == 1:
        return next(iter(pairs))[0]
    return _fsum(pairs, lambda p, o: p) / n


def _merge(into: Pairs, pairs: Pairs) -> None:
    for pair, c in pairs.items():
        into[pair] = into.get(pair, 0) + c


def partition(states: Iterable[Scorable], as_of: dt.date, include_open: bool = False) -> Counted:
    """The forecasts of `states` counted for scoring (see `count`)."""
    return count(map(_LINE, states), as_of, include_open)


def calibrate(
    states: Iterable[Scorable],
    as_of: dt.date,
    include_open: bool = False,
    show_unused: bool = True,
    part: bool = False,
    leave_out: bool = True,
) -> Calibration:
    """Score `states` as of `as_of` (see `scored`)."""
    counted = partition(states, as_of, include_open)
    return scored(counted, show_unused, part, leave_out)


def scored(
    counted: Counted, show_unused: bool = True, part: bool = False, leave_out: bool = True
) -> Calibration:
    """Score the counted forecasts: one row per group, Brier and its parts, what to change.

    With `show_unused`, every term of each scale in play (a scale some counted forecast
    takes its term from) that no scored forecast used is listed in `unused`, with n = 0.
    `part` marks a block of a breakdown, which has no skill of its own. Without
    `leave_out` the leave-one-brief-out score is not computed (for the report's quarters
    and previous period, which do not show it).
    """
    in_play = counted.in_play
    bare = [key for key in counted.groups if isinstance(key, float)]
    binned = len(bare) > MAX_EXACT_GROUPS
    # Groups by what they show (scale, term, low, high): bare probabilities pooled in
    # 10-point bins when binned, and two terms alike in every way shown made one.
    Shown = tuple[str | None, str | None, float, float]
    groups: dict[Shown, Pairs] = {}
    first_term: dict[Shown, Term] = {}
    for key, pairs in counted.groups.items():
        shown: Shown
        if isinstance(key, float):
            if binned:
                tenth = min(int(round(key * 100, 6) // 10), 9)
                shown = (None, None, tenth / 10, (tenth + 1) / 10)
            else:
                shown = (None, None, key, key)
        else:
            scale, term = counted.terms[key]
            shown = (scale.name, term.name, term.low, term.high)
            first_term.setdefault(shown, term)
        into = groups.get(shown)
        if into is None:
            groups[shown] = dict(pairs)
        else:
            _merge(into, pairs)

    rows = []
    wbv = wbc = 0.0
    every: Pairs = {}
    for (scale_name, term_name, low, high), pairs in groups.items():
        size = sum(pairs.values())
        point = _mean(pairs, size)
        happened = sum(o * c for (_, o), c in pairs.items())
        rate = happened / size
        # Stephenson, Coelho & Jolliffe (2008): what pooling different p's in one group
        # takes out of reliability and resolution, so that the identity stays exact.
        wbv += _fsum(pairs, lambda p, o: (p - point) ** 2)  # noqa: B023  (used at once)
        wbc += 2 * _fsum(pairs, lambda p, o: (o - rate) * (p - point))  # noqa: B023
        row = Row(scale_name, term_name, low, high, point, size, happened)
        found: Term | None = first_term.get((scale_name, term_name, low, high))
        if found is not None and scale_name is not None:
            advice = suggestion(found, in_play[scale_name], rate, row.verdict)
            row = Row(scale_name, term_name, low, high, point, size, happened, advice)
        rows.append(row)
        _merge(every, pairs)
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

    n = sum(every.values())
    left_out = counted.left_out
    if n == 0:
        return Calibration(
            tuple(rows), left_out, None, None, None, None, None, binned, tuple(unused), part=part
        )
    base = sum(o * c for (_, o), c in every.items()) / n
    brier = _fsum(every, _squared) / n
    reliability = math.fsum(r.n * (r.point - r.happened / r.n) ** 2 for r in rows) / n
    resolution = math.fsum(r.n * (r.happened / r.n - base) ** 2 for r in rows) / n
    if leave_out:
        memo = counted.memo
        known = memo.get() if memo is not None else None
        recalibrated = recalibration.recalibrate(
            lambda: counted.by_brief, by_p=counted.by_p, left_out=known
        )
        if memo is not None and known is None:
            memo.put((recalibrated.brier_after_loo, recalibrated.why_not_loo))
    else:  # one tally of every forecast, p's in the order they came
        recalibrated = recalibration.recalibrate({"": counted.by_p})
    with_terms: Pairs = {}
    term_errors: list[tuple[float, int]] = []  # each forecast's as its term's point
    for key, (_, term) in counted.terms.items():
        pairs = counted.groups[key]
        _merge(with_terms, pairs)
        term_errors += [((term.point - o) ** 2, c) for (_, o), c in pairs.items()]
    words = None
    if with_terms:
        m = sum(with_terms.values())
        words = Words(m, exact_sum(term_errors) / m, _fsum(with_terms, _squared) / m)
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
        mean_forecast=_fsum(every, lambda p, o: p) / n,
        recalibration=recalibrated,
        auc=recalibration.auc(counted.by_p),  # the scored forecasts by p
        words=words,
        part=part,
    )
