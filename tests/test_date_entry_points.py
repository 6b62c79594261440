"""Every place a date is given reads it the same way (SPEC section 3).

A date written in any accepted form reads back as that date, and a refused form is
refused with the same words, through each entry point: a brief file, `--as-of`,
`--since`, `--until`, `resolve --date`, the walk's date prompt and `import --published`.
Each example runs the real commands, so the examples are few but drawn over 1900-2200.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecastcli.dates import NotADate, read_date
from tests.helpers import TODAY, run
from tests.test_dates import FORMS, refused_forms, written


def commands(examples: int) -> settings:
    """Few examples, each running every command; no deadline (the machine may be busy)."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


# Hypothesis tries the simplest value first: here 1 January 1900, the first day an option
# takes; the other examples are drawn at random up to 2200.
FIRST = dt.date(1900, 1, 1)


def days_until(last: dt.date) -> st.SearchStrategy[dt.date]:
    return st.integers(0, (last - FIRST).days).map(lambda n: FIRST + dt.timedelta(days=n))


DAYS = days_until(dt.date(2200, 12, 31))

ONE = """
    title: One
    published: 1900-01-01
    forecasts:
      - {id: a, statement: A happens., term: likely, closes: 1900-01-01}
"""
IMPORT_TEXT = "A Title\nBy A. Analyst\n\nForecast\nShort term\n- Talks are likely to resume.\n"


def fresh(folder: str, text: str = "") -> Path:
    """An empty folder (with one brief when `text` is given), made anew for each example."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.yaml"):
        old.unlink()
    if text:
        (path / "b.yaml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path / "b.yaml"


def refused(code: int, err: str, prefix: str) -> str:
    """A refusal as `refused: MESSAGE`, checked to be a usage error (exit 2)."""
    assert code == 2, err
    assert err.startswith(prefix) and err.endswith("\n"), err
    return "refused: " + err[len(prefix) : -1]


# Each entry point returns the ISO date it read, or "refused: " and the reader's message.


def brief_file(text: str) -> str:
    fresh("ep/file", f"title: T\npublished: {text}\nforecasts:\n  - {{id: a, statement: S, term: likely, closes: 2999-12-31}}\n")  # fmt: skip
    r = run("list", "--briefs", "ep/file", "--json")
    if r.code == 0:
        return str(r.json()[0]["opens"])  # opens on the publication day
    assert r.code == 1 and r.out == "[]\n"
    (line,) = r.err.splitlines()
    assert line.startswith("ep/file/b.yaml:2:12: `published`: "), line
    return "refused: " + line.removeprefix("ep/file/b.yaml:2:12: `published`: ")


def as_of(text: str) -> str:
    fresh("ep/empty")
    r = run("due", "--briefs", "ep/empty", "--as-of", text)
    if r.code == 0:
        found = re.fullmatch(r"Nothing is due as of (\S+), .*\n", r.out)
        assert found is not None, r.out
        return found[1]
    return refused(r.code, r.err, "Error: --as-of: ")


def closing(option: str) -> Callable[[str], str]:
    def entry(text: str) -> str:
        fresh("ep/empty")
        r = run("calibration", "--briefs", "ep/empty", option, text)
        if r.code == 0:
            found = re.search(r"closing (.+?) to (.+?)\)", r.out)
            assert found is not None, r.out
            return found[1] if option == "--since" else found[2]
        return refused(r.code, r.err, f"Error: {option}: ")

    return entry


def resolve_date(text: str) -> str:
    path = fresh("ep/one", ONE)
    before = path.read_bytes()
    r = run("resolve", "a", "yes", "--briefs", "ep/one", "--date", text, "--json", "--by", "A")
    if r.code == 0:
        return str(r.json()["date"])
    assert path.read_bytes() == before  # nothing written
    if r.err.startswith("Error: --date: "):
        return refused(r.code, r.err, "Error: --date: ")
    return refused(r.code, r.err, "Error: ")  # a day after today


def walk_prompt(text: str) -> str:
    path = fresh("ep/walk", ONE)
    before = path.read_bytes()
    r = run("resolve", "--briefs", "ep/walk", "--by", "A", input=f"y\n{text}\n\n\n")
    assert r.code == 0, r.err
    found = re.search(r"Recorded: a resolved yes on (\S+) ", r.out)
    if found:
        return found[1]
    assert path.read_bytes() == before
    assert "Stopped: 0 recorded" in r.out
    # The reason follows the prompt, which then asks again; it wraps at the width.
    prompt = "Date it happened (such as 1900-01-01; Enter or q to go back): "
    message = r.out.split(prompt)[1].strip().replace("\n", " ")
    assert r.out.count(prompt) == 2, r.out
    return "refused: " + message.removesuffix(".")


def import_published(text: str) -> str:
    fresh("ep/empty")
    Path("ep/brief.txt").write_text(IMPORT_TEXT, encoding="utf-8")
    r = run("import", "ep/brief.txt", "--briefs", "ep/empty", "--published", text, "--dry-run",
            "--json")  # fmt: skip
    if r.code == 0:
        return str(r.json()["published"])
    return refused(r.code, r.err, "Error: --published: ")


ENTRY_POINTS: dict[str, Callable[[str], str]] = {
    "brief file": brief_file,
    "--as-of": as_of,
    "--since": closing("--since"),
    "--until": closing("--until"),
    "resolve --date": resolve_date,
    "walk prompt": walk_prompt,
    "import --published": import_published,
}


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("forecastcli.cli.resolve.stdin_is_terminal", lambda: True)


def everywhere(text: str) -> dict[str, str]:
    return {name: entry(text) for name, entry in ENTRY_POINTS.items()}


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("form", range(FORMS))
@commands(2)
@given(day=DAYS)
def test_every_accepted_form_reads_back_everywhere(form: int, day: dt.date) -> None:
    read = everywhere(written(day, form))
    expected = {name: day.isoformat() for name in ENTRY_POINTS}
    if day > TODAY:  # an outcome cannot be known yet: refused for that reason alone
        expected["resolve --date"] = (
            f"refused: --date {day} is after today ({TODAY}): record an outcome once it is known"
        )
        expected["walk prompt"] = f"refused: That is after today ({TODAY})"
    assert read == expected


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("form", range(len(refused_forms(TODAY))))
@commands(2)
@given(day=DAYS)
def test_every_refused_form_is_refused_everywhere(form: int, day: dt.date) -> None:
    text = refused_forms(day)[form]
    with pytest.raises(NotADate) as reason:
        read_date(text)
    assert everywhere(text) == dict.fromkeys(ENTRY_POINTS, f"refused: {reason.value}")


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("order", ["dmy", "mdy"])
@commands(3)
@given(day=days_until(TODAY))
def test_all_numeric_dates_follow_date_order_everywhere(order: str, day: dt.date) -> None:
    Path("forecast.yaml").write_text(f"date_order: {order}\n", encoding="utf-8")
    first, second = (day.day, day.month) if order == "dmy" else (day.month, day.day)
    assert set(everywhere(f"{first}/{second}/{day.year}").values()) == {day.isoformat()}


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(("word", "days_ago"), [("today", 0), ("Yesterday", 1)])
def test_today_and_yesterday_are_utc_days_where_a_date_is_typed(word: str, days_ago: int) -> None:
    # Typed days only: a brief file must not change meaning from one day to the next.
    read = everywhere(word)
    assert read.pop("brief file") == (
        f"refused: {word!r} changes meaning every day; write the date itself, such as 2025-12-08"
    )
    assert read == dict.fromkeys(read, (TODAY - dt.timedelta(days=days_ago)).isoformat())
