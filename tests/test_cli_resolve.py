"""`forecast resolve`: one forecast from the command line, or a walk through the due list."""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import functools
import os
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from forecastcli import clock, resolving
from forecastcli.config import Settings, load_settings
from forecastcli.loading import load_archive
from forecastcli.model import Outcome
from forecastcli.writing import Written
from tests.helpers import SIMPLE, insert_after, own_list, resolve_at_once, run, write_brief

STAMP = dt.datetime(2026, 11, 27, 10, 4, 12)
REAL_NOW = clock.now
PATH = "briefs/b.yaml"
BRIEF = textwrap.dedent(SIMPLE).lstrip("\n")  # published 2026-01-31; alpha closes 2026-04-30
ALPHA_END = "    statement: Alpha happens."  # alpha's last line


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: STAMP)


def text() -> str:
    return Path(PATH).read_text(encoding="utf-8")


def entry(*lines: str) -> str:
    first, *rest = lines
    return "".join([f"  - {first}\n", *(f"    {line}\n" for line in rest)])


# -- one forecast ---------------------------------------------------------------------------


def test_resolve_appends_the_entry_and_says_so() -> None:
    write_brief("b", SIMPLE)
    r = run(
        "resolve",
        "alpha",
        "yes",
        "--date",
        "2026-03-01",
        "--note",
        "Held in Washington.",
        "--source",
        "https://example.org/news/1",
        "--source",
        "https://example.org/news/2",
        "--by",
        "A. Analyst",
    )
    assert (r.code, r.out) == (0, "")
    assert r.err == f"Recorded: alpha resolved yes on 2026-03-01 ({PATH}).\n"
    # Into alpha's own list, right after its last line: beta below is untouched.
    assert text() == insert_after(
        BRIEF,
        ALPHA_END,
        own_list(
            "outcome: yes",
            "date: 2026-03-01",
            "recorded: 2026-11-27T10:04:12Z",
            "by: A. Analyst",
            "note: Held in Washington.",
            "sources: [https://example.org/news/1, https://example.org/news/2]",
        ),
    )


def test_json_prints_the_entry_written() -> None:
    write_brief("b", SIMPLE)
    r = run("resolve", "b/beta", "VOID", "--by", "A. Analyst", "--json", "--note", "yes")
    assert r.code == 0
    assert r.json() == {
        "by": "A. Analyst",
        "counts": True,
        "date": "2026-11-27",
        "forecast": "beta",
        "note": "yes",
        "outcome": "void",
        "path": PATH,
        "recorded": "2026-11-27T10:04:12Z",
        "ref": "b/beta",
        "sources": [],
    }
    assert text().endswith('    note: "yes"\n')


def test_recorded_is_the_real_clock_never_the_as_of_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", REAL_NOW)
    write_brief("b", SIMPLE)
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    r = run("resolve", "alpha", "y", "--as-of", "2026-04-01", "--by", "A", "--json")
    after = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    assert r.code == 0
    record = r.json()
    assert record["date"] == "2026-04-01"  # the as-of day is the default date
    recorded = dt.datetime.fromisoformat(record["recorded"].removesuffix("Z"))
    assert before <= recorded <= after
    (loaded,) = load_archive(load_settings()).briefs
    assert loaded.resolutions[0].recorded == recorded


def test_due_list_and_show_reflect_the_new_state_at_once() -> None:
    write_brief("b", SIMPLE)
    assert [d["id"] for d in run("due", "--json").json()] == ["alpha"]
    assert run("resolve", "alpha", "no", "--by", "A").code == 0
    assert run("due", "--json").json() == []
    listed = {s["id"]: (s["status"], s["outcome"]) for s in run("list", "--json").json()}
    assert listed == {"alpha": ("resolved", "no"), "beta": ("open", None)}
    assert (
        run("resolve", "alpha", "yes", "--date", "2026-04-01", "--by", "B", "--correct").code == 0
    )
    shown = run("show", "alpha", "--json").json()
    assert [(h["outcome"], h["by"]) for h in shown["history"]] == [("no", "A"), ("yes", "B")]
    assert (shown["status"], shown["outcome"]) == ("resolved", "yes")


