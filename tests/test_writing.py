"""Appending a resolution: the entry's text, where it goes, and a write that survives crashes."""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastcli import writing
from forecastcli.config import Settings, load_settings
from forecastcli.errors import DataError
from forecastcli.loading import load_archive
from forecastcli.model import Outcome, Resolution
from forecastcli.validation import check_text
from tests.conftest import SIMPLE, write_brief

STAMP = dt.datetime(2026, 11, 27, 10, 4, 12)
ENTRY = Resolution(
    forecast="alpha",
    outcome=Outcome.YES,
    date=dt.date(2026, 3, 1),
    recorded=STAMP,
    by="A. Analyst",
    note="Ceremony held in Washington.",
    sources=("https://example.org/news/1",),
)
ENTRY_TEXT = (
    "  - forecast: alpha\n"
    "    outcome: yes\n"
    "    date: 2026-03-01\n"
    "    recorded: 2026-11-27T10:04:12Z\n"
    "    by: A. Analyst\n"
    "    note: Ceremony held in Washington.\n"
    "    sources: [https://example.org/news/1]\n"
)
BRIEF = textwrap.dedent(SIMPLE).lstrip("\n")


def test_entry_text_is_the_format_example() -> None:
    assert writing.entry_text(ENTRY) == ENTRY_TEXT
    assert writing.entry_text(ENTRY, "", "\r\n") == (
        ENTRY_TEXT.replace("\n  ", "\n").removeprefix("  ").replace("\n", "\r\n")
    )


def _settings() -> Settings:
    return Settings(briefs=Path("briefs"))


@settings(max_examples=300, deadline=None)
@given(
    by=st.text(),
    note=st.text(),
    sources=st.lists(st.text(min_size=1), max_size=3),
)
def test_any_entry_reads_back_as_written(by: str, note: str, sources: list[str]) -> None:
    entry = Resolution(
        forecast="alpha",
        outcome=Outcome.AMBIGUOUS,
        date=dt.date(2026, 3, 1),
        recorded=STAMP,
        by=by.strip() or None,
        note=note.strip() or None,
        sources=tuple(sources),
    )
    new_text = writing.appended("b.yaml", BRIEF, entry)
    assert new_text.startswith(BRIEF)
    brief, problems = check_text("b.yaml", "b", new_text, _settings())
    assert brief is not None, problems
    (read,) = brief.resolutions
    assert (read.by, read.note, read.sources) == (entry.by, entry.note, entry.sources)
    assert read.recorded == STAMP
    new_text.encode("utf-8")  # nothing that cannot be saved


# -- where the entry goes -------------------------------------------------------------------


def test_a_brief_without_resolutions_gets_the_key_at_the_end() -> None:
    new = writing.appended("b.yaml", BRIEF, ENTRY)
    assert new == BRIEF + "resolutions:\n" + ENTRY_TEXT


def test_a_missing_final_newline_is_added_first() -> None:
    text = BRIEF.rstrip("\n") + "  # last line"
    assert writing.appended("b.yaml", text, ENTRY) == text + "\nresolutions:\n" + ENTRY_TEXT


def test_crlf_files_stay_crlf() -> None:
    text = BRIEF.replace("\n", "\r\n")
    new = writing.appended("b.yaml", text, ENTRY)
    assert new == text + ("resolutions:\n" + ENTRY_TEXT).replace("\n", "\r\n")
    assert "\n" not in new.replace("\r\n", "")


def test_entries_follow_the_indentation_of_the_existing_ones() -> None:
    text = BRIEF + (
        "resolutions:   # appended by `forecast resolve`; never rewritten\n"
        "    -   forecast: beta\n"
        "        outcome: void\n"
        "        date: 2026-02-01\n"
        "# trailing comment\n"
    )
    new = writing.appended("b.yaml", text, ENTRY)
    assert new == text + textwrap.indent(ENTRY_TEXT, "  ")


def test_an_indentless_list_gets_an_indentless_item() -> None:
    text = BRIEF + "resolutions:\n- {forecast: beta, outcome: void, date: 2026-02-01}\n"
    new = writing.appended("b.yaml", text, ENTRY)
    assert new == text + textwrap.dedent(ENTRY_TEXT)


