"""`forecast export`: one row per forecast, CSV or JSON, to standard output or a file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from forecastcli.records import EXPORT_FIELDS as FIELDS
from tests.helpers import SEED_BRIEFS, run, write_brief

BRIEF = """
    title: Gulf outlook
    author: [A. Analyst, B. Writer]
    published: 2025-01-10
    tags: [gulf, iran]
    forecasts:
      - {id: a1, term: likely, statement: "A1, with a comma.", closes: 2025-06-30,
         confidence: high}
      - {id: d1, p: 0.3, statement: D1., horizon: long}
    resolutions:
      - {forecast: a1, outcome: no, date: 2025-06-30, recorded: 2025-07-02T08:00:00Z}
      - {forecast: a1, outcome: yes, date: 2025-06-20, recorded: 2025-08-01T08:00:00Z}
"""


def test_csv_to_standard_output() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    r = run("export")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert tuple(rows[0]) == FIELDS
    assert rows == [
        {
            "ref": "2025-01-10-gulf/a1",
            "brief": "2025-01-10-gulf",
            "id": "a1",
            "title": "Gulf outlook",
            "authors": "A. Analyst; B. Writer",
            "published": "2025-01-10",
            "tags": "gulf; iran",
            "scale": "bisi",
            "statement": "A1, with a comma.",
            "term": "likely",
            "probability": "0.65",
            "band_low": "0.55",
            "band_high": "0.75",
            "horizon": "",
            "opens": "2025-01-10",
            "closes": "2025-06-30",
            "confidence": "high",
            "status": "resolved",
            "outcome": "yes",
            "outcome_date": "2025-06-20",
        },
        {
            "ref": "2025-01-10-gulf/d1",
            "brief": "2025-01-10-gulf",
            "id": "d1",
            "title": "Gulf outlook",
            "authors": "A. Analyst; B. Writer",
            "published": "2025-01-10",
            "tags": "gulf; iran",
            "scale": "bisi",
            "statement": "D1.",
            "term": "",
            "probability": "0.3",
            "band_low": "0.3",
            "band_high": "0.3",
            "horizon": "long",
            "opens": "2026-01-10",
            "closes": "2027-01-10",
            "confidence": "",
            "status": "open",
            "outcome": "",
            "outcome_date": "",
        },
    ]


def test_json_and_as_of() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    # On 2025-07-15 only the first entry (no) had been recorded.
    r = run("export", "--format", "json", "--as-of", "2025-07-15")
    assert r.code == 0, r.err
    first, second = r.json()
    assert list(first) == sorted(FIELDS)
    assert (first["outcome"], first["outcome_date"]) == ("no", "2025-06-30")
    assert (first["authors"], first["tags"]) == (["A. Analyst", "B. Writer"], ["gulf", "iran"])
    assert (first["probability"], second["term"], second["outcome"]) == (0.65, None, None)


def test_empty_exports() -> None:
    assert run("export", "--format", "json").out == "[]\n"
    assert run("export").out == ",".join(FIELDS) + "\n"


def test_output_file_creates_folders_and_replaces_whole(tmp_path: Path) -> None:
    r = run("export", "--briefs", str(SEED_BRIEFS), "--format", "json", "-o", "out/new/f.json")
    assert r.code == 0, r.err
    assert (r.out, r.err) == ("", "Wrote 7 forecasts to out/new/f.json.\n")
    target = tmp_path / "out" / "new" / "f.json"
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 7
    r = run("export", "--briefs", str(SEED_BRIEFS), "--tag", "nothing", "--output", str(target))
    assert r.code == 0
    assert target.read_text(encoding="utf-8") == ",".join(FIELDS) + "\n"
    # Nothing but the export is left in the folder: the temporary file was renamed.
    assert [p.name for p in target.parent.iterdir()] == ["f.json"]


def test_bad_format_and_unwritable_output(tmp_path: Path) -> None:
    r = run("export", "--format", "xlsx")
    assert (r.code, r.err) == (2, "Error: --format must be one of csv, json, not 'xlsx'\n")
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    r = run("export", "-o", "taken/f.csv")
    assert r.code == 1
    assert r.err.startswith("Error: cannot write taken/f.csv: ")


NOISY = """
    title: Noise
    published: 2025-01-10
    forecasts:
      - {id: h, term: highly unlikely, statement: H., closes: 2025-03-01}
      - {id: p, p: 0.30000000000000004, statement: P., closes: 2025-03-01}
    resolutions:
      - {forecast: h, outcome: no, date: 2025-03-01}
      - {forecast: p, outcome: yes, date: 2025-03-01}
"""


def test_numbers_are_written_without_float_noise() -> None:
    # The point of "highly unlikely" (10-20 %) is computed as 0.15000000000000002; a
    # spreadsheet or a script must read 0.15 (SPEC section 7).
    write_brief("n", NOISY)
    csv_text = run("export").out
    assert ",highly unlikely,0.15,0.1,0.2," in csv_text
    assert ",0.3,0.3,0.3," in csv_text
    json_text = run("export", "--format", "json").out
    assert '"probability": 0.15,' in json_text
    assert "0000000" not in csv_text + json_text
    for command in (("list", "--json"), ("show", "n/h", "--json"), ("calibration", "--json")):
        out = run(*command).out
        assert "0000000" not in out, command
    rows = run("calibration", "--json").json()["rows"]
    assert [(r["point"], r["rate"]) for r in rows] == [(0.15, 0.0), (0.3, 1.0)]