def test_re_resolving_without_correct_is_refused_and_changes_nothing() -> None:
    write_brief("b", SIMPLE)
    assert run("resolve", "alpha", "yes", "--date", "2026-03-01", "--by", "A").code == 0
    before = text()
    r = run("resolve", "alpha", "no", "--by", "A")
    assert (r.code, r.out) == (1, "")
    assert r.err == (
        "Error: b/alpha is already resolved yes (dated 2026-03-01); to change it, run again "
        "with --correct (the earlier entry stays as history)\n"
    )
    assert text() == before
    r = run("resolve", "alpha", "no", "--by", "A", "--correct")
    assert r.err == (
        f"Recorded: alpha resolved no on 2026-11-27, correcting yes dated 2026-03-01 ({PATH}).\n"
    )
    # The correction follows the first entry in alpha's own list.
    assert text() == insert_after(
        BRIEF,
        ALPHA_END,
        own_list("outcome: yes", "date: 2026-03-01", "recorded: 2026-11-27T10:04:12Z", "by: A")
        + own_list(
            "outcome: no",
            "date: 2026-11-27",
            "recorded: 2026-11-27T10:04:12Z",
            "by: A",
            key=False,
        ),
    )


def test_an_early_no_needs_early_and_is_then_a_warning() -> None:
    write_brief("b", SIMPLE)
    r = run("resolve", "beta", "no", "--by", "A")
    assert r.code == 1
    assert r.err == (
        "Error: b/beta: `no` dated 2026-11-27 comes before the window closes on 2027-01-31; "
        "if it already cannot happen, run again with --early\n"
    )
    assert text() == BRIEF
    r = run("resolve", "beta", "no", "--by", "A", "--early")
    assert r.code == 0
    assert r.err == (
        f"{PATH}:16:15: warning: 'beta' resolved no on 2026-11-27, before its window closes "
        f"on 2027-01-31\nRecorded: beta resolved no on 2026-11-27 ({PATH}).\n"
    )


def test_a_yes_after_the_window_closed_is_recorded_with_a_warning() -> None:
    write_brief("b", SIMPLE)
    r = run("resolve", "alpha", "yes", "--by", "A")
    assert r.code == 0
    assert r.err.splitlines()[0] == (
        f"{PATH}:12:15: warning: 'alpha' resolved yes on 2026-11-27, after its window closed "
        "on 2026-04-30"
    )


def test_only_the_new_entrys_warnings_are_shown() -> None:
    # Beta, below alpha, has an early `no` that check warns of: resolving alpha, above it,
    # does not repeat that warning.
    write_brief("b", BRIEF + own_list("outcome: no", "date: 2026-05-01"))
    assert "warning" in run("check").err
    r = run("resolve", "alpha", "yes", "--date", "2026-03-01", "--by", "A")
    assert (r.code, r.err) == (0, f"Recorded: alpha resolved yes on 2026-03-01 ({PATH}).\n")
    r = run("resolve", "alpha", "yes", "--correct", "--by", "A")
    assert r.err.splitlines() == [
        f"{PATH}:16:15: warning: 'alpha' resolved yes on 2026-11-27, after its window closed "
        "on 2026-04-30",
        f"Recorded: alpha resolved yes on 2026-11-27, correcting yes dated 2026-03-01 ({PATH}).",
    ]


