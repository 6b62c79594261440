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
