"""`forecast calibration`: the table, the picture, the JSON keys, filters and breakdowns."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import SHARED, run, write_brief

MANDEL = SHARED / "data" / "mandel_accuracy_2014.csv"


def write_mandel_briefs(path: Path) -> int:
    """One brief per kind of forecast in the file, each forecast with a bare `p`."""
    # The file has a byte-order mark and CRLF line ends: utf-8-sig and newline="" read both.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    kinds: dict[tuple[str, ...], list[dict[str, str]]] = defaultdict(list)
    for record in records:
        kind = ("Experience", "Difficulty", "Importance", "Timeframe")
        kinds[tuple(record[k] for k in kind)].append(record)
    for i, (kind, items) in enumerate(sorted(kinds.items())):
        closes = "2010-07-01" if kind[3] == "Up to 6 months" else "2011-01-01"
        tags = ", ".join(k.lower() for k in kind[:3])
        lines = [f"title: Kind {i}", "published: 2010-01-01", f"tags: [{tags}]", "forecasts:"]
        entries = ["resolutions:"]
        for j, record in enumerate(items):
            lines.append(
                f"  - {{id: f{j}, p: {record['Forecast']}, statement: Event {j}., "
                f"closes: {closes}}}"
            )
            outcome = {"1": "yes", "0": "no"}[record["Outcome"]]
            entries.append(f"  - {{forecast: f{j}, outcome: {outcome}, date: {closes}}}")
        write_brief(f"kind-{i:02d}", "\n".join(lines + entries) + "\n")
    return len(records)


def test_mandel_and_barnes_2014_figures() -> None:
    if not MANDEL.is_file():
        pytest.skip("the shared reference data is not here")
    assert write_mandel_briefs(MANDEL) == 1514
    r = run("calibration", "--json", "--as-of", "2026-11-27")
    assert r.code == 0, r.err
    data = r.json()
    figures = {k: round(data[k], 4) for k in ("uncertainty", "resolution", "reliability", "brier")}
    assert figures == {
        "uncertainty": 0.2404,
        "resolution": 0.1824,
        "reliability": 0.0161,
        "brier": 0.0742,
    }
    assert data["n"] == 1514
    assert data["approximate"] is False
    assert data["left_out"] == {"ambiguous": 0, "void": 0, "open": 0}
    # Nine probabilities were used (0, 0.1, 0.25, ..., 1): one row each, bare p, no term.
    assert [row["point"] for row in data["rows"]] == [0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1]
    assert all(row["term"] is None for row in data["rows"])
    assert sum(row["n"] for row in data["rows"]) == 1514
    # Well calibrated, slightly underconfident: "75 %" happened 91 % of the time.
    seventy_five = data["rows"][6]
    assert (seventy_five["n"], seventy_five["happened"]) == (405, 369)
    assert seventy_five["verdict"] == "happens more often"


BRIEF = """
    title: Gulf outlook
    author: [A. Analyst, B. Writer]
    published: 2025-01-10
    tags: [gulf, iran]
    forecasts:
      - {id: a1, term: likely, statement: A1., closes: 2025-06-30, confidence: high}
      - {id: a2, term: likely, statement: A2., closes: 2025-06-30}
      - {id: a3, term: likely, statement: A3., closes: 2025-06-30}
      - {id: a4, term: likely, p: 0.6, statement: A4., closes: 2025-12-31}
      - {id: b1, term: unlikely, statement: B1., closes: 2025-06-30}
      - {id: b2, term: unlikely, statement: B2., closes: 2025-06-30}
      - {id: b3, term: unlikely, statement: B3., closes: 2025-12-31}
      - {id: c1, term: almost certain, statement: C1., closes: 2025-12-31}
      - {id: d1, p: 0.3, statement: D1., closes: 2025-06-30}
      - {id: x1, term: likely, statement: X1., closes: 2025-06-30}
      - {id: x2, term: likely, statement: X2., closes: 2025-06-30}
      - {id: x3, term: likely, statement: X3., closes: 2027-01-31}
      - {id: x4, term: likely, statement: X4., closes: 2026-06-30}
    resolutions:
      - {forecast: a1, outcome: yes, date: 2025-03-01}
      - {forecast: a2, outcome: yes, date: 2025-04-01}
      - {forecast: a3, outcome: no, date: 2025-06-30}
      - {forecast: a4, outcome: yes, date: 2025-09-01}
      - {forecast: b1, outcome: yes, date: 2025-05-01}
      - {forecast: b2, outcome: yes, date: 2025-05-02}
      - {forecast: b3, outcome: yes, date: 2025-10-01}
      - {forecast: c1, outcome: yes, date: 2025-08-01}
      - {forecast: d1, outcome: no, date: 2025-06-30}
      - {forecast: x1, outcome: ambiguous, date: 2025-07-01}
      - {forecast: x2, outcome: void, date: 2025-07-01}
      - {forecast: x3, outcome: yes, date: 2026-02-01}