def test_by_defaults_to_who_is_recording(monkeypatch: pytest.MonkeyPatch) -> None:
    write_brief("b", SIMPLE)
    seen: list[Path] = []

    def default_by(folder: Path) -> str:
        seen.append(folder)
        return "Ada"

    monkeypatch.setattr(resolving, "default_by", default_by)
    assert run("resolve", "alpha", "yes", "--date", "2026-03-01").code == 0
    assert seen == [Path.cwd() / "briefs"]
    assert "    by: Ada\n" in text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "yes"], "Error: no forecast 'nope' (`forecast list` shows every reference)\n"),
        (["alpah", "yes"], "Error: no forecast 'alpah'; did you mean alpha?\n"),
        (
            ["c/alpha", "yes"],
            "Error: no forecast 'c/alpha'; did you mean b/alpha or c/gamma or c/delta?\n",
        ),
        (
            ["gamma", "yes"],
            "Error: 'gamma' names forecasts in several briefs; say which: b/gamma, c/gamma\n",
        ),
    ],
)
def test_unknown_and_ambiguous_references_list_the_candidates(
    args: list[str], message: str
) -> None:
    gamma = "  - {id: gamma, horizon: short, term: likely, statement: G.}\n"
    write_brief("b", BRIEF + gamma)
    write_brief("c", BRIEF.replace("alpha", "delta") + gamma)
    r = run("resolve", *args, "--by", "A")
    assert (r.code, r.out, r.err) == (1, "", message)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alpha", "maybe"], "OUTCOME must be yes, no, ambiguous or void (or y, n), not 'maybe'"),
        (["alpha"], "give the outcome after the reference: forecast resolve alpha yes|no|"),
        (
            ["alpha", "yes", "--date", "soon"],
            "--date: 'soon' is not a date; write it as 2025-12-08",
        ),
        (
            ["alpha", "yes", "--date", "2026-11-28"],
            "--date 2026-11-28 is after today (2026-11-27): record an outcome once it is known",
        ),
        (["alpha", "yes", "--as-of", "2027-01-01"], "the as-of day 2027-01-01 is after today"),
        (["alpha", "yes", "--tag", "x"], "--brief and --tag choose what the walk asks about"),
        (["--note", "x", "--early"], "--note, --early: only with REF OUTCOME (forecast resolve"),
        (
            [],
            "give REF OUTCOME (forecast resolve REF yes), or run `forecast resolve` alone in a "
            "terminal to walk the due list",
        ),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(args: list[str], message: str) -> None:
    write_brief("b", SIMPLE)
    r = run("resolve", *args)
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("Error: " + message)
    assert text() == BRIEF


def test_an_invalid_brief_is_never_written() -> None:
    write_brief("b", SIMPLE.replace("term: unlikely", "term: unlikly"))
    before = text()
    r = run("resolve", "b/alpha", "yes", "--by", "A")
    assert r.code == 1
    assert r.err == (
        f"{PATH}:12:11: unknown term 'unlikly' for scale 'bisi'; known terms: remote chance, "
        "highly unlikely, unlikely, realistic possibility, likely, highly likely, almost "
        f"certain\n{PATH}: not written: fix the errors above first (forecast check)\n"
    )
    assert text() == before


def test_an_unknown_reference_mentions_the_briefs_that_were_not_searched() -> None:
    write_brief("b", SIMPLE)
    write_brief("x", "title: Broken\n")
    r = run("resolve", "gamma", "yes", "--by", "A")
    assert (r.code, r.err) == (
        1,
        "Error: no forecast 'gamma' (`forecast list` shows every reference); 1 invalid brief "
        "not searched (forecast check lists the problems)\n",
    )


def test_a_brief_made_invalid_since_loading_is_refused_under_the_lock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_brief("b", SIMPLE)
    from forecastcli import writing

    broken = BRIEF.replace("published: 2026-01-31", "published: someday")

    def meanwhile(step: str) -> None:
        if step == "locked":
            Path(PATH).write_text(broken, encoding="utf-8")

    # The write tells each step it reaches to a callback, passed in where it starts.
    step = functools.partial(writing.append_resolution, step=meanwhile)
    monkeypatch.setattr(resolving, "append_resolution", step)
    r = run("resolve", "alpha", "yes", "--by", "A")
    assert r.code == 1
    assert r.err.splitlines()[-1] == (
        f"{PATH}: not written: fix the errors above first (forecast check)"
    )
    assert text() == broken


