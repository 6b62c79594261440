"""The leave-one-brief-out score kept beside the cache: read back for an unchanged archive
asked the same question, never for a changed one, and never believed when damaged."""

from __future__ import annotations

import json
from pathlib import Path

from forecastcli import cache
from tests.helpers import run
from tests.test_benchmarks import generator
from tests.test_cache import cached

__all__ = ["cached"]  # the fixture, used by name

AS_OF = ("--as-of", "2026-11-27")


def kept() -> Path:
    (found,) = cache.folder().glob("*.scores")
    return found


def calibration() -> dict[str, object]:
    result = run("calibration", "--json", *AS_OF)
    assert result.code == 0, result.err
    fresh = run("calibration", "--json", *AS_OF, "--no-cache")
    assert result.out == fresh.out
    overall: dict[str, object] = json.loads(result.out)
    return overall


def out_of_sample(found: dict[str, object]) -> object:
    return found["recalibration"]["brier_after_loo"]  # type: ignore[index]


def test_the_score_is_kept_read_back_and_dropped_when_the_briefs_change(
    cached: list[str], tmp_path: Path
) -> None:
    generator().generate(40, tmp_path / "briefs", seed=5)
    calibration()  # makes the index
    assert not list(cache.folder().glob("*.scores"))  # nothing kept from a rebuilt index
    first = calibration()  # served whole from the index: the score is kept
    data = json.loads(kept().read_text())
    ((question, answer),) = data["answers"].items()
    assert question.startswith("2026-11-27 ")
    assert round(answer[0], 6) == out_of_sample(first) and answer[1] is None

    # It is read back: a kept answer altered (with the file's own generation) shows.
    data["answers"][question] = [0.123, None]
    kept().write_text(json.dumps(data))
    shown = json.loads(run("calibration", "--json", *AS_OF).out)
    assert out_of_sample(shown) == 0.123
    assert shown["brier"] == first["brier"]  # the rest is counted, not kept

    # Damaged, or of another generation: ignored, and written anew.
    for text in ("{not json", json.dumps({**data, "generation": "0-0-0-0"}), '{"answers": 7}'):
        kept().write_text(text)
        assert calibration() == first
        assert round(json.loads(kept().read_text())["answers"][question][0], 6) == out_of_sample(
            first
        )

    # A resolution changes the cache file: the kept score is of another generation.
    listed = json.loads(run("list", "--json", "--status", "due", *AS_OF).out)
    assert listed
    done = run("resolve", listed[0]["ref"], "no", "--date", "2026-11-01")
    assert done.code == 0, done.err
    after = calibration()
    assert after["n"] != first["n"] or after["brier"] != first["brier"]


def test_another_question_gets_its_own_answer(cached: list[str], tmp_path: Path) -> None:
    generator().generate(40, tmp_path / "briefs", seed=6)
    calibration()
    calibration()
    other = run("calibration", "--json", "--as-of", "2025-06-30")
    assert other.out == run("calibration", "--json", "--as-of", "2025-06-30", "--no-cache").out
    report = run("report", "--as-of", "2026-11-27", "--format", "text")
    assert (
        report.out == run("report", "--as-of", "2026-11-27", "--format", "text", "--no-cache").out
    )
    answers = json.loads(kept().read_text())["answers"]
    assert sorted(q.split()[0] for q in answers) == ["2025-06-30", "2026-11-27"]
