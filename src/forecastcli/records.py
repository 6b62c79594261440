"""Forecasts as plain records: the stable keys of `--json` and of exports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from forecastcli.model import Resolution
from forecastcli.status import State

if TYPE_CHECKING:
    from forecastcli.importer import Draft


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def state_record(state: State) -> dict[str, Any]:
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
        "opens": _day(f.opens),
        "closes": _day(f.closes),
        "status": state.status,
        "days": state.days,
        "outcome": state.outcome,
        "outcome_date": _day(state.resolution.date) if state.resolution else None,
    }


def due_record(state: State) -> dict[str, Any]:
    keys = (
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
    full = state_record(state)
    return {k: full[k] for k in keys}


def resolution_record(entry: Resolution, counts: bool) -> dict[str, Any]:
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


def draft_record(draft: Draft, path: str, written: bool, yaml: str | None = None) -> dict[str, Any]:
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
