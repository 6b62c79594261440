"""The rules for a new resolution entry, and who is named as having recorded it."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from forecastcli import clock
from forecastcli.config import load_settings
from forecastcli.errors import DataError
from forecastcli.loading import load_archive
from forecastcli.model import Brief, Outcome
from forecastcli.resolving import (
    AlreadyResolved,
    Request,
    default_by,
    entry_for,
)
from tests.helpers import SIMPLE, write_brief

STAMP = dt.datetime(2026, 11, 27, 10, 4, 12)
# SIMPLE is published 2026-01-31: alpha's window closes 2026-04-30, beta's 2027-01-31.
RESOLVED = SIMPLE + "resolutions:\n  - {forecast: alpha, outcome: no, date: 2026-04-30}\n"


def brief(text: str = SIMPLE) -> Brief:
    write_brief("b", text)
    (loaded,) = load_archive(load_settings()).briefs
    return loaded


@pytest.mark.parametrize(
    ("word", "outcome"),
    [
        ("yes", "yes"),
        ("Y", "yes"),
        ("no", "no"),
        ("n", "no"),
        (" Ambiguous ", "ambiguous"),
        ("void", "void"),
        ("maybe", None),
        ("a", None),
        ("true", None),
    ],
)
def test_outcome_words(word: str, outcome: str | None) -> None:
    assert Outcome.typed(word) == outcome


def test_an_entry_carries_the_request_tidied() -> None:
    request = Request(
        "alpha",
        Outcome.YES,
        dt.date(2026, 3, 1),
        by=" A. Analyst ",
        note="  ",
        sources=(" https://example.org/1 ", ""),
    )
    entry = entry_for(brief(), request, STAMP)
    assert (entry.forecast, entry.outcome, entry.date, entry.recorded) == (
        "alpha",
        "yes",
        dt.date(2026, 3, 1),
        STAMP,
    )
    assert (entry.by, entry.note, entry.sources) == ("A. Analyst", None, ("https://example.org/1",))


def test_re_resolving_needs_correct() -> None:
    resolved = brief(RESOLVED)
    request = Request("alpha", Outcome.YES, dt.date(2026, 3, 1))
    with pytest.raises(AlreadyResolved) as caught:
        entry_for(resolved, request, STAMP)
    assert caught.value.message == (
        "b/alpha is already resolved no (dated 2026-04-30); to change it, run again with "
        "--correct (the earlier entry stays as history)"
    )
    corrected = Request("alpha", Outcome.YES, dt.date(2026, 3, 1), correct=True)
    assert entry_for(resolved, corrected, STAMP).outcome == "yes"


def test_no_before_the_window_closes_needs_early() -> None:
    loaded = brief()
    with pytest.raises(DataError) as caught:
        entry_for(loaded, Request("alpha", Outcome.NO, dt.date(2026, 4, 29)), STAMP)
    assert caught.value.message == (
        "b/alpha: `no` dated 2026-04-29 comes before the window closes on 2026-04-30; if it "
        "already cannot happen, run again with --early"
    )
    # On the closing day itself the window has run its course.
    assert (
        entry_for(loaded, Request("alpha", Outcome.NO, dt.date(2026, 4, 30)), STAMP).outcome == "no"
    )
    early = Request("alpha", Outcome.NO, dt.date(2026, 4, 29), early=True)
    assert entry_for(loaded, early, STAMP).date == dt.date(2026, 4, 29)
    # Other outcomes may come at any time.
    assert entry_for(loaded, Request("alpha", Outcome.VOID, dt.date(2026, 2, 1)), STAMP)


def test_a_forecast_gone_from_the_file_is_refused() -> None:
    with pytest.raises(DataError, match="no forecast 'gamma' in this brief any more"):
        entry_for(brief(), Request("gamma", Outcome.YES, dt.date(2026, 3, 1)), STAMP)


def test_the_clock_is_utc_in_whole_seconds_without_a_zone() -> None:
    now = clock.now()
    assert now.tzinfo is None and now.microsecond == 0
    real = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    assert abs((real - now).total_seconds()) < 3600


def _no_global_git(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("LOGNAME", "analyst7")


def test_by_defaults_to_git_user_name_of_the_briefs_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_global_git(monkeypatch, tmp_path)
    try:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", "A. Analyst"], check=True)
    assert default_by(tmp_path / "briefs") == "A. Analyst"


def test_by_falls_back_to_the_login_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_global_git(monkeypatch, tmp_path)
    assert default_by(tmp_path / "briefs") == "analyst7"
    monkeypatch.setenv("PATH", "")  # no git at all
    assert default_by(tmp_path / "briefs") == "analyst7"