"""


def test_table_picture_and_scores() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    r = run("calibration")
    assert r.code == 0, r.err
    assert r.err == ""
    # Rich pads table lines with spaces; the text, not the padding, is the contract.
    lines = "\n".join(line.rstrip() for line in r.out.splitlines())
    assert lines == EXPECTED_TABLE


EXPECTED_TABLE = """\
Calibration as of 2026-11-27 (windows closed by then)

 Term                    Band %   Point %   n   Yes   Rate %      95 % CI   Verdict
 ─────────────────────────────────────────────────────────────────────────────────────────────
 remote chance           0–5          2.5   0
 highly unlikely         10–20         15   0
 unlikely                25–35         30   3     3    100.0   43.9–100.0   happens more often
 realistic possibility   40–50         45   0
 likely                  55–75         65   3     2     66.7    20.8–93.9   in band
 likely (p = 60 %)       55–75         60   1     1    100.0   20.7–100.0   consistent
 highly likely           80–90         85   0
 almost certain          95–100      97.5   1     1    100.0   20.7–100.0   in band
 p = 30 %                30            30   1     0      0.0     0.0–79.3   consistent

                       0        25        50        75       100 %
remote chance          ===.......:.........:.........:.........:
highly unlikely        :...=====.:.........:.........:.........:
unlikely               :.........=====...----------------------o  overconfident
realistic possibility  :.........:.....=====.........:.........:
likely                 :.......--------------=====o===--------.:
likely (p = 60 %)      :.......--------------=========---------o
highly likely          :.........:.........:.........:.=====...:
almost certain         :.......------------------------------==o
p = 30 %               o-----------=--------------------.......:
                       = band   - 95 % interval   o observed rate

