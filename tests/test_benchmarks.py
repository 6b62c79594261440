"""The benchmark's synthetic archive: valid briefs to the SPEC, the same every time."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from forecastcli import status
from forecastcli.config import load_settings
from forecastcli.loading import load_archive
from tests.helpers import REPO, TODAY


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def archive_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("generated")
    generator().generate(300, folder, seed=7, today=TODAY)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_same_seed_gives_the_same_bytes(
    archive_texts: dict[str, bytes], tmp_path: Path
) -> None:
    generator().generate(300, tmp_path / "again", seed=7, today=TODAY)
    again = {p.name: p.read_bytes() for p in sorted((tmp_path / "again").iterdir())}
    assert again == archive_texts


def test_generated_briefs_are_valid_and_shaped_as_an_archive(
    archive_texts: dict[str, bytes], tmp_path: Path
) -> None:
    for name, data in archive_texts.items():
        (tmp_path / "briefs" / name).write_bytes(data)
    archive = load_archive(load_settings())
    assert (archive.problems, archive.warnings) == ([], [])
    assert len(archive.briefs) == 300
    assert {len(b.forecasts) for b in archive.briefs} == {6}
    published = [b.published for b in archive.briefs]
    assert TODAY - dt.timedelta(days=3653) <= min(published) and max(published) <= TODAY
    assert min(published) < TODAY - dt.timedelta(days=3000)  # spread over the ten years
    forecasts = list(archive.forecasts())
    assert {f.horizon for f in forecasts} == {"short", "medium", "long", None}
    assert len({f.term.name for f in forecasts if f.term}) >= 8
    # A team that keeps up: nearly every window closed over a month ago has an outcome.
    states = status.states(archive.briefs, TODAY)
    old = [s for s in states if s.forecast.window.closes < TODAY - dt.timedelta(days=31)]
    resolved = sum(s.status == status.Status.RESOLVED for s in old)
    assert 0.97 <= resolved / len(old) < 1
    assert status.due(archive.briefs, TODAY, 14)  # and some work is waiting


@pytest.mark.parametrize("within", [0, 14, 90])
@pytest.mark.parametrize("day", ["2019-06-30", "2026-11-27", "2027-02-01"])
def test_due_lists_what_the_states_say(
    archive_texts: dict[str, bytes], tmp_path: Path, within: int, day: str
) -> None:
    for name, data in archive_texts.items():
        (tmp_path / "briefs" / name).write_bytes(data)
    briefs = load_archive(load_settings()).briefs
    as_of = dt.date.fromisoformat(day)
    expected = [
        (
            s.forecast.ref,
            status.Status.DUE if s.status == status.Status.DUE else status.Status.COMING_DUE,
            s.days,
        )
        for s in status.states(briefs, as_of)
        if s.status == status.Status.DUE or (s.status == status.Status.OPEN and s.days <= within)
    ]
    items = status.due(briefs, as_of, within)
    assert sorted((s.forecast.ref, s.status, s.days) for s in items) == sorted(expected)
    order = [(s.forecast.window.closes, s.brief.id, s.forecast.id) for s in items]
    assert order == sorted(order)
