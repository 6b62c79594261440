"""SPEC section 7a's statistics: the logistic recalibration and the area under the ROC curve.

Pure functions on numbers; nothing here knows briefs or prints. Forecasts come tallied by
probability, `{p: (forecasts, happened)}`, so a fit costs the number of distinct
probabilities rather than the number of forecasts, and leaving one brief out is a
subtraction of its tally from the whole.

The fit is `logit(P(yes)) = a + b·logit(p)` by maximum likelihood: Newton's method on the
two parameters (for a logistic model it is the same as iteratively reweighted least
squares), with the step halved whenever it would lower the likelihood.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal
CLIP = 0.01  # p is clipped to [0.01, 0.99]: a failed 0 or 1 would be infinitely wrong
MIN_FORECASTS = 20

UNDERCONFIDENT = "underconfident"
OVERCONFIDENT = "overconfident"
NO_FINDING = "none"

# Why there is no fit, in an analyst's words (the renderers print them after "n/a").
TOO_FEW = f"fewer than {MIN_FORECASTS} forecasts"
ONE_OUTCOME = "every forecast had the same outcome"
ONE_P = "every forecast used the same probability"
SEPARATED = "the outcomes split cleanly by probability, so the fit has no finite answer"
NO_CONVERGENCE = "the fit did not settle"
ONE_BRIEF = "every forecast is in one brief"

Tally = Mapping[float, tuple[int, int]]  # p -> (forecasts, of which happened)

_MAX_STEPS = 100
_TOLERANCE = 1e-10


def tally(pairs: Iterable[tuple[float, int]]) -> dict[float, tuple[int, int]]:
    """`(p, outcome)` pairs (outcome 1 or 0) counted by p."""
    counts: dict[float, tuple[int, int]] = {}
    for p, outcome in pairs:
        n, yes = counts.get(p, (0, 0))
        counts[p] = (n + 1, yes + outcome)
    return counts


def logit(p: float) -> float:
    """The log-odds of p, clipped to [CLIP, 1 − CLIP] first."""
    q = min(max(p, CLIP), 1 - CLIP)
    return math.log(q / (1 - q))


def expit(z: float) -> float:
    """The inverse of the logit, without overflow at either end."""
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def _log_expit(z: float) -> float:
    """log(expit(z)), exact for large |z|."""
    return -(math.log1p(math.exp(-abs(z))) + max(-z, 0.0))


@dataclass(frozen=True)
class Fit:
    intercept: float  # a
    slope: float  # b
    slope_low: float  # the 95 % Wald interval of b
    slope_high: float

    @property
    def finding(self) -> str:
        """underconfident (b above 1, surely), overconfident (below 1), or none."""
        if self.slope_low > 1:
            return UNDERCONFIDENT
        if self.slope_high < 1:
            return OVERCONFIDENT
        return NO_FINDING

    def __call__(self, p: float) -> float:
        """The recalibrated probability of a forecast of p."""
        return expit(self.intercept + self.slope * logit(p))


Points = dict[float, tuple[int, int]]  # logit(p) -> (forecasts, of which happened)
# x, happened, the series (q, w, c2, c3, c4), σ''·(1, x, x²), (information, gradient) at the fit
_Row = tuple[float, int, float, float, float, float, float, float, float, float, tuple[float, ...]]


def _points(counts: Tally, logits: dict[float, float] | None = None) -> Points:
    """`counts` by logit(p): p's that clip to the same value are one point of the fit.
    `logits` keeps each p's logit for the next call (a brief at a time, the same few p's)."""
    points: Points = {}
    for p, (n, yes) in counts.items():
        x = logits.get(p) if logits is not None else None
        if x is None:
            x = logit(p)
            if logits is not None:
                logits[p] = x
        m, y = points.get(x, (0, 0))
        points[x] = (m + n, y + yes)
    return points


def why_no_fit(counts: Tally) -> str | None:
    """Why `counts` admits no fit (fewer than 20 forecasts, one outcome, one p, or
    outcomes that split cleanly by p, where the likelihood grows without end), or None."""
    points = _points(counts)
    n = sum(c for c, _ in points.values())
    yes = [x for x, (_, y) in points.items() if y > 0]
    no = [x for x, (c, y) in points.items() if c > y]
    return _why_not(n, len(points), yes and (min(yes), max(yes)), no and (min(no), max(no)))


def _why_not(
    n: int,
    distinct: int,
    yes: tuple[float, float] | list[float],
    no: tuple[float, float] | list[float],
) -> str | None:
    """The reason for no fit, from the count, the number of distinct points, and the
    lowest and highest point with a yes (`yes`) and with a no (`no`), empty if none."""
    if n < MIN_FORECASTS:
        return TOO_FEW
    if not yes or not no:
        return ONE_OUTCOME
    if distinct < 2:
        return ONE_P
    # With one predictor the maximum likelihood is finite exactly when the yeses and the
    # noes overlap on both sides; a shared p at the border does not count as overlap.
    if no[1] <= yes[0] or yes[1] <= no[0]:
        return SEPARATED
    return None


def _steps(
    points: Points, a: float, b: float
) -> tuple[float, tuple[float, float], tuple[float, float, float]]:
    """The log-likelihood at (a, b), its gradient and its information (aa, ab, bb)."""
    ll = ga = gb = haa = hab = hbb = 0.0
    for x, (n, yes) in points.items():
        z = a + b * x
        q = expit(z)
        ll += yes * _log_expit(z) + (n - yes) * _log_expit(-z)
        r = yes - n * q
        w = n * q * (1 - q)
        ga += r
        gb += r * x
        haa += w
        hab += w * x
        hbb += w * x * x
    return ll, (ga, gb), (haa, hab, hbb)


def fit(counts: Tally, start: tuple[float, float] = (0.0, 0.0)) -> Fit | None:
    """The maximum-likelihood fit of `counts`, or None (see `why_no_fit`)."""
    if why_no_fit(counts) is not None:
        return None
    return _solve(_points(counts), start)


def _solve(points: Points, start: tuple[float, float]) -> Fit | None:
    """Newton's method from `start`, the step halved while the likelihood would fall."""
    a, b = start
    ll, gradient, info = _steps(points, a, b)
    for _ in range(_MAX_STEPS):
        haa, hab, hbb = info
        det = haa * hbb - hab * hab
        if not det > 0:
            return None
        da = (hbb * gradient[0] - hab * gradient[1]) / det
        db = (haa * gradient[1] - hab * gradient[0]) / det
        for _ in range(60):
            new = _steps(points, a + da, b + db)
            if new[0] >= ll - 1e-12 * abs(ll):
                break
            da, db = da / 2, db / 2
        a, b = a + da, b + db
        ll, gradient, info = new
        if max(abs(da), abs(db)) < _TOLERANCE * (1 + abs(a) + abs(b)):
            break
    else:
        return None
    haa, hab, hbb = info
    det = haa * hbb - hab * hab
    if not (det > 0 and math.isfinite(a) and math.isfinite(b)):
        return None
    half = Z95 * math.sqrt(haa / det)
    return Fit(a, b, b - half, b + half)