# -- every byte above the entry stays -------------------------------------------------------

ODD = [
    "%YAML 1.1",
    "---   # the document starts here",
    "# A brief kept by hand: comments, odd spacing and quoting stay as they are.",
    "forecasts:   # forecasts first, the title later",
    "",
    "  - id: alpha      # trailing comment",
    "    horizon:    short",
    "    term: 'Likely'",
    "    statement: >-",
    "      Alpha happens,",
    "      folded over two lines.",
    '  -   {id: beta, horizon: medium, term: "unlikely", statement: Beta happens.}',
    "",
    "",
    'title: "Odd: formatting"',
    "published: 2026-01-31   ",
    "author: [A. Analyst, 'B. Analyst']",
    "tags: &t [testing]\t# a tab before this comment",
    "url: !!str https://example.org/odd",
    "resolutions:   # appended by `forecast resolve`; never rewritten",
    "    -   forecast: beta",
    "        outcome: void",
    "        date: 2026-02-01",
    "        note: |",
    "          Kept as a literal",
    "          block.",
    "",
    "# the end",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("final_newline", [True, False])
def test_every_byte_around_the_new_entry_stays(newline: str, final_newline: bool) -> None:
    old = newline.join(ODD) + (newline if final_newline else "")
    path = Path(PATH)
    path.write_bytes(old.encode("utf-8"))
    r = run(
        "resolve", "alpha", "yes", "--date", "2026-03-01", "--by", "A. Analyst", "--note", "Held."
    )
    assert r.code == 0, r.err
    new = path.read_bytes()
    added = [
        "    resolutions:",
        "      - outcome: yes",
        "        date: 2026-03-01",
        "        recorded: 2026-11-27T10:04:12Z",
        "        by: A. Analyst",
        "        note: Held.",
    ]
    # Right after alpha's last line, the end of its folded statement; beta, written in
    # braces on the next line, and everything after it stay as they were.
    lines = old.split(newline)
    at = ODD.index("      folded over two lines.") + 1
    assert new == newline.join([*lines[:at], *added, *lines[at:]]).encode()
    (loaded,) = load_archive(load_settings()).briefs
    assert [(e.forecast, e.outcome) for e in loaded.resolutions] == [
        ("alpha", "yes"),
        ("beta", "void"),
    ]
    assert loaded.resolutions[1].note == "Kept as a literal\nblock."


def test_beta_in_braces_gets_its_entry_in_the_top_level_list() -> None:
    old = "\n".join(ODD) + "\n"
    Path(PATH).write_text(old, encoding="utf-8")
    r = run(
        "resolve", "beta", "ambiguous", "--correct", "--date", "2026-11-01", "--by", "A. Analyst"
    )
    assert r.code == 0, r.err
    assert text() == old + (
        "    - forecast: beta\n"
        "      outcome: ambiguous\n"
        "      date: 2026-11-01\n"
        "      recorded: 2026-11-27T10:04:12Z\n"
        "      by: A. Analyst\n"
    )


def test_a_top_level_list_that_is_not_last_is_refused_for_a_forecast_in_braces() -> None:
    braces = "  - {id: alpha, horizon: short, term: likely, statement: Alpha happens.}\n"
    write_brief(
        "b",
        BRIEF.replace("tags: [testing]\n", "").split("  - id: alpha")[0]
        + braces
        + "resolutions:\ntags: [testing]\n",
    )
    before = text()
    r = run("resolve", "alpha", "yes", "--by", "A")
    assert r.code == 1
    assert r.err == (
        f"Error: {PATH}:6:1: `resolutions:` is not the last block of the file; move it (with "
        "its entries) below `tags:` so that new entries can be added\n"
    )
    assert text() == before
    # A forecast written one key a line takes the entry in its own list, wherever the
    # brief's top-level list stands.
    write_brief("b", BRIEF.replace("tags: [testing]\n", "") + "resolutions:\ntags: [testing]\n")
    assert run("resolve", "alpha", "yes", "--by", "A").code == 0


# -- when the target cannot be written ------------------------------------------------------


def test_a_read_only_brief_is_refused_and_left_alone() -> None:
    path = write_brief("b", SIMPLE)
    path.chmod(0o444)  # the mode bits are checked, so this holds for root too
    r = run("resolve", "alpha", "yes", "--by", "A")
    assert r.code == 1
    assert r.err == (
        f"Error: {PATH}: the file is read-only; make it writable (chmod u+w, or untick "
        "Read-only in its properties) to record an outcome\n"
    )
    assert text() == BRIEF
    assert path.stat().st_mode & 0o777 == 0o444


def test_a_brief_this_user_may_not_write_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    write_brief("b", SIMPLE)
    # Someone else's file with no write bit for us: root passes os.access, so simulate it.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    r = run("resolve", "alpha", "yes", "--by", "A")
    assert r.code == 1
    assert r.err.startswith(f"Error: {PATH}: the file is read-only; make it writable")
    assert text() == BRIEF


def test_a_read_only_folder_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    write_brief("b", SIMPLE)

    # Tests run as root, whom chmod does not stop; this is what an ordinary user meets.
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    r = run("resolve", "alpha", "yes", "--by", "A")
    assert r.code == 1
    assert r.err == f"Error: {PATH}: cannot write: permission denied; the brief is unchanged\n"
    assert text() == BRIEF


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_really_read_only_folder_gives_a_clear_error() -> None:
    write_brief("b", SIMPLE)
    folder = Path("briefs")
    folder.chmod(0o555)
    try:
        r = run("resolve", "alpha", "yes", "--by", "A")
    finally:
        folder.chmod(0o755)
    assert r.code == 1
    assert "permission denied" in r.err
    assert text() == BRIEF


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_full_disk_gives_a_clear_error(failing: str, monkeypatch: pytest.MonkeyPatch) -> None:
    write_brief("b", SIMPLE)
    real = getattr(os, failing)

    def full(fd: int, *args: object) -> object:
        if fd > 2:  # the test's own output still flows
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, *args)

    monkeypatch.setattr(os, failing, full)
    r = run("resolve", "alpha", "yes", "--by", "A")
    assert r.code == 1
    assert r.err == f"Error: {PATH}: cannot write: the disk is full; the brief is unchanged\n"
    assert text() == BRIEF
    assert sorted(p.name for p in Path("briefs").iterdir()) == [".b.yaml.lock", "b.yaml"]


