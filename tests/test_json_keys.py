"""Every command's `--json` keys, pinned: a key added, renamed or dropped fails here first.

Scripts read these keys; their shapes live in forecastcli.records (and the importer's draft),
and this file is where a change to any of them must be owned up to.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SIMPLE, run, write_brief

FORECAST = {
    "ref",
    "brief",
    "id",
    "statement",
    "term",
    "probability",
    "band_low",
    "band_high",
    "horizon",
    "opens",
    "closes",
    "status",
    "days",
    "outcome",
    "outcome_date",
}
DUE = FORECAST - {"band_low", "band_high", "outcome", "outcome_date"}
ENTRY = {"forecast", "outcome", "date", "recorded", "by", "note", "sources", "counts"}
SHOWN = FORECAST | {"history", "confidence", "criteria", "quote", "title"}
BRIEF = {"brief", "title", "authors", "published", "scale", "tags", "url", "path", "forecasts"}
PROBLEM = {"path", "line", "column", "message", "severity"}
SCALE = {"name", "title", "source", "default", "terms"}
TERM = {"name", "low", "high", "point", "phrasings"}
CALIBRATION = {
    "n",
    "base_rate",
    "mean_forecast",
    "calibration_in_the_large",
    "brier",
    "reliability",
    "resolution",
    "uncertainty",
    "wbv",
    "wbc",
    "skill",
    "approximate",
    "recalibration",
    "auc",
    "words_only_brier",
    "left_out",
    "rows",
}
RECALIBRATION = {
    "intercept",
    "slope",
    "slope_low",
    "slope_high",
    "finding",
    "brier_after",
    "brier_after_loo",
}
LEFT_OUT = {"ambiguous", "void", "open"}
ROW = {
    "scale",
    "term",
    "low",
    "high",
    "point",
    "n",
    "happened",
    "rate",
    "wilson_low",
    "wilson_high",
    "verdict",
    "leaning",
    "suggest",
}
EXPORT = (FORECAST - {"days"}) | {
    "title",
    "authors",
    "published",
    "tags",
    "scale",
    "confidence",
}
DRAFT = {
    "brief",
    "path",
    "written",
    "title",
    "authors",
    "published",
    "scale",
    "marks",
    "forecasts",
    "yaml",
}
DRAFT_FORECAST = {
    "id",
    "line",
    "horizon",
    "heading",
    "term",
    "band",
    "p",
    "confidence",
    "statement",
    "quote",
    "commented_out",
    "marks",
}

RESOLVED = SIMPLE + textwrap.dedent("""\
    resolutions:
      - forecast: alpha
        outcome: yes
        date: 2026-03-01
        recorded: 2026-03-02T09:00:00Z
""")


@pytest.fixture(autouse=True)
def folder() -> None:
    write_brief("b", RESOLVED)
    write_brief("broken", "title: T\n")  # for `check`: one problem


def json_of(*args: str) -> Any:
    r = run(*args)
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def test_due() -> None:
    (item,) = json_of("due", "--json", "--as-of", "2027-01-20")
    assert set(item) == DUE


def test_list() -> None:
    items = json_of("list", "--json", "--as-of", "2026-11-27")
    assert [set(i) for i in items] == [FORECAST, FORECAST]


def test_show_a_forecast() -> None:
    record = json_of("show", "b/alpha", "--json", "--as-of", "2026-11-27")
    assert set(record) == SHOWN
    assert [set(entry) for entry in record["history"]] == [ENTRY]


def test_show_a_brief() -> None:
    record = json_of("show", "b", "--json", "--as-of", "2026-11-27")
    assert set(record) == BRIEF
    assert [set(f) for f in record["forecasts"]] == [FORECAST, FORECAST]


def test_check() -> None:
    problems = json_of("check", "--json")
    assert problems and all(set(p) == PROBLEM for p in problems)


def test_scales() -> None:
    scales = json_of("scales", "--json")
    assert {s["name"] for s in scales} == {"phia", "bisi", "icd203", "kent"}
    assert all(set(s) == SCALE for s in scales)
    assert all(set(t) == TERM for s in scales for t in s["terms"])


def calibration_keys(record: dict[str, Any]) -> None:
    assert set(record["recalibration"]) == RECALIBRATION
    assert set(record["left_out"]) == LEFT_OUT
    assert all(set(row) == ROW for row in record["rows"])


def test_calibration() -> None:
    record = json_of("calibration", "--json", "--as-of", "2026-11-27")
    assert set(record) == CALIBRATION
    assert len(record["rows"]) == 1
    calibration_keys(record)


def test_calibration_by() -> None:
    record = json_of("calibration", "--json", "--by", "horizon", "--as-of", "2026-11-27")
    assert set(record) == CALIBRATION | {"by", "groups"}
    assert [g["group"] for g in record["groups"]] == ["short", "medium"]
    for group in record["groups"]:
        assert set(group) == CALIBRATION | {"group"}
        calibration_keys(group)


def test_resolve() -> None:
    record = json_of("resolve", "beta", "no", "--date", "2026-11-27", "--early", "--json")
    assert set(record) == ENTRY | {"ref", "path"}


def test_export_json() -> None:
    items = json_of("export", "--format", "json", "--as-of", "2026-11-27")
    assert [set(i) for i in items] == [EXPORT, EXPORT]


def test_import(tmp_path: Path) -> None:
    source = tmp_path / "brief.txt"
    source.write_text(
        "Grain Corridor Outlook\nBy Mira Stone | 12 January 2026\n\nForecast\n"
        "Short term (0–3 months)\n- The corridor will almost certainly stay open.\n",
        encoding="utf-8",
    )
    record = json_of("import", str(source), "--json", "--dry-run")
    assert set(record) == DRAFT
    assert [set(f) for f in record["forecasts"]] == [DRAFT_FORECAST]
    written = json_of("import", str(source), "--json")
    assert set(written) == DRAFT - {"yaml"}