def _squared_error(points: Points, a: float, b: float) -> float:
    total = 0.0
    for x, (n, yes) in points.items():
        q = expit(a + b * x)
        total += yes * (1 - q) ** 2 + (n - yes) * q * q
    return total


def squared_error(counts: Tally, fitted: Fit) -> float:
    """The sum of (recalibrated p − outcome)² over the forecasts of `counts`."""
    return _squared_error(_points(counts), fitted.intercept, fitted.slope)


@dataclass(frozen=True)
class Recalibration:
    """The fit, and the Brier score after applying it, in sample and out of sample."""

    fit: Fit | None
    why_not: str | None  # why there is no fit
    brier_after: float | None
    brier_after_loo: float | None  # each brief scored with the fit from the others
    why_not_loo: str | None  # why there is no leave-one-brief-out score


@dataclass(frozen=True)
class Grouped:
    """Briefs by kind, for leaving each out: their names in order, the kind of each (a
    place in `forecasts`), and each kind's scored forecasts. A forecast is one number,
    `2·i + happened`, where `ps[i]` is its p (the p's in ascending order), and a kind is
    its forecasts' numbers in ascending order. Briefs whose forecasts are alike (the same
    probabilities, the same outcomes) are of one kind, and are left out alike."""

    names: Sequence[str]
    kinds: Sequence[int]
    forecasts: Sequence[tuple[int, ...]]
    ps: Sequence[float]

    def tally(self, k: int) -> dict[float, tuple[int, int]]:
        """Kind `k` as a tally, its p's in ascending order."""
        found: dict[float, tuple[int, int]] = {}
        for number in self.forecasts[k]:
            p = self.ps[number >> 1]
            n, yes = found.get(p, (0, 0))
            found[p] = (n + 1, yes + (number & 1))
        return found