N 9 (7 happened), base rate 77.8 %
Brier score 0.2653 = reliability 0.1913 - resolution 0.0988 + uncertainty 0.1728
Skill against the base rate -0.535; always saying 50 % scores 0.2500
Left out: 1 ambiguous, 1 void, 2 open (1 window still open, 1 due and awaiting an outcome)."""


def test_json_keys_and_left_out() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    data = run("calibration", "--json").json()
    assert set(data) == {
        "n",
        "base_rate",
        "brier",
        "reliability",
        "resolution",
        "uncertainty",
        "skill",
        "approximate",
        "left_out",
        "rows",
    }
    assert data["n"] == 9
    # x1 ambiguous, x2 void; x3 resolved before its window closes; x4 due, no outcome.
    assert data["left_out"] == {"ambiguous": 1, "void": 1, "open": 2}
    rows = [(r["term"], r["point"], r["n"], r["happened"], r["verdict"]) for r in data["rows"]]
    assert rows == [
        ("unlikely", 0.3, 3, 3, "happens more often"),
        ("likely", 0.65, 3, 2, "in band"),
        ("likely", 0.6, 1, 1, "consistent"),
        ("almost certain", 0.975, 1, 1, "in band"),
        (None, 0.3, 1, 0, "consistent"),
    ]
    first = data["rows"][0]
    assert set(first) == {
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
    }
    assert first["leaning"] == "overconfident"  # "unlikely" happened more often
    assert (first["scale"], first["low"], first["high"], first["rate"]) == ("bisi", 0.25, 0.35, 1)
    assert first["wilson_low"] == pytest.approx(0.4385, abs=1e-4)
    assert first["wilson_high"] == 1


def test_include_open_and_as_of() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    data = run("calibration", "--json", "--include-open").json()
    assert data["n"] == 10
    assert data["left_out"] == {"ambiguous": 1, "void": 1, "open": 1}
    # On 2025-06-30 only the outcomes known by then count; later ones are "open".
    data = run("calibration", "--json", "--as-of", "2025-06-30").json()
    assert data["n"] == 6
    assert data["left_out"] == {"ambiguous": 0, "void": 0, "open": 7}


def test_since_until_filter_by_window_close() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    data = run("calibration", "--json", "--since", "2025-07-01", "--until", "2025-12-31").json()
    assert data["n"] == 3
    assert [(r["term"], r["n"]) for r in data["rows"]] == [
        ("unlikely", 1),
        ("likely", 1),
        ("almost certain", 1),
    ]
    assert run("calibration", "--json", "--until", "2025-01-01").json()["n"] == 0


def test_by_gives_one_group_each() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    write_brief(
        "2025-02-01-levant",
        """
        title: Levant
        published: 2025-02-01
        tags: [levant]
        forecasts:
          - {id: l1, term: unlikely, statement: L1., closes: 2025-06-30}
        resolutions:
          - {forecast: l1, outcome: no, date: 2025-06-30}
        """,
    )
    data = run("calibration", "--json", "--by", "tag").json()
    assert data["n"] == 10
    assert [(g["group"], g["n"]) for g in data["groups"]] == [
        ("gulf", 9),
        ("iran", 9),
        ("levant", 1),
    ]
    assert set(data["groups"][0]) == set(data) - {"groups", "by"} | {"group"}
    data = run("calibration", "--json", "--by", "confidence").json()
    assert [(g["group"], g["n"]) for g in data["groups"]] == [("high", 1), ("(not given)", 9)]
    data = run("calibration", "--json", "--by", "year").json()
    assert [(g["group"], g["n"], g["left_out"]["open"]) for g in data["groups"]] == [
        ("2025", 10, 0),
        ("2026", 0, 1),
        ("2027", 0, 1),
    ]
    r = run("calibration", "--by", "author", "--tag", "levant")
    assert r.code == 0
    assert "Calibration as of 2026-11-27 (windows closed by then); author (not given)" in r.out


def test_nothing_to_score() -> None:
    r = run("calibration")
    assert (r.code, r.out) == (
        0,
        "Calibration as of 2026-11-27 (windows closed by then): no forecast to score.\n"
        "Left out: none.\n",
    )
    data = run("calibration", "--json").json()
    assert data["n"] == 0 and data["rows"] == []
    assert data["brier"] is data["skill"] is data["uncertainty"] is None


def test_invalid_brief_is_listed_and_the_rest_scored() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    write_brief("bad", "title: B\npublished: 2025-01-01\nforecasts:\n  - {id: x, p: 2}\n")
    r = run("calibration", "--json")
    assert r.code == 1
    assert r.json()["n"] == 9
    assert "briefs/bad.yaml:4:" in r.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour"], "Error: --by must be one of term, horizon, confidence, author,"),
        (["--since", "soon"], "Error: --since: 'soon' is not a date; write it as 2026-11-27"),
        (
            ["--since", "2026-01-01", "--until", "2025-01-01"],
            "Error: --since 2026-01-01 is after --until 2025-01-01",
        ),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    r = run("calibration", *args)
    assert r.code == 2
    assert r.err.startswith(message)


EVEN = """
    title: Even odds
    published: 2025-01-10
    scale: icd203
    forecasts:
{forecasts}
    resolutions:
{resolutions}
"""


def write_even_brief() -> None:
    """Ten `roughly even chance` forecasts and ten bare `p: 0.5`, none of which happened,
    and ten `likely` ones that all missed too: only `likely` leans."""
    forecasts, resolutions = [], []
    for i in range(10):
        for name, given in (
            ("e", "term: roughly even chance"),
            ("h", "p: 0.5"),
            ("l", "term: likely"),
        ):
            forecasts.append(
                f"      - {{id: {name}{i}, {given}, statement: S., closes: 2025-06-30}}"
            )
            resolutions.append(f"      - {{forecast: {name}{i}, outcome: no, date: 2025-06-30}}")
    write_brief(
        "2025-01-10-even",
        EVEN.format(forecasts="\n".join(forecasts), resolutions="\n".join(resolutions)),
    )


def test_a_group_whose_band_holds_50_percent_is_neither_over_nor_underconfident() -> None:
    # SPEC section 7: over- and underconfidence are distances from 50 %; a forecast of
    # 50 % that missed is not "overconfident", however often it missed.
    write_even_brief()
    r = run("calibration")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    ticks = next(i for i, line in enumerate(lines) if "0        25        50" in line)
    picture = {line.split("  ")[0]: line for line in lines[ticks + 1 : ticks + 9]}
    assert picture["roughly even chance"].endswith(":")
    assert picture["p = 50 %"].endswith(":")
    assert picture["likely"].endswith("  overconfident")
    rows = {(row["term"], row["point"]): row for row in run("calibration", "--json").json()["rows"]}
    assert [(key, row["verdict"], row["leaning"]) for key, row in rows.items()] == [
        (("roughly even chance", 0.5), "happens less often", None),
        (("likely", 0.675), "happens less often", "overconfident"),
        ((None, 0.5), "happens less often", None),
    ]
    for fmt in ("markdown", "html", "text"):
        lines = run("report", "--format", fmt).out.splitlines()
        for name in ("roughly even chance", "p = 50 %"):
            mentions = [line for line in lines if name in line]
            assert mentions and not any("confident" in line for line in mentions), (fmt, name)
        assert any("likely" in line and "overconfident" in line for line in lines), fmt
