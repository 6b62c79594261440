"""Record what happened to a forecast: the rules for a new entry, and who recorded it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from forecastcli import gitrepo
from forecastcli.config import Settings
from forecastcli.errors import DataError
from forecastcli.gitrepo import commit_alone, commit_message
from forecastcli.model import Brief, Outcome, Resolution
from forecastcli.writing import Written, append_resolution


class AlreadyResolved(DataError):
    """The forecast has an entry already, and the new one is not marked as a correction."""


@dataclass(frozen=True)
class Request:
    """What the analyst asked to record."""

    forecast: str  # the forecast's id in its brief
    outcome: Outcome
    date: dt.date
    by: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    correct: bool = False  # allowed to add to an existing outcome
    early: bool = False  # allowed to record `no` before the window closes


def entry_for(brief: Brief, request: Request, recorded: dt.datetime) -> Resolution:
    """The entry to write, or DataError when the rules refuse it."""
    forecast = brief.forecast(request.forecast)
    if forecast is None:
        raise DataError(f"{brief.shown}: no forecast {request.forecast!r} in this brief any more")
    history = brief.history(forecast.id)
    if history and not request.correct:
        last = history[-1]
        raise AlreadyResolved(
            f"{forecast.ref} is already resolved {last.outcome} (dated {last.date}); to "
            "change it, run again with --correct (the earlier entry stays as history)"
        )
    if (
        request.outcome is Outcome.NO
        and request.date < forecast.window.closes
        and not request.early
    ):
        raise DataError(
            f"{forecast.ref}: `no` dated {request.date} comes before the window closes on "
            f"{forecast.window.closes}; if it already cannot happen, run again with --early"
        )
    note = request.note.strip() if request.note else None
    by = request.by.strip() if request.by else None
    return Resolution(
        forecast=forecast.id,
        outcome=request.outcome,
        date=request.date,
        recorded=recorded,
        by=by or None,
        note=note or None,
        sources=tuple(s.strip() for s in request.sources if s.strip()),
    )


def record(
    settings: Settings,
    brief_id: str,
    shown: str,
    request: Request,
    recorded: dt.datetime,
    loaded: Brief | None = None,
    commit: bool = False,
) -> Written:
    """Write the entry for `request` into the brief's file, safely (see `writing`).

    `loaded` is the brief as just loaded, when it is fresh: a large brief is then not
    checked a second time before the new text is. With `commit`, the brief is committed
    alone once written (`Written.commit`), and nothing is written if it could not be.
    """
    path = settings.briefs / f"{brief_id}.yaml"
    then = None
    if commit:
        ready_to_commit(path, shown)

        def then(real: Path, written: Written) -> Written:
            entry = written.entry
            message = commit_message(brief_id, entry.forecast, entry.outcome, str(entry.date))
            made = commit_alone(real, shown, message)
            return dataclasses.replace(written, commit=made, message=message)

    return append_resolution(
        path, shown, settings, lambda b: entry_for(b, request, recorded), loaded, then=then
    )


def ready_to_commit(path: Path, shown: str) -> None:
    """Refuse a `--commit` that could not commit the brief at `path` alone (see gitrepo)."""
    gitrepo.ready_to_commit(Path(os.path.realpath(path)), shown)


def default_by(folder: Path) -> str | None:
    """Who records: git's user.name as seen from the briefs folder, else the login name."""
    try:
        done = subprocess.run(
            ["git", "config", "user.name"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        done = None
    if done is not None and done.returncode == 0 and done.stdout.strip():
        return done.stdout.strip()
    try:
        return getpass.getuser() or None
    except (OSError, KeyError, ImportError):
        # No login name in the environment and none in the password database.
        return None