def grouped(by_brief: Mapping[str, Tally]) -> Grouped:
    """`by_brief` by kind, the briefs in name order."""
    ps = sorted({p for part in by_brief.values() for p in part})
    place = {p: 2 * i for i, p in enumerate(ps)}
    seen: dict[tuple[int, ...], int] = {}
    names = sorted(by_brief)
    kinds = []
    forecasts: list[tuple[int, ...]] = []
    for name in names:
        numbers: list[int] = []
        for p, (n, yes) in by_brief[name].items():
            numbers += [place[p]] * (n - yes) + [place[p] + 1] * yes
        kind = tuple(sorted(numbers))
        k = seen.get(kind)
        if k is None:
            k = seen[kind] = len(forecasts)
            forecasts.append(kind)
        kinds.append(k)
    return Grouped(names, kinds, forecasts, ps)


Briefs = Mapping[str, Tally] | Grouped


def recalibrate(
    by_brief: Briefs | Callable[[], Briefs],
    shortcut: bool = True,
    by_p: Tally | None = None,
    left_out: tuple[float | None, str | None] | None = None,
) -> Recalibration:
    """The fit of all the forecasts, and its Brier score in and out of sample.

    Out of sample, each brief is scored with the fit of the others. `shortcut` (see
    `_Without`) finds each such fit at the cost of the brief left out rather than of the
    whole set; the answer is the same to about 1e-13. Briefs whose forecasts are alike
    (the same probabilities, the same outcomes) are left out alike: each such kind is
    fitted once (`Grouped`).

    `by_brief` (each brief's tally, or the briefs already `grouped`) may be a function
    that gives them, called only for the score out of sample; `by_p` is the whole set by
    p, the p's in the order they first come (made from `by_brief` when not given; given
    with `Grouped`); `left_out` is the score out of sample and why there is none, when
    known already.
    """
    if by_p is None:
        # The whole set by p, the p's in the order they come, then by logit(p): as the
        # briefs' points taken together, in the same order.
        given = by_brief() if callable(by_brief) else by_brief
        assert not isinstance(given, Grouped), "the whole set by p comes with grouped briefs"
        by_p = {}
        for part in given.values():
            for p, (n, yes) in part.items():
                m, y = by_p.get(p, (0, 0))
                by_p[p] = (m + n, y + yes)
    logits: dict[float, float] = {}
    whole = _points(by_p, logits)
    without = _Without(whole)
    why = without.why_not({})
    fitted = _solve(whole, (0.0, 0.0)) if why is None else None
    if fitted is None:
        return Recalibration(None, why or NO_CONVERGENCE, None, None, why or NO_CONVERGENCE)
    after = _squared_error(whole, fitted.intercept, fitted.slope) / without.n
    if left_out is not None:
        return Recalibration(fitted, None, after, *left_out)
    if callable(by_brief):
        by_brief = by_brief()
    briefs = by_brief if isinstance(by_brief, Grouped) else grouped(by_brief)
    if len(briefs.names) < 2:
        return Recalibration(fitted, None, after, None, ONE_BRIEF)
    without.expand(fitted.intercept, fitted.slope)
    # Each kind's error: at once for the kinds of a large set (`errors_near`), then the
    # others one by one in the order they first come among the briefs, so that the brief
    # named when the rest has no fit is the first such brief by name.
    errors = without.errors_near(briefs, logits) if shortcut else {}
    for name, k in zip(briefs.names, briefs.kinds, strict=True):
        if k in errors:
            continue
        reason, error = _left_out(
            without, _points(briefs.tally(k), logits), whole, fitted, shortcut
        )
        if reason is not None:
            return Recalibration(fitted, None, after, None, f"without {name}, {reason}")
        errors[k] = error
    total = 0.0
    for k in briefs.kinds:  # summed brief by brief, in name order
        total += errors[k]
    return Recalibration(fitted, None, after, total / without.n, None)


