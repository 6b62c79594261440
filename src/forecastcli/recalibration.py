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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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


def subtract(whole: Tally, part: Tally) -> dict[float, tuple[int, int]]:
    """The forecasts of `whole` that are not in `part` (a part of it)."""
    rest = {}
    for p, (n, yes) in whole.items():
        gone, gone_yes = part.get(p, (0, 0))
        if n > gone:
            rest[p] = (n - gone, yes - gone_yes)
    return rest


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


def why_no_fit(counts: Tally) -> str | None:
    """Why `counts` admits no fit (fewer than 20 forecasts, one outcome, one p, or
    outcomes that split cleanly by p, where the likelihood grows without end), or None."""
    n = sum(c for c, _ in counts.values())
    happened = sum(y for _, y in counts.values())
    if n < MIN_FORECASTS:
        return TOO_FEW
    if happened in (0, n):
        return ONE_OUTCOME
    xs = {p: logit(p) for p in counts}
    if len(set(xs.values())) < 2:
        return ONE_P
    yes = [xs[p] for p, (_, y) in counts.items() if y > 0]
    no = [xs[p] for p, (c, y) in counts.items() if c > y]
    # With one predictor the maximum likelihood is finite exactly when the yeses and the
    # noes overlap on both sides; a shared p at the border does not count as overlap.
    if max(no) <= min(yes) or max(yes) <= min(no):
        return SEPARATED
    return None


def _steps(
    points: list[tuple[float, int, int]], a: float, b: float
) -> tuple[float, tuple[float, float], tuple[float, float, float]]:
    """The log-likelihood at (a, b), its gradient and its information (aa, ab, bb)."""
    ll = ga = gb = haa = hab = hbb = 0.0
    for x, n, yes in points:
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
    points = [(logit(p), n, yes) for p, (n, yes) in counts.items()]
    a, b = start
    ll, gradient, info = _steps(points, a, b)
    for _ in range(_MAX_STEPS):
        haa, hab, hbb = info
        det = haa * hbb - hab * hab
        if not det > 0:
            return None
        da = (hbb * gradient[0] - hab * gradient[1]) / det
        db = (haa * gradient[1] - hab * gradient[0]) / det
        for _ in range(60):  # halve the step until the likelihood does not fall
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


def squared_error(counts: Tally, fitted: Fit) -> float:
    """The sum of (recalibrated p − outcome)² over the forecasts of `counts`."""
    total = 0.0
    for p, (n, yes) in counts.items():
        q = fitted(p)
        total += yes * (1 - q) ** 2 + (n - yes) * q * q
    return total


@dataclass(frozen=True)
class Recalibration:
    """The fit, and the Brier score after applying it, in sample and out of sample."""

    fit: Fit | None
    why_not: str | None  # why there is no fit
    brier_after: float | None
    brier_after_loo: float | None  # each brief scored with the fit from the others
    why_not_loo: str | None  # why there is no leave-one-brief-out score


def recalibrate(by_brief: Mapping[str, Tally]) -> Recalibration:
    """The fit of all the forecasts, and its Brier score in and out of sample."""
    whole: dict[float, tuple[int, int]] = {}
    for part in by_brief.values():
        for p, (n, yes) in part.items():
            m, y = whole.get(p, (0, 0))
            whole[p] = (m + n, y + yes)
    why = why_no_fit(whole)
    fitted = fit(whole) if why is None else None
    if fitted is None:
        return Recalibration(None, why or NO_CONVERGENCE, None, None, why or NO_CONVERGENCE)
    n = sum(c for c, _ in whole.values())
    after = squared_error(whole, fitted) / n
    if len(by_brief) < 2:
        return Recalibration(fitted, None, after, None, ONE_BRIEF)
    total = 0.0
    for name in sorted(by_brief):
        part = by_brief[name]
        rest = subtract(whole, part)
        # The fit without one brief is near the fit with it: starting there saves steps.
        other = fit(rest, (fitted.intercept, fitted.slope))
        if other is None:
            return Recalibration(
                fitted, None, after, None, f"without {name}, {why_no_fit(rest) or NO_CONVERGENCE}"
            )
        total += squared_error(part, other)
    return Recalibration(fitted, None, after, total / n, None)


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
