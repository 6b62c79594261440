"""Forecasts as plain records: the stable keys of `--json` and of exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from forecastcli.model import Resolution
from forecastcli.status import State


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
        "opens": _day(f.window.opens),
        "closes": _day(f.window.closes),
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