def _left_out(
    without: _Without, part: Points, whole: Points, fitted: Fit, shortcut: bool
) -> tuple[str | None, float]:
    """Why the whole set without `part` has no fit; else None, and `part`'s squared error
    under that fit."""
    reason = without.why_not(part)
    if reason is not None:
        return reason, 0.0
    if shortcut:
        error = without.error_near(part)
        if error is not None:
            return None, error
    found = without.fit(part) if shortcut else None
    if found is None:
        # The shortcut does not reach (a large brief): fit the rest in full.
        exact = _solve(_subtract(whole, part), (fitted.intercept, fitted.slope))
        found = (exact.intercept, exact.slope) if exact else None
    if found is None:
        return NO_CONVERGENCE, 0.0
    return None, _squared_error(part, *found)


def _subtract(whole: Points, part: Points) -> Points:
    rest = {}
    for x, (n, yes) in whole.items():
        gone, gone_yes = part.get(x, (0, 0))
        if n > gone:
            rest[x] = (n - gone, yes - gone_yes)
    return rest


# -- leaving one brief out, at the cost of that brief ---------------------------------------

_ORDER = 6  # terms of the Taylor series of the whole set's gradient
_REACH = 0.03  # the largest change of any logit that the series is trusted for
# `error_near`: the largest change of any logit for which the series to the fourth order,
# and each point's own, are trusted (the next term is below (2e-3)⁵/5! ≈ 3e-16 of one).
_NEAR = 2e-3
_NEAR_ORDER = 4


def _derivatives(order: int) -> list[list[float]]:
    """The k-th derivative of the logistic function as a polynomial in its value q:
    coefficients of q⁰, q¹, ... for k = 0 .. order (q' = q − q²)."""
    polys = [[0.0, 1.0]]
    for _ in range(order):
        last = polys[-1]
        slope = [j * last[j] for j in range(1, len(last))]
        nxt = [0.0] * (len(slope) + 2)
        for j, c in enumerate(slope):
            nxt[j + 1] += c
            nxt[j + 2] -= c
        polys.append(nxt)
    return polys


_POLYS = _derivatives(_ORDER)
_TERMS = [
    [(k, m, math.comb(k, m) / math.factorial(k)) for m in range(k + 1)] for k in range(_ORDER + 1)
]


def _first(xs: Iterable[float], part: Points, left: Callable[[float], bool]) -> float:
    """The first of `xs` that the whole set without `part` still holds (`left`)."""
    for x in xs:
        if x not in part or left(x):
            return x
    raise ValueError("none left")  # the counts said there were some


def _horner(
    series: list[tuple[list[float], list[float]]], order: int
) -> list[list[tuple[float, float]]]:
    """The series' coefficients up to `order`, highest powers first, paired for Horner."""
    return [
        list(reversed(list(zip(by_a[: order - m + 1], by_b[: order - m + 1], strict=True))))
        for m, (by_a, by_b) in reversed(list(enumerate(series[: order + 1])))
    ]


