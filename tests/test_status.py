"""Which entry is in force (SPEC section 6): the latest by `recorded` stamp, then by place.

Entries may stand in the file out of the order they were made (a hand edit, a merge, or
the two places a forecast's entries may be kept), so the rule is a function of the
entries themselves, and every command goes through it.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap

from hypothesis import given
from hypothesis import strategies as st

from forecastcli import report, status
from forecastcli.config import load_settings
from forecastcli.loading import load_archive
from forecastcli.model import Outcome, Resolution, in_order, latest
from tests.helpers import run, write_brief


def entry(outcome: str, day: str, stamp: str | None = None, line: int = 0) -> Resolution:
    recorded = dt.datetime.fromisoformat(stamp) if stamp else None
    return Resolution("a", Outcome(outcome), dt.date.fromisoformat(day), recorded, line=line)


def test_the_latest_stamp_wins_wherever_the_entry_stands() -> None:
    later = entry("no", "2026-03-01", "2026-03-05T10:00:00", line=7)
    earlier = entry("yes", "2026-02-01", "2026-02-02T10:00:00", line=12)
    assert latest([later, earlier]) == {"a": later}
    assert latest([earlier, later]) == {"a": later}
    assert in_order([later, earlier]) == [earlier, later]


def test_an_entry_without_a_stamp_counts_from_its_date() -> None:
    undated = entry("yes", "2026-04-01", None, line=3)  # from the start of 1 April
    stamped = entry("no", "2026-03-01", "2026-03-05T10:00:00", line=9)
    assert latest([undated, stamped]) == {"a": undated}
    same_day = entry("no", "2026-04-01", "2026-04-01T08:00:00", line=1)
    assert latest([undated, same_day]) == {"a": same_day}


def test_equal_stamps_go_by_place_in_the_file_then_by_the_order_given() -> None:
    first = entry("yes", "2026-03-01", "2026-03-05T10:00:00", line=4)
    second = entry("no", "2026-03-01", "2026-03-05T10:00:00", line=8)
    assert latest([second, first]) == {"a": second}
    unplaced = [entry("yes", "2026-03-01"), entry("void", "2026-03-01")]
    assert latest(unplaced) == {"a": unplaced[1]}
    assert in_order(unplaced) == unplaced


def test_as_of_sees_only_the_entries_that_count_by_then() -> None:
    early = entry("yes", "2026-02-01", "2026-02-02T10:00:00", line=9)
    late = entry("no", "2026-03-01", "2026-03-05T23:59:59", line=5)
    assert latest([late, early], dt.date(2026, 3, 4)) == {"a": early}
    assert latest([late, early], dt.date(2026, 3, 5)) == {"a": late}
    assert latest([late, early], dt.date(2026, 2, 1)) == {}


STAMPS = st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1)).map(
    lambda d: d.replace(microsecond=0)
)


@given(st.lists(st.tuples(st.one_of(st.none(), STAMPS), st.dates()), min_size=1, max_size=8))
def test_the_winner_does_not_depend_on_the_order_entries_are_given(
    made: list[tuple[dt.datetime | None, dt.date]],
) -> None:
    entries = [
        Resolution("a", Outcome.YES, day, stamp, line=i + 1) for i, (stamp, day) in enumerate(made)
    ]
    winner = latest(entries)["a"]
    assert latest(reversed(entries))["a"] == winner
    assert in_order(reversed(entries))[-1] == winner
    assert all(e.rank <= winner.rank for e in entries)


# -- every command sees the same outcome -----------------------------------------------------

# `a` was resolved yes, then corrected to no; the correction was pasted above the first
# entry. `b` has an unstamped entry placed before a stamped one that it still outdates.
OUT_OF_ORDER = """
    title: Out of order
    published: 2025-06-01
    forecasts:
      - {id: a, statement: A happens., term: likely, closes: 2026-01-31}
      - {id: b, statement: B happens., term: likely, closes: 2026-01-31}
    resolutions:
      - {forecast: a, outcome: no, date: 2026-02-01, recorded: 2026-03-05T10:00:00Z, by: B}
      - {forecast: b, outcome: yes, date: 2026-04-01}
      - {forecast: a, outcome: yes, date: 2026-01-20, recorded: 2026-02-02T10:00:00Z, by: A}
      - {forecast: b, outcome: no, date: 2026-02-01, recorded: 2026-03-05T10:00:00Z}
"""


def outcomes(as_of: dt.date) -> dict[str, str | None]:
    archive = load_archive(load_settings())
    return {s.forecast.id: s.outcome for s in status.states(archive.briefs, as_of)}


def test_status_follows_the_stamps_not_the_file_order() -> None:
    write_brief("o", OUT_OF_ORDER)
    assert outcomes(dt.date(2026, 11, 27)) == {"a": "no", "b": "yes"}
    assert outcomes(dt.date(2026, 3, 1)) == {"a": "yes", "b": None}
    (brief,) = load_archive(load_settings()).briefs
    assert status.outcome_at(brief, "a", dt.date(2026, 3, 4)).outcome == "yes"  # type: ignore[union-attr]
    assert status.outcome_at(brief, "a", dt.date(2026, 3, 5)).outcome == "no"  # type: ignore[union-attr]


def test_list_and_show_give_the_entry_in_force_and_the_history_in_order() -> None:
    write_brief("o", OUT_OF_ORDER)
    listed = {f["id"]: (f["outcome"], f["outcome_date"]) for f in run("list", "--json").json()}
    assert listed == {"a": ("no", "2026-02-01"), "b": ("yes", "2026-04-01")}
    shown = run("show", "o/a", "--json").json()
    assert (shown["outcome"], [h["by"] for h in shown["history"]]) == ("no", ["A", "B"])


def test_scoring_and_the_report_use_the_entry_in_force() -> None:
    write_brief("o", OUT_OF_ORDER)
    scored = run("calibration", "--json").json()
    assert (scored["n"], scored["rows"][0]["happened"]) == (2, 1)
    archive = load_archive(load_settings())
    made = report.build(archive, load_settings(), dt.date(2026, 3, 7), days=7)
    (resolved,) = [r for r in made.resolved if r.forecast.id == "a"]
    assert (resolved.entry.outcome, resolved.previous.outcome) == ("no", "yes")  # type: ignore[union-attr]


def test_the_writer_checks_against_the_entry_in_force() -> None:
    path = write_brief("o", OUT_OF_ORDER)
    before = path.read_text(encoding="utf-8")
    r = run("resolve", "o/a", "yes", "--date", "2026-01-20", "--by", "C")
    assert r.code == 1
    assert r.err == (
        "Error: o/a is already resolved no (dated 2026-02-01); to change it, run again with "
        "--correct (the earlier entry stays as history)\n"
    )
    assert path.read_text(encoding="utf-8") == before
    r = run("resolve", "o/a", "yes", "--date", "2026-01-20", "--correct", "--by", "C")
    assert r.err.startswith(
        "Recorded: a resolved yes on 2026-01-20, correcting no dated 2026-02-01"
    )
    assert textwrap.dedent(OUT_OF_ORDER).lstrip("\n") in path.read_text(encoding="utf-8")


def test_a_status_is_written_as_its_word() -> None:
    assert [str(s) for s in status.Status] == ["open", "due", "coming due", "resolved"]
    assert json.dumps([status.Status.COMING_DUE]) == '["coming due"]'
    assert ", ".join(status.FILTERS) == "open, due, resolved"
