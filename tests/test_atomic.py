"""Writing a file whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from forecastcli.atomic import write_file
from forecastcli.errors import DataError


def test_write_file_refuses_a_folder_and_keeps_nothing_half_written(tmp_path: Path) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    with pytest.raises(DataError, match="it is a folder"):
        write_file(folder, "x")
    target = tmp_path / "keep.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_file(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefs", "here", "keep.csv"]


def test_write_file_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c.txt"
    write_file(target, "text – with an en dash\n")
    assert target.read_bytes() == "text – with an en dash\n".encode()
    assert [p.name for p in target.parent.iterdir()] == ["c.txt"]


# -- the three guarantees a regression would lose silently ----------------------------------


def test_the_file_is_replaced_by_a_rename_never_written_in_place(tmp_path: Path) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("old\n", encoding="utf-8")
    before = target.stat().st_ino
    with target.open(encoding="utf-8") as reader:  # a reader in the middle of the old file
        write_file(target, "new\n")
        # Written in place, the reader would see the new bytes; renamed, it keeps the old.
        assert reader.read() == "old\n"
    assert target.stat().st_ino != before
    assert target.read_text(encoding="utf-8") == "new\n"


def test_resolve_replaces_the_brief_by_a_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from forecastcli import clock
    from tests.helpers import SIMPLE, run, write_brief

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 27, 10, 4, 12))
    path = write_brief("b", SIMPLE)
    before = path.stat().st_ino
    with path.open(encoding="utf-8") as reader:
        r = run("resolve", "alpha", "yes", "--date", "2026-03-01")
        assert r.code == 0, r.err
        assert reader.read() == SIMPLE
    assert path.stat().st_ino != before


def test_the_data_then_the_rename_then_the_folder_are_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    folder = target.parent.stat()
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            same = (st.st_dev, st.st_ino) == (folder.st_dev, folder.st_ino)
            events.append(("fsync", "the folder" if same else "another folder"))
        else:
            events.append(("fsync", "a file"))
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        assert Path(str(src)).parent == Path(str(dst)).parent  # a temporary file beside it
        events.append(("rename", Path(str(dst)).name))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_file(target, "new\n")
    assert events == [("fsync", "a file"), ("rename", "report.md"), ("fsync", "the folder")]
    assert target.read_text(encoding="utf-8") == "new\n"


def test_import_never_replaces_a_brief_that_appears_while_it_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from tests.helpers import run

    source = tmp_path / "small.txt"
    source.write_text(
        "Grain Corridor Outlook\nBy Mira Stone | 12 January 2026\n\nForecast\n"
        "Short term (0–3 months)\n- The corridor will almost certainly stay open.\n",
        encoding="utf-8",
    )
    target = tmp_path / "briefs" / "2026-01-12-grain-corridor-outlook.yaml"
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        # Someone else writes the same brief after import looked and before it renames.
        target.write_text("title: theirs\n", encoding="utf-8")
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    # atomic.py calls tempfile.mkstemp through the module, so this reaches it.
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    r = run("import", str(source))
    assert r.code == 1
    assert "exists; give --force to replace it" in r.err
    assert target.read_text(encoding="utf-8") == "title: theirs\n"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp left