# -- twenty at once -------------------------------------------------------------------------


def test_twenty_concurrent_resolvers_lose_no_entry(tmp_path: Path) -> None:
    forecasts = "".join(
        f"  - {{id: f{i:02d}, term: likely, statement: Event {i}., closes: 2025-06-30}}\n"
        for i in range(20)
    )
    write_brief("many", f"title: Many\npublished: 2025-01-01\nforecasts:\n{forecasts}")
    resolve_at_once(tmp_path)
    archive = load_archive(load_settings())
    assert archive.problems == []
    (brief,) = archive.briefs
    assert sorted((e.forecast, e.by) for e in brief.resolutions) == [
        (f"f{i:02d}", f"Analyst {i}") for i in range(20)
    ]
    assert sorted(p.name for p in Path("briefs").iterdir()) == [".many.yaml.lock", "many.yaml"]


# -- the walk through the due list ----------------------------------------------------------

WALK = """
    title: Walk
    published: 2026-01-31
    forecasts:
      - {id: first, term: likely, statement: First happens., closes: 2026-06-30}
      - {id: second, term: unlikely, statement: Second happens., closes: 2026-08-31}
      - {id: third, term: likely, statement: Third happens., closes: 2026-12-01}
      - {id: later, term: likely, statement: Later., closes: 2027-06-30}
"""
WALK_PATH = "briefs/w.yaml"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("forecastcli.cli.resolve.stdin_is_terminal", lambda: True)