class _Without:
    """The whole set, to answer for "the whole set without one brief" cheaply.

    Leaving a brief out moves the fit by about its share of the forecasts, so the fit of
    the rest lies within a small step of the whole set's fit (a, b). There the whole
    set's gradient is a Taylor series in the step whose coefficients are sums over the
    whole set taken once; only the brief's own forecasts are summed again at each step.
    Newton's method with the Hessian at (a, b) (the chord method) then converges in a
    few steps. Where the step would take some logit further than `_REACH`, the series is
    not trusted and `fit` returns None: the caller fits the rest in full.
    """

    def __init__(self, whole: Points) -> None:
        self.whole = whole
        self.n = sum(n for n, _ in whole.values())
        self.happened = sum(y for _, y in whole.values())
        ordered = sorted(whole)
        self.yes = [x for x in ordered if whole[x][1] > 0]
        self.no = [x for x in ordered if whole[x][0] > whole[x][1]]
        self.reach = max((abs(x) for x in ordered), default=0.0)
        # Whether the whole set has a fit, as far as `_why_not` tells, and its extremes.
        self.fits = bool(self.yes and self.no) and (
            _why_not(self.n, len(ordered), (self.yes[0], self.yes[-1]), (self.no[0], self.no[-1]))
            is None
        )
        self.ends = {self.yes[0], self.yes[-1], self.no[0], self.no[-1]} if self.fits else set()

    def _keeps_fit(self, n: int, yes: int, no: int, points: int, holds_end: bool) -> bool:
        """Whether the whole set without a part surely has a fit: the rest keeps `n`
        forecasts, at least `yes` yeses and `no` noes and `points` points, and the whole
        set's lowest and highest yes and no unless the part `holds_end`. Such a rest has a
        fit as the whole set has (nearly every brief of a large set)."""
        return (
            self.fits
            and n >= MIN_FORECASTS
            and yes > 0
            and no > 0
            and points >= 2
            and not holds_end
        )

    def why_not(self, part: Points) -> str | None:
        """`why_no_fit` for the whole set without `part`, in the time of `part`."""
        n, happened = self.n, self.happened
        for c, y in part.values():
            n, happened = n - c, happened - y
        if n < MIN_FORECASTS:
            return TOO_FEW
        if happened in (0, n):
            return ONE_OUTCOME
        whole = self.whole
        ys, ns = self.yes, self.no
        holds_end = any(x in part for x in self.ends)
        if self._keeps_fit(n, happened, n - happened, len(whole) - len(part), holds_end):
            return None
        gone = sum(1 for x, (c, _) in part.items() if whole[x][0] == c)

        def yes_left(x: float) -> bool:
            return whole[x][1] - part.get(x, (0, 0))[1] > 0

        def no_left(x: float) -> bool:
            c, y = part.get(x, (0, 0))
            total, total_yes = whole[x]
            return total - c > total_yes - y

        # Only the part's own points can drop out, so each search stops soon: at once,
        # when the point at the end is not the part's (nearly always, looked at first).
        yes = (
            ys[0] if ys[0] not in part else _first(ys, part, yes_left),
            ys[-1] if ys[-1] not in part else _first(reversed(ys), part, yes_left),
        )
        no = (
            ns[0] if ns[0] not in part else _first(ns, part, no_left),
            ns[-1] if ns[-1] not in part else _first(reversed(ns), part, no_left),
        )
        return _why_not(n, len(whole) - gone, yes, no)

    def expand(self, a: float, b: float) -> None:
        """Take the sums of the Taylor series around the whole set's fit (a, b)."""
        self.a, self.b = a, b
        # moments[k][j] = Σ n · σ⁽ᵏ⁾(a + b·x) · xʲ, for j up to k + 1.
        moments = [[0.0] * (k + 2) for k in range(_ORDER + 1)]
        observed = [0.0, 0.0]
        for x, (n, yes) in self.whole.items():
            q = expit(a + b * x)
            observed[0] += yes
            observed[1] += yes * x
            for k, poly in enumerate(_POLYS):
                value = 0.0
                for c in reversed(poly):
                    value = value * q + c
                power = n * value
                row = moments[k]
                for j in range(k + 2):
                    row[j] += power
                    power *= x
        self.moments = moments
        # series[m] holds the coefficients of sbᵐ·saʲ (j = 0 .. _ORDER − m) in the
        # gradient's two components; the observed yeses enter the constant term.
        self.series = [
            (
                [c * moments[k][m] for k, _, c in (_TERMS[k][m] for k in range(m, _ORDER + 1))],
                [c * moments[k][m + 1] for k, _, c in (_TERMS[k][m] for k in range(m, _ORDER + 1))],
            )
            for m in range(_ORDER + 1)
        ]
        self.series[0][0][0] -= observed[0]
        self.series[0][1][0] -= observed[1]
        # Horner's rule runs from the highest power down: the coefficients in that order,
        # whole, and only up to the fourth order (see `fit_near`).
        self.horner = _horner(self.series, _ORDER)
        # To the fourth order, flat: (a, b) pairs, sb's power 4 down to 0, within each
        # sa's power from the highest down (see `error_near`).
        self.near_coefficients = tuple(
            c for pairs in _horner(self.series, _NEAR_ORDER) for pair in pairs for c in pair
        )
        # Each point's logistic value and the next terms of its Taylor series around the
        # whole set's fit: σ(z + δ) = Σₖ σ⁽ᵏ⁾(z) δᵏ/k!, up to the fourth power.
        self.near: dict[float, tuple[float, ...]] = {}
        for x in self.whole:
            q = expit(a + b * x)
            terms = []
            for k, poly in enumerate(_POLYS[: _NEAR_ORDER + 1]):
                value = 0.0
                for c in reversed(poly):
                    value = value * q + c
                terms.append(value / math.factorial(k))
            self.near[x] = tuple(terms)

    def _gradient(self, sa: float, sb: float) -> tuple[float, float]:
        """The whole set's gradient of −log-likelihood at (a + sa, b + sb): the series
        Σₖ Σₘ C(k, m)/k! · saᵏ⁻ᵐ · sbᵐ · moments[k][m (+1)], by Horner's rule in sa and sb."""
        if sa == sb == 0:
            return self.series[0][0][0], self.series[0][1][0]
        ga = gb = 0.0
        for pairs in self.horner:
            inner_a = inner_b = 0.0
            for ca, cb in pairs:
                inner_a = inner_a * sa + ca
                inner_b = inner_b * sa + cb
            ga = ga * sb + inner_a
            gb = gb * sb + inner_b
        return ga, gb

    def _row(self, x: float, happened: int) -> _Row:
        """What `_near` takes of a forecast at x: x, its outcome, its Taylor series around
        the whole set's fit (`near`), its second derivative times 1, x and x², and its
        share of the information and of the gradient at that fit."""
        q, w, c2, c3, c4 = self.near[x]
        r, t = q - happened, 2 * c2
        return (x, happened, q, w, c2, c3, c4, t, t * x, t * x * x, (w, w * x, w * x * x, r, r * x))

    def error_near(self, part: Points) -> float | None:
        """`part`'s squared error under the fit of the whole set without it, for a part
        that moves no logit by more than `_NEAR` (a brief of a large set, nearly always);
        None otherwise (see `_near`)."""
        rows = []
        for x, (n, yes) in part.items():
            rows += [self._row(x, 0)] * (n - yes) + [self._row(x, 1)] * yes
        return self._near(rows)

    def errors_near(self, briefs: Grouped, logits: Mapping[float, float]) -> dict[int, float]:
        """`error_near` of every kind of `briefs` that surely leaves a rest with a fit and
        that the series reaches (nearly every kind of a large set), by kind. A kind is
        its forecasts (`Grouped`), each one row of `_near`, made once for every kind."""
        if not self.fits:
            return {}
        # A row for each forecast number; None for a p that no scored forecast has (so
        # that no kind holds).
        rows = cast(
            list[_Row],
            [
                self._row(logits[p], happened) if p in logits else None
                for p in briefs.ps
                for happened in (0, 1)
            ],
        )
        extremes = {number for number, row in enumerate(rows) if row and row[0] in self.ends}
        n, happened, distinct = self.n, self.happened, len(self.whole)
        near, keeps_fit = self._near, self._keeps_fit
        found = {}
        for k, kind in enumerate(briefs.forecasts):
            m = len(kind)
            # `why_not`'s quick answer, each of the kind's forecasts counted as a yes and
            # as a no, and as a point of its own (its points counted when that is too many).
            points = distinct - m
            if points < 2:
                points = distinct - len({rows[c][0] for c in kind})
            holds_end = not extremes.isdisjoint(kind)
            if not keeps_fit(n - m, happened - m, n - happened - m, points, holds_end):
                continue
            error = near(list(map(rows.__getitem__, kind)))
            if error is not None:
                found[k] = error
        return found

    def _near(self, rows: list[_Row]) -> float | None:
        """The squared error of the forecasts of `rows` (`_row`) under the fit of the
        whole set without them, for a part that moves no logit by more than `_NEAR`;
        None otherwise. The fit is `fit`'s, with the part's own gradient from each
        point's Taylor series around the whole set's fit and the whole set's from its
        series to the fourth order, whose next terms lie below 1e-16 of it; the error is
        taken from the points' series too. Written out: it runs once for each kind of
        brief.

        The third step takes the gradient from the second's, linearly: the chord method
        leaves F(s₂) = (F′(s₁) − F′(0))·(s₂ − s₁) up to the square of that step, and F′(s₁)
        − F′(0) is the third derivatives at the fit times s₁ (the whole set's from its
        moments, the part's from its rows) up to s₁², a relative 4e-6 of the step at
        most within `_NEAR`; where the third step does not settle, the series is taken
        again."""
        haa, hab, hbb = self.moments[1][0], self.moments[1][1], self.moments[1][2]
        ga, gb = self.series[0][0][0], self.series[0][1][0]
        for row in rows:
            w, wx, wxx, r, rx = row[10]
            haa, hab, hbb = haa - w, hab - wx, hbb - wxx
            ga, gb = ga - r, gb - rx
        det = haa * hbb - hab * hab
        if not det > 0:
            return None
        # The whole set's gradient, by Horner's rule as `_gradient` takes it, written out.
        (
            a40, b40, a31, b31, a30, b30, a22, b22, a21, b21, a20, b20,
            a13, b13, a12, b12, a11, b11, a10, b10,
            a04, b04, a03, b03, a02, b02, a01, b01, a00, b00,
        ) = self.near_coefficients  # fmt: skip
        limit, reach = _TOLERANCE * (1 + abs(self.a) + abs(self.b)), self.reach
        sa = sb = paa = pab = pbb = 0.0  # p..: the part's third derivatives times s
        for step in range(40):
            da = (hbb * ga - hab * gb) / det
            db = (haa * gb - hab * ga) / det
            sa, sb = sa - da, sb - db
            # |sa| + |sb|·reach and max(|da|, |db|), without a call each
            if (sa if sa > 0 else -sa) + (sb if sb > 0 else -sb) * reach > _NEAR:
                return None
            if -limit < da < limit and -limit < db < limit:
                error = 0.0
                for x, happened, q, w, c2, c3, c4, _, _, _, _ in rows:
                    d = sa + sb * x
                    e = q + d * (w + d * (c2 + d * (c3 + d * c4))) - happened
                    error += e * e
                return error
            if step == 1:  # the third step's gradient, from the second's (see above)
                m0, m1, m2, m3 = self.moments[2][:4]
                ta, tb = sa + da, sb + db  # s₁
                taa, tab, tbb = m0 * ta + m1 * tb, m1 * ta + m2 * tb, m2 * ta + m3 * tb
                taa, tab, tbb = taa - paa, tab - pab, tbb - pbb
                ga, gb = -(taa * da + tab * db), -(tab * da + tbb * db)
                continue
            ga = (
                (((a40 * sb + (a31 * sa + a30)) * sb + ((a22 * sa + a21) * sa + a20)) * sb
                 + (((a13 * sa + a12) * sa + a11) * sa + a10)) * sb
                + ((((a04 * sa + a03) * sa + a02) * sa + a01) * sa + a00)
            )  # fmt: skip
            gb = (
                (((b40 * sb + (b31 * sa + b30)) * sb + ((b22 * sa + b21) * sa + b20)) * sb
                 + (((b13 * sa + b12) * sa + b11) * sa + b10)) * sb
                + ((((b04 * sa + b03) * sa + b02) * sa + b01) * sa + b00)
            )  # fmt: skip
            paa = pab = pbb = 0.0
            for x, happened, q, w, c2, c3, c4, t, tx, txx, _ in rows:
                d = sa + sb * x
                r = q + d * (w + d * (c2 + d * (c3 + d * c4))) - happened
                ga, gb = ga - r, gb - r * x
                paa, pab, pbb = paa + t * d, pab + tx * d, pbb + txx * d
        return None

    def fit(self, part: Points) -> tuple[float, float] | None:
        """(a, b) of the whole set without `part`, or None where the series does not reach."""
        a, b = self.a, self.b
        haa, hab, hbb = self.moments[1][0], self.moments[1][1], self.moments[1][2]
        for x, (n, _) in part.items():
            q = expit(a + b * x)
            w = n * q * (1 - q)
            haa, hab, hbb = haa - w, hab - w * x, hbb - w * x * x
        det = haa * hbb - hab * hab
        if not det > 0:
            return None
        sa = sb = 0.0
        for _ in range(40):
            if abs(sa) + abs(sb) * self.reach > _REACH:
                return None
            ga, gb = self._gradient(sa, sb)
            for x, (n, yes) in part.items():
                r = n * expit(a + sa + (b + sb) * x) - yes
                ga, gb = ga - r, gb - r * x
            da = (hbb * ga - hab * gb) / det
            db = (haa * gb - hab * ga) / det
            sa, sb = sa - da, sb - db
            if max(abs(da), abs(db)) < _TOLERANCE * (1 + abs(a) + abs(b)):
                return a + sa, b + sb
        return None


def auc(counts: Tally) -> float | None:
    """The area under the ROC curve: the chance that a forecast that happened had been
    given a higher p than one that did not, ties counting one half (None without both)."""
    happened = sum(y for _, y in counts.values())
    missed = sum(n - y for n, y in counts.values())
    if not happened or not missed:
        return None
    # Twice the count of (yes, no) pairs ordered rightly, a tie counting one: integers.
    twice = below = 0
    for p in sorted(counts):
        n, yes = counts[p]
        twice += yes * (2 * below + (n - yes))
        below += n - yes
    return twice / (2 * happened * missed)
