"""Every `--json` shape in one place: the stable keys of each command's JSON and of exports.

Plain dicts of text, numbers, booleans, None and lists; `figures.json_text` sorts the keys
and tidies the numbers. tests/test_json_keys.py pins each command's keys, so a key cannot
change here without a test saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forecastcli.breakdown import Group
    from forecastcli.errors import Problem
    from forecastcli.importer import Draft
    from forecastcli.model import Brief, Resolution
    from forecastcli.scales import Scale
    from forecastcli.scoring import Calibration, Row
    from forecastcli.status import State

Record = dict[str, Any]


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# -- forecasts: due, list, show, export ---------------------------------------------------


def state_record(state: State) -> Record:
    """One forecast as it stands: the keys shared by `due`, `list` and `show --json`."""
    f = state.forecast
    term = f.term
    return {
        "ref": f.ref,
        "brief": f.brief,
        "id": f.id,
        "statement": f.statement,
        "term": term.name if term else None,
        "probability": f.probability,
        "band_low": term.low if term else f.probability,
        "band_high": term.high if term else f.probability,
        "horizon": f.horizon,
        "opens": _day(f.window.opens),
        "closes": _day(f.window.closes),
        "status": state.status,
        "days": state.days,
        "outcome": state.outcome,
        "outcome_date": _day(state.resolution.date) if state.resolution else None,
    }


DUE_KEYS = (
    "ref",
    "brief",
    "id",
    "statement",
    "term",
    "probability",
    "horizon",
    "opens",
    "closes",
    "status",
    "days",
)


def due_record(state: State) -> Record:
    """One item of `forecast due --json`."""
    full = state_record(state)
    return {k: full[k] for k in DUE_KEYS}


def resolution_record(entry: Resolution, counts: bool) -> Record:
    """One entry of a forecast's history; `counts`: it counts by the as-of day."""
    return {
        "forecast": entry.forecast,
        "outcome": entry.outcome,
        "date": _day(entry.date),
        "recorded": entry.recorded.isoformat() + "Z" if entry.recorded else None,
        "by": entry.by,
        "note": entry.note,
        "sources": list(entry.sources),
        "counts": counts,
    }


def forecast_record(state: State, history: list[tuple[Resolution, bool]]) -> Record:
    """`forecast show BRIEF/ID --json`: the forecast as it stands, with its history."""
    f = state.forecast
    record = state_record(state)
    record["history"] = [resolution_record(r, counts) for r, counts in history]
    record.update(
        confidence=f.confidence,
        criteria=f.criteria,
        quote=f.quote,
        title=state.brief.title,
    )
    return record


def brief_record(brief: Brief, states: list[State]) -> Record:
    """`forecast show BRIEF --json`: the brief and each of its forecasts as it stands."""
    return {
        "brief": brief.id,
        "title": brief.title,
        "authors": list(brief.authors),
        "published": brief.published.isoformat(),
        "scale": brief.scale.name,
        "tags": list(brief.tags),
        "url": brief.url,
        "path": brief.shown,
        "forecasts": [state_record(s) for s in states],
    }


def recorded_record(entry: Resolution, counts: bool, ref: str, path: str) -> Record:
    """`forecast resolve --json`: the entry written, the forecast's reference and its file."""
    return {**resolution_record(entry, counts), "ref": ref, "path": path}


# The columns of `forecast export`, in the order of the CSV header; its JSON has the same.
EXPORT_FIELDS = (
    "ref",
    "brief",
    "id",
    "title",
    "authors",
    "published",
    "tags",
    "scale",
    "statement",
    "term",
    "probability",
    "band_low",
    "band_high",
    "horizon",
    "opens",
    "closes",
    "confidence",
    "status",
    "outcome",
    "outcome_date",
)


def export_record(state: State) -> Record:
    """One forecast with its brief's metadata and its outcome as of the state's day."""
    record = state_record(state)
    brief = state.brief
    record.update(
        title=brief.title,
        authors=list(brief.authors),
        published=brief.published.isoformat(),
        tags=list(brief.tags),
        scale=brief.scale.name,
        confidence=state.forecast.confidence,
    )
    return {key: record[key] for key in EXPORT_FIELDS}


