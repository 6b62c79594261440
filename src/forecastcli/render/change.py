"""What to change (SPEC section 7a) in words: shared by the terminal and the weekly report.

Plain strings only, one per item; each output wraps, escapes and marks them up its own
way. Nothing here reads a terminal, so the report stays the same bytes everywhere.
"""

from __future__ import annotations

from forecastcli.recalibration import NO_FINDING, OVERCONFIDENT, UNDERCONFIDENT
from forecastcli.render.words import points, whole_percent
from forecastcli.scoring import LESS_OFTEN, MORE_OFTEN, Calibration, Row

HEADING = "What to change"

FINDINGS = {
    UNDERCONFIDENT: "underconfident: the forecasts should be more extreme",
    OVERCONFIDENT: "overconfident: the forecasts should be nearer 50 %",
    NO_FINDING: "no finding, the interval holds 1",
}


def large_text(c: Calibration) -> str:
    assert c.mean_forecast is not None and c.base_rate is not None
    assert c.calibration_in_the_large is not None
    difference = points(c.calibration_in_the_large)
    ran = {"+": " (the forecasts ran high)", "-": " (the forecasts ran low)"}.get(difference[0], "")
    return (
        f"Calibration in the large: mean forecast {c.mean_forecast * 100:.1f} %, base rate "
        f"{c.base_rate * 100:.1f} %, difference {difference} points{ran}."
    )


def recalibration_text(c: Calibration) -> str:
    r = c.recalibration
    fitted = r.fit
    if fitted is None:
        return f"Recalibration: n/a ({r.why_not})."
    return (
        f"Recalibration: logit P(yes) = {fitted.intercept:.3f} + {fitted.slope:.3f} × logit(p); "
        f"slope 95 % interval {fitted.slope_low:.3f}–{fitted.slope_high:.3f}: "
        f"{FINDINGS[fitted.finding]}."
    )


def after_text(c: Calibration) -> str | None:
    """The Brier score after recalibration, in and out of sample (None without a fit)."""
    r = c.recalibration
    if r.brier_after is None:
        return None
    if r.brier_after_loo is None:
        out = f"leaving one brief out n/a ({r.why_not_loo})"
    else:
        out = f"{r.brier_after_loo:.4f} leaving one brief out (each scored with the others' fit)"
    return (
        f"Brier score after recalibration: {r.brier_after:.4f} in sample, {out}; "
        f"{c.brier:.4f} as forecast."
    )


def auc_text(c: Calibration) -> str:
    if c.auc is None:
        return "Discrimination: n/a (every forecast had the same outcome)."
    return (
        f"Discrimination: AUC {c.auc:.3f} (the chance that a forecast that happened had been "
        "given a higher p than one that did not; 0.5 is no better than chance)."
    )


def words_text(c: Calibration) -> str:
    w = c.words
    if w is None:
        return "Words alone: n/a (no forecast has a term)."
    subject = (
        "the forecast with a term scores" if w.n == 1 else f"the {w.n} forecasts with a term score"
    )
    return (
        f"Words alone: {subject} {w.at_points:.4f} at the terms' points, "
        f"{w.as_scored:.4f} with the p used."
    )


def change_lines(c: Calibration) -> list[str]:
    """SPEC section 7a for the whole of `c`, one item a line (the advice follows apart)."""
    lines = [large_text(c), recalibration_text(c)]
    after = after_text(c)
    if after:
        lines.append(after)
    return [*lines, auc_text(c), words_text(c)]


def advice_text(row: Row, name: str) -> str:
    """`likely: happened 95 % (19 of 20, 95 % interval 76–99 %): that is "almost certain"
    on bisi`, for a group whose verdict is "happens more often" or "less often"."""
    assert row.rate is not None and row.interval is not None
    low, high = row.interval
    text = (
        f"{name}: happened {whole_percent(row.rate)} % ({row.happened} of {row.n}, "
        f"95 % interval {whole_percent(low)}–{whole_percent(high)} %)"
    )
    if row.scale is None:
        return text
    if row.suggested is None:
        more = "more" if row.verdict == MORE_OFTEN else "less"
        return f"{text}: no term of {row.scale} says {more}"
    # The band that holds the rate, else (a gap, or past the scale's end) the nearest one.
    fits = "that is" if row.suggested.contains(row.rate) else "the nearest band is"
    return f'{text}: {fits} "{row.suggest}" on {row.scale}'


def advice_lines(c: Calibration) -> list[str]:
    """One line per group that happens more or less often than its band says."""
    from forecastcli.render.calibration import label

    name_scale = len(c.scales) > 1
    return [
        advice_text(row, label(row, name_scale))
        for row in c.rows
        if row.verdict in (MORE_OFTEN, LESS_OFTEN)
    ]


ADVICE_HEADING = "Per group, where it misses its band:"
NO_ADVICE = "Per group: every group is in band or consistent with it."