def walk_text() -> str:
    return Path(WALK_PATH).read_text(encoding="utf-8")


def item(n: int, ref: str, status: str, statement: str, term: str, closes: str) -> str:
    return (
        f"\n[{n}/3] {ref} ({status})\n"
        "Brief:    Walk (2026-01-31)\n"
        f"Forecast: {statement}\n"
        f"Term:     {term}\n"
        f"Window:   2026-01-31 → {closes}\n"
    )


HEAD = (
    "3 forecasts due or coming due as of 2026-11-27, earliest close first.\n"
    # Wrapped at words to the terminal's 100 columns.
    "Answer y yes, n no, a ambiguous (cannot be judged), v void (the question lost its "
    "meaning), s skip,\nq quit. Each answer is saved at once.\n"
)
FIRST = item(
    1, "first", "due, 150 days overdue", "First happens.", "likely (55–75 %)", "2026-06-30"
)
SECOND = item(
    2, "second", "due, 88 days overdue", "Second happens.", "unlikely (25–35 %)", "2026-08-31"
)
THIRD = item(3, "third", "coming due in 4 days", "Third happens.", "likely (55–75 %)", "2026-12-01")
OUTCOME = "Outcome [y/n/a/v/s/q]: "


def date_prompt(outcome: str, hint: str) -> str:
    what = "Date it happened" if outcome == "yes" else "Date it became known"
    return f"{what} (such as {hint}; Enter or q to go back): "


NOTES = "Note (optional): Source URLs (optional, separated by spaces): "


@pytest.mark.usefixtures("terminal")
def test_the_walk_asks_in_due_order_and_writes_each_answer() -> None:
    write_brief("w", WALK)
    answers = [
        "y",
        "2026-06-01",
        "Reported widely.",
        "https://example.org/1 https://example.org/2",
        "s",
        "n",
        "today",  # the as-of day, before `third` closes
        "y",  # yes, record `no` already
        "",
        "",
    ]
    r = run("resolve", "--by", "A. Analyst", input="\n".join(answers) + "\n")
    assert r.code == 0, r.err
    assert (
        r.out
        == (
            HEAD
            + FIRST
            + OUTCOME
            # The window closed: its closing day is the example, never today.
            + date_prompt("yes", "2026-06-30")
            + NOTES
            + "Recorded: first resolved yes on 2026-06-01 (briefs/w.yaml).\n"
            + SECOND
            + OUTCOME
            + THIRD
            + OUTCOME
            + date_prompt("no", "2026-11-27")
            + "The window closes on 2026-12-01; record no already, as it cannot happen? [y/n] (n): "
            + NOTES
            + "Recorded: third resolved no on 2026-11-27 (briefs/w.yaml).\n"
            "Done: 2 recorded, 1 skipped, 0 not asked.\n"
        )
    )
    assert r.err == (
        "briefs/w.yaml:18:11: warning: 'third' resolved no on 2026-11-27, before its window "
        "closes on 2026-12-01\n"
    )
    assert walk_text().endswith(
        entry(
            "forecast: first",
            "outcome: yes",
            "date: 2026-06-01",
            "recorded: 2026-11-27T10:04:12Z",
            "by: A. Analyst",
            "note: Reported widely.",
            "sources: [https://example.org/1, https://example.org/2]",
        )
        + entry(
            "forecast: third",
            "outcome: no",
            "date: 2026-11-27",
            "recorded: 2026-11-27T10:04:12Z",
            "by: A. Analyst",
        )
    )
    assert [d["id"] for d in run("due", "--json").json()] == ["second"]