def test_an_empty_resolutions_key_gets_its_first_item() -> None:
    text = BRIEF + "resolutions:  # none yet\n\n# the end\n"
    assert writing.appended("b.yaml", text, ENTRY) == text + ENTRY_TEXT


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (
            "resolutions: []\n",
            "b.yaml:14:1: `resolutions:` must be a list with one `- forecast: ...` item per "
            "entry (or empty); rewrite it in that form (a `[]` can simply be deleted)",
        ),
        (
            "resolutions: null\n",
            "b.yaml:14:1: `resolutions:` must be a list",
        ),
        (
            "resolutions:\n  - {forecast: beta, outcome: void, date: 2026-02-01}\nurl: x\n",
            "b.yaml:14:1: `resolutions:` is not the last block of the file; move it (with its "
            "entries) below `url:` so that new entries can be appended",
        ),
        (
            "...\n",
            "b.yaml:14:1: the file goes on after the brief (a `...` or `---` line); remove it "
            "so that resolutions can be appended at the end",
        ),
    ],
)
def test_files_that_cannot_be_appended_to_are_refused(tail: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        writing.appended("b.yaml", BRIEF + tail, ENTRY)
    assert caught.value.message.startswith(message)


def test_resolutions_as_an_alias_or_with_the_item_below_its_dash_are_refused() -> None:
    listed = "  - {forecast: beta, outcome: void, date: 2026-02-01}\n"
    with pytest.raises(DataError, match=r"b.yaml:16:1: `resolutions:` refers to a list written"):
        writing.appended("b.yaml", f"x: &r\n{listed}{BRIEF}resolutions: *r\n", ENTRY)
    below = "resolutions:\n  -\n    forecast: beta\n    outcome: void\n    date: 2026-02-01\n"
    with pytest.raises(DataError, match="cannot tell how the entries of `resolutions:` are"):
        writing.appended("b.yaml", BRIEF + below, ENTRY)


def test_a_brief_written_as_one_flow_mapping_is_refused() -> None:
    text = "{title: T, published: 2026-01-31, forecasts: [{id: a, term: likely, statement: S, horizon: short}]}\n"
    with pytest.raises(DataError, match=r"one \{\.\.\.\} mapping; write it one key per line"):
        writing.appended("b.yaml", text, ENTRY)


# -- the safe write -------------------------------------------------------------------------


def _append(path: Path, entry: Resolution = ENTRY) -> writing.Written:
    return writing.append_resolution(path, "briefs/b.yaml", load_settings(), lambda _: entry)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_append_writes_the_file_and_keeps_its_mode() -> None:
    path = write_brief("b", SIMPLE)
    path.chmod(0o640)
    written = _append(path)
    assert path.read_text(encoding="utf-8") == BRIEF + "resolutions:\n" + ENTRY_TEXT
    assert (written.entry.forecast, written.entry.line) == ("alpha", 15)
    assert path.stat().st_mode & 0o777 == 0o640
    assert _leftovers(path.parent) == []


def test_the_lock_file_is_a_dotfile_the_loader_skips() -> None:
    path = write_brief("b", SIMPLE)
    _append(path)
    names = sorted(p.name for p in path.parent.iterdir())
    # filelock keeps the file on POSIX: unlinking it while another writer waits on it
    # would let a third take a fresh lock at the same time.
    assert names in (["b.yaml"], [".b.yaml.lock", "b.yaml"])
    archive = load_archive(load_settings())
    assert [b.id for b in archive.briefs] == ["b"]
    assert archive.problems == archive.warnings == []


class Crash(Exception):
    pass


@pytest.mark.parametrize("step", ["locked", "read", "verified", "written", "synced", "replaced"])
def test_a_failure_between_steps_leaves_old_or_new_and_no_temporary_file(
    step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_brief("b", SIMPLE)

    def reached(name: str) -> None:
        if name == step:
            raise Crash(name)

    with pytest.raises(Crash):
        writing.append_resolution(
            path, "briefs/b.yaml", load_settings(), lambda _: ENTRY, step=reached
        )
    after = path.read_text(encoding="utf-8")
    assert after == (BRIEF + "resolutions:\n" + ENTRY_TEXT if step == "replaced" else BRIEF)
    assert _leftovers(path.parent) == []


KILL = """
import functools, os, sys
from forecastcli import resolving, writing
step = sys.argv[1]
resolving.append_resolution = functools.partial(
    writing.append_resolution, step=lambda name: os._exit(9) if name == step else None
)
from forecastcli.cli import main
sys.argv = ["forecast", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("step", ["locked", "read", "verified", "written", "synced", "replaced"])
def test_a_process_killed_between_steps_leaves_a_loadable_brief(step: str, tmp_path: Path) -> None:
    path = write_brief("b", SIMPLE)
    args = ["alpha", "yes", "--date", "2026-03-01", "--by", "A. Analyst", "--briefs", "briefs"]
    killed = subprocess.run(
        [sys.executable, "-c", KILL, step, "resolve", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == 9, killed.stderr
    after = path.read_text(encoding="utf-8")
    if step == "replaced":
        assert after.startswith(BRIEF + "resolutions:\n  - forecast: alpha\n")
    else:
        assert after == BRIEF
    archive = load_archive(load_settings())
    assert archive.problems == []
    assert len(archive.briefs[0].resolutions) == (1 if step == "replaced" else 0)
    # A killed writer cannot remove its temporary file; the next writer of the brief does.
    left = _leftovers(path.parent)
    assert len(left) == (1 if step in ("written", "synced") else 0)
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "forecastcli",
            "resolve",
            "beta",
            "void",
            "--by",
            "B",
            "--briefs",
            "briefs",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert _leftovers(path.parent) == []


def test_a_full_disk_leaves_the_file_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_brief("b", SIMPLE)
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if fd > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(DataError) as caught:
        _append(path)
    assert caught.value.message == (
        "briefs/b.yaml: cannot write: the disk is full; the brief is unchanged"
    )
    assert path.read_text(encoding="utf-8") == BRIEF
    assert _leftovers(path.parent) == []


def test_another_writer_holding_the_lock_makes_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from filelock import FileLock

    path = write_brief("b", SIMPLE)
    monkeypatch.setattr(writing, "LOCK_TIMEOUT", 0.2)
    with FileLock(str(writing.lock_path(path))), pytest.raises(DataError) as caught:
        _append(path)
    assert caught.value.message.startswith(
        "briefs/b.yaml: another `forecast resolve` has been writing this brief for 0.2 seconds"
    )
    assert path.read_text(encoding="utf-8") == BRIEF


def test_verification_refuses_a_text_that_reads_back_differently(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_brief("b", SIMPLE)
    # As if the placement went wrong: the entry lands inside the last forecast.
    monkeypatch.setattr(
        writing, "appended", lambda shown, text, entry, doc=None: text + "    criteria: changed\n"
    )
    with pytest.raises(DataError, match="read back differently"):
        _append(path)
    assert path.read_text(encoding="utf-8") == BRIEF
