"""Writing a resolution into a brief file: a lock, a check of the new text, and a write
that survives crashes. Where the entry goes is tests/test_placing.py's."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from forecastcli import gitrepo, writing
from forecastcli.config import load_settings
from forecastcli.errors import DataError
from forecastcli.loading import load_archive
from forecastcli.model import Resolution
from forecastcli.placing import Insertion
from tests.helpers import SIMPLE, insert_after, own_list, write_brief
from tests.test_placing import ENTRY, LINES

BRIEF = textwrap.dedent(SIMPLE).lstrip("\n")
# BRIEF once ENTRY is written: in alpha's own list, right after its last line.
WRITTEN = insert_after(BRIEF, "    statement: Alpha happens.", own_list(*LINES))


# -- the safe write -------------------------------------------------------------------------


def _append(path: Path, entry: Resolution = ENTRY) -> writing.Written:
    return writing.append_resolution(path, "briefs/b.yaml", load_settings(), lambda _: entry)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_append_writes_the_file_and_keeps_its_mode() -> None:
    path = write_brief("b", SIMPLE)
    path.chmod(0o640)
    written = _append(path)
    assert path.read_text(encoding="utf-8") == WRITTEN
    assert (written.entry.forecast, written.entry.line) == ("alpha", 11)
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
    assert after == (WRITTEN if step == "replaced" else BRIEF)
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
        assert after.startswith(BRIEF.split("  - id: beta")[0] + "    resolutions:\n")
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
    lock = gitrepo.lock_file(Path(os.path.realpath(path)))
    with FileLock(str(lock)), pytest.raises(DataError) as caught:
        _append(path)
    assert caught.value.message.startswith(
        "briefs/b.yaml: another `forecast resolve` has been writing this brief for 0.2 seconds"
    )
    assert path.read_text(encoding="utf-8") == BRIEF


@pytest.mark.parametrize(
    "wrong",
    [
        "    criteria: changed\n",  # the entry's text changes the last forecast instead
        "    resolutions:\n      - outcome: yes\n        date: 2026-03-01\n",  # under beta
    ],
)
def test_verification_refuses_a_text_that_reads_back_differently(
    wrong: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_brief("b", SIMPLE)

    def misplaced(shown: str, text: str, entry: Resolution, doc: object = None) -> Insertion:
        line = text.count("\n") + 1
        return Insertion(len(text), wrong, line, wrong.count("\n"), line + 1)

    # As if the placement went wrong: the text lands at the end of the file.
    monkeypatch.setattr(writing, "placement", misplaced)
    with pytest.raises(DataError, match="read back differently"):
        _append(path)
    assert path.read_text(encoding="utf-8") == BRIEF