# -- check and scales ---------------------------------------------------------------------


def problem_record(problem: Problem) -> Record:
    """One problem of `forecast check --json`."""
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "severity": "warning" if problem.warning else "error",
    }


def scale_record(scale: Scale, default: str) -> Record:
    """One scale of `forecast scales --json`; `default`: the name of the default scale."""
    return {
        "name": scale.name,
        "title": scale.title,
        "source": scale.source,
        "default": scale.name == default,
        "terms": [
            {
                "name": t.name,
                "low": t.low,
                "high": t.high,
                "point": t.point,
                "phrasings": list(t.phrasings),
            }
            for t in scale.terms
        ],
    }


# -- calibration --------------------------------------------------------------------------


def row_record(row: Row) -> Record:
    """One group of the calibration table."""
    interval = row.interval
    return {
        "scale": row.scale,
        "term": row.term,
        "low": row.low,
        "high": row.high,
        "point": row.point,
        "n": row.n,
        "happened": row.happened,
        "rate": row.rate,
        "wilson_low": interval[0] if interval else None,
        "wilson_high": interval[1] if interval else None,
        "verdict": row.verdict,
        "leaning": row.leaning,
        "suggest": row.suggest,
    }


def calibration_record(c: Calibration) -> Record:
    """The scores of one set of forecasts; `rows` holds the groups used only."""
    r = c.recalibration
    fitted = r.fit
    return {
        "n": c.n,
        "base_rate": c.base_rate,
        "mean_forecast": c.mean_forecast,
        "calibration_in_the_large": c.calibration_in_the_large,
        "brier": c.brier,
        "reliability": c.reliability,
        "resolution": c.resolution,
        "uncertainty": c.uncertainty,
        "wbv": c.wbv,
        "wbc": c.wbc,
        "skill": c.skill,
        "approximate": c.approximate,
        "recalibration": {
            "intercept": fitted.intercept if fitted else None,
            "slope": fitted.slope if fitted else None,
            "slope_low": fitted.slope_low if fitted else None,
            "slope_high": fitted.slope_high if fitted else None,
            "finding": fitted.finding if fitted else None,
            "brier_after": r.brier_after,
            "brier_after_loo": r.brier_after_loo,
        },
        "auc": c.auc,
        "words_only_brier": c.words.at_points if c.words else None,
        "left_out": {
            "ambiguous": c.left_out.ambiguous,
            "void": c.left_out.void,
            "open": c.left_out.open,
        },
        "rows": [row_record(r) for r in c.rows],
    }


def calibration_report(
    whole: Calibration, by: str | None = None, groups: Sequence[Group] = ()
) -> Record:
    """`forecast calibration --json`: the whole selection, then with `--by` each group."""
    record = calibration_record(whole)
    if by is not None:
        record["by"] = by
        record["groups"] = [{"group": g.name, **calibration_record(g.calibration)} for g in groups]
    return record


def draft_record(draft: Draft, path: str, written: bool, yaml: str | None = None) -> Record:
    """The draft of `import --json`; with the file's text under `yaml` when given (dry run)."""
    record = {
        "brief": draft.brief_id,
        "path": path,
        "written": written,
        "title": draft.title,
        "authors": list(draft.authors),
        "published": draft.published.isoformat(),
        "scale": draft.scale.name,
        "marks": list(draft.marks),
        "forecasts": [
            {
                "id": f.id,
                "line": f.line,
                "horizon": f.horizon,
                "heading": f.heading.text if f.heading else None,
                "term": f.term.name if f.term else None,
                "band": f.band,
                "p": f.p,
                "confidence": f.confidence,
                "statement": f.statement,
                "quote": f.quote,
                "commented_out": not f.active,
                "marks": list(f.marks),
            }
            for f in draft.forecasts
        ],
    }
    if yaml is not None:
        record["yaml"] = yaml
    return record