@pytest.mark.usefixtures("terminal")
def test_quitting_halfway_keeps_what_was_answered() -> None:
    write_brief("w", WALK)
    r = run("resolve", "--by", "A", input="v\nyesterday\n\n\nq\n")
    assert r.code == 0
    assert r.out.endswith(
        "Recorded: first resolved void on 2026-11-26 (briefs/w.yaml).\n"
        + SECOND
        + OUTCOME
        + "Stopped: 1 recorded, 0 skipped, 2 not asked.\n"
    )
    assert walk_text().count("- forecast:") == 1
    assert [d["id"] for d in run("due", "--json").json()] == ["second", "third"]
    # The next walk starts where this one stopped.
    r = run("resolve", "--by", "A", input="q\n")
    assert r.out.startswith(
        "2 forecasts due or coming due as of 2026-11-27, earliest close first.\n"
    )


@pytest.mark.usefixtures("terminal")
def test_input_running_out_stops_the_walk_without_a_half_answer() -> None:
    write_brief("w", WALK)
    r = run("resolve", "--by", "A", input="a\n2026-07-01\n")  # ends before the note
    assert r.code == 0
    # Ctrl-D leaves the cursor after the question: the stop line starts a fresh one.
    assert r.out.endswith("Note (optional): \nStopped: 0 recorded, 0 skipped, 3 not asked.\n")
    assert walk_text() == textwrap.dedent(WALK).lstrip("\n")


@pytest.mark.usefixtures("terminal")
def test_ctrl_c_keeps_what_was_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    write_brief("w", WALK)

    def typed() -> Iterator[str]:
        yield from ["a", "today", "", "", "y", "2026-07-01"]
        raise KeyboardInterrupt

    keys = typed()
    monkeypatch.setattr(builtins, "input", lambda *args: next(keys))
    r = run("resolve", "--by", "A")
    assert r.code == 130
    # A terminal leaves its cursor after the question (and its `^C`): the stop line
    # starts a fresh one.
    assert r.out.endswith("Note (optional): \nStopped: 1 recorded, 0 skipped, 2 not asked.\n")
    assert walk_text().count("- forecast:") == 1
    assert "outcome: ambiguous" in walk_text()


@pytest.mark.usefixtures("terminal")
def test_wrong_answers_are_asked_again() -> None:
    write_brief("w", WALK)
    answers = [
        "x",
        "n",
        "soon",
        "2026-13-01",
        "05/01/2026",
        "0026-06-01",
        "2027-01-01",
        "2026-06-01",
        "n",  # not already: back to the outcome
        "y",
        "2 June 2026",
        "",
        "",
        "q",
    ]
    r = run("resolve", "--by", "A", input="\n".join(answers) + "\n")
    assert r.code == 0
    ask_no = date_prompt("no", "2026-06-30")
    assert r.out == (
        HEAD
        + FIRST
        + OUTCOME
        + "Please select one of the available options\n"
        + OUTCOME
        + ask_no
        + "'soon' is not a date; write it as 2025-12-08.\n"
        + ask_no
        + "'2026-13-01' is not a real date: there is no month 13.\n"
        + ask_no
        + "'05/01/2026' could be 5 January 2026 (2026-01-05) or 1 May 2026 (2026-05-01); write "
        "the one meant in\nISO form, or set `date_order: dmy` or `mdy` in forecast.yaml.\n"
        + ask_no
        + "'0026-06-01' is out of range; give a day from 1900 to 2999.\n"
        + ask_no
        + "That is after today (2026-11-27).\n"
        + ask_no
        + "The window closes on 2026-06-30; record no already, as it cannot happen? [y/n] (n): "
        + OUTCOME
        + date_prompt("yes", "2026-06-30")
        + NOTES
        + "Recorded: first resolved yes on 2026-06-02 (briefs/w.yaml).\n"
        + SECOND
        + OUTCOME
        + "Stopped: 1 recorded, 0 skipped, 2 not asked.\n"
    )


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("back", ["", "q", " Q "])
def test_the_date_prompt_goes_back_to_the_outcome_and_never_dates_a_yes_today(back: str) -> None:
    write_brief("w", WALK)
    # `first` closed on 2026-06-30: Enter (or q) at its date goes back to the outcome, so
    # an overdue yes is never dated today, nor any day the analyst did not type.
    r = run("resolve", "--by", "A", input=f"y\n{back}\ns\nq\n")
    assert r.code == 0
    assert r.out == (
        HEAD
        + FIRST
        + OUTCOME
        + date_prompt("yes", "2026-06-30")
        + OUTCOME
        + SECOND
        + OUTCOME
        + "Stopped: 0 recorded, 1 skipped, 2 not asked.\n"
    )
    assert walk_text() == textwrap.dedent(WALK).lstrip("\n")


@pytest.mark.usefixtures("terminal")
def test_a_forecast_resolved_meanwhile_is_reported_and_the_walk_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_brief("w", WALK)
    real = resolving.record

    def someone_else_first(
        settings: Settings,
        brief_id: str,
        shown: str,
        request: resolving.Request,
        recorded: dt.datetime,
        commit: bool = False,
    ) -> Written:
        if request.forecast == "first":
            other = resolving.Request("first", Outcome.VOID, dt.date(2026, 7, 1), by="B")
            real(settings, brief_id, shown, other, recorded)
        return real(settings, brief_id, shown, request, recorded, commit=commit)

    monkeypatch.setattr(resolving, "record", someone_else_first)
    r = run("resolve", "--by", "A", input="y\n2026-06-01\n\n\ny\n2026-06-01\n\n\nq\n")
    assert r.code == 0
    assert r.err == (
        "Not recorded: w/first is already resolved void (dated 2026-07-01); to change it, run "
        "again with\n  --correct (the earlier entry stays as history)\n"
    )
    assert r.out.endswith("Stopped: 1 recorded, 1 skipped, 1 not asked.\n")
    assert [line for line in walk_text().splitlines() if "by:" in line] == [
        "    by: B",
        "    by: A",
    ]


@pytest.mark.usefixtures("terminal")
def test_the_walk_names_the_invalid_briefs_it_leaves_out() -> None:
    write_brief("w", WALK)
    write_brief("x", "title: Broken\n")
    r = run("resolve", "--by", "A", input="q\n")
    assert r.code == 0
    assert r.err == (
        "briefs/x.yaml:1:1: missing `published` (a date such as 2025-12-08)\n"
        "briefs/x.yaml:1:1: missing `forecasts` (a list of the brief's forecasts)\n"
    )
    assert r.out.startswith(HEAD)


@pytest.mark.usefixtures("terminal")
def test_a_walk_with_nothing_due_says_so() -> None:
    write_brief("w", WALK)
    r = run("resolve", "--by", "A", "--as-of", "2026-02-01", input="")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        "Nothing awaits an outcome as of 2026-02-01 (due, or coming due within 14 days).\n"
    )


@pytest.mark.usefixtures("terminal")
def test_the_walk_honours_brief_and_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    write_brief("w", WALK)
    write_brief("b", SIMPLE)
    r = run("resolve", "--by", "A", "--tag", "testing", input="q\n")
    assert r.out.startswith("1 forecast due or coming due as of 2026-11-27")
    assert "[1/1] alpha (due, 211 days overdue)" in r.out
    r = run("resolve", "--by", "A", "--brief", "w", input="q\n")
    assert r.out.startswith("3 forecasts due")


def test_the_command_has_help_with_an_example() -> None:
    r = run("resolve", "--help")
    assert r.code == 0
    assert "Example: forecast resolve signing-ceremony yes" in r.out
