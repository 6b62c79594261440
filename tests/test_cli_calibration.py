"""`forecast calibration`: the table, the picture, the JSON keys, filters and breakdowns."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path

import pytest

from tests.helpers import SHARED, run, write_brief
from tests.test_json_keys import CALIBRATION

MANDEL = SHARED / "data" / "mandel_accuracy_2014.csv"


def write_mandel_briefs(path: Path) -> int:
    """One brief per kind of forecast in the file, each forecast with a bare `p`."""
    # The file has a byte-order mark and CRLF line ends: utf-8-sig and newline="" read both.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    kinds: dict[tuple[str, ...], list[dict[str, str]]] = defaultdict(list)
    for record in records:
        columns = ("Experience", "Difficulty", "Importance", "Timeframe")
        kinds[tuple(record[k] for k in columns)].append(record)
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
    assert r.out == EXPECTED_TABLE + "\n"


EXPECTED_TABLE = """\
Calibration as of 2026-11-27 (windows closed by then)

Term                   Band %  Mean p %  n  Yes  Rate %     95 % CI  Verdict
───────────────────────────────────────────────────────────────────────────────────────
remote chance          0–5          2.5  0
highly unlikely        10–20         15  0
unlikely               25–35         30  3    3   100.0  43.9–100.0  happens more often
                                                                     (overconfident)
realistic possibility  40–50         45  0
likely                 55–75      63.75  4    3    75.0   30.1–95.4  in band
highly likely          80–90         85  0
almost certain         95–100      97.5  1    1   100.0  20.7–100.0  in band
p = 30 %               30            30  1    0     0.0    0.0–79.3  consistent

                       0        25        50        75       100 %
remote chance          ===.......:.........:.........:.........:
highly unlikely        :...=====.:.........:.........:.........:
unlikely               :.........=====...----------------------o
realistic possibility  :.........:.....=====.........:.........:
likely                 :.........:.----------========o--------.:
highly likely          :.........:.........:.........:.=====...:
almost certain         :.......------------------------------==o
p = 30 %               o-----------=--------------------.......:
                       = band   - 95 % interval   o observed rate

N 9 (7 happened), base rate 77.8 %
Brier score 0.2653 = reliability 0.1790 - resolution 0.0895 + uncertainty 0.1728
  + within-group variance 0.0002 - within-group covariance -0.0028
Skill against the base rate -0.535; always saying 50 % scores 0.2500
Left out: 1 ambiguous, 1 void, 2 open (1 window still open, 1 due and awaiting an outcome).

What to change
  Calibration in the large: mean forecast 52.5 %, base rate 77.8 %, difference -25.3 points (the
    forecasts ran low).
  Recalibration: n/a (fewer than 20 forecasts).
  Discrimination: AUC 0.536 (the chance that a forecast that happened had been given a higher p than
    one that did not; 0.5 is no better than chance).
  Words alone: the 8 forecasts with a term score 0.2826 at the terms' points, 0.2873 with the p
    used.
  Per group, where it misses its band:
    unlikely: happened 100 % (3 of 3, 95 % interval 44–100 %): that is "almost certain" on bisi"""


# JSON numbers are written to 6 places (SPEC section 7): figures from --json are compared
# to 1e-6, the exact ones in tests/test_scoring.py and tests/test_recalibration.py.
# The keys are pinned, with every other command's, in tests/test_json_keys.py.
KEYS = CALIBRATION

NO_RECALIBRATION = {
    "intercept": None,
    "slope": None,
    "slope_low": None,
    "slope_high": None,
    "finding": None,
    "brier_after": None,
    "brier_after_loo": None,
}


def test_json_keys_and_left_out() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    data = run("calibration", "--json").json()
    assert set(data) == KEYS
    assert data["n"] == 9
    # x1 ambiguous, x2 void; x3 resolved before its window closes; x4 due, no outcome.
    assert data["left_out"] == {"ambiguous": 1, "void": 1, "open": 2}
    rows = [(r["term"], r["point"], r["n"], r["happened"], r["verdict"]) for r in data["rows"]]
    # a4's own p of 0.6 joins "likely": the row shows the mean p used, 0.6375.
    assert rows == [
        ("unlikely", 0.3, 3, 3, "happens more often"),
        ("likely", 0.6375, 4, 3, "in band"),
        ("almost certain", 0.975, 1, 1, "in band"),
        (None, 0.3, 1, 0, "consistent"),
    ]
    # Section 7a, by hand. Mean p (3·0.65 + 0.6 + 3·0.3 + 0.975 + 0.3) / 9 = 0.525.
    assert data["mean_forecast"] == pytest.approx(0.525, abs=1e-6)
    assert data["calibration_in_the_large"] == pytest.approx(0.525 - 7 / 9, abs=1e-6)
    # 14 pairs (yes, no): against the no at 0.65, one higher and two ties; against the
    # no at 0.3, four higher and three ties: (1 + 1 + 4 + 1.5) / 14.
    assert data["auc"] == pytest.approx(7.5 / 14, abs=1e-6)
    # The 8 forecasts with a term, a4 at "likely"'s 0.65 rather than its own 0.6.
    words = (3 * 0.35**2 + 0.65**2 + 3 * 0.7**2 + 0.025**2) / 8
    assert data["words_only_brier"] == pytest.approx(words, abs=1e-6)
    # Within "likely": p's 0.65, 0.65, 0.65, 0.6 around 0.6375; outcomes 1, 1, 0, 1.
    assert data["wbv"] == pytest.approx((3 * 0.0125**2 + 0.0375**2) / 9, abs=1e-6)
    assert data["wbc"] == pytest.approx(-0.025 / 9, abs=1e-6)
    total = data["reliability"] - data["resolution"] + data["uncertainty"]
    assert data["brier"] == pytest.approx(total + data["wbv"] - data["wbc"], abs=1e-6)
    # Nine forecasts are too few for a fit.
    assert data["recalibration"] == NO_RECALIBRATION
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
        "suggest",
    }
    assert first["leaning"] == "overconfident"  # "unlikely" happened more often
    assert first["suggest"] == "almost certain"  # 3 of 3
    assert [r["suggest"] for r in data["rows"][1:]] == [None, None, None]
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
        (["--since", "soon"], "Error: --since: 'soon' is not a date; write it as 2025-12-08"),
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
    # The table's verdict says which way a group leans, where it leans at all.
    table = {line.split("  ")[0]: line for line in lines[4:12]}
    assert table["roughly even chance"].endswith("  happens less often")
    assert table["p = 50 %"].endswith("  happens less often")
    assert table["likely"].endswith("  happens less often (overconfident)")
    rows = {(row["term"], row["point"]): row for row in run("calibration", "--json").json()["rows"]}
    assert [(key, row["verdict"], row["leaning"]) for key, row in rows.items()] == [
        (("roughly even chance", 0.5), "happens less often", None),
        (("likely", 0.675), "happens less often", "overconfident"),
        ((None, 0.5), "happens less often", None),
    ]
    for fmt in ("markdown", "html", "text"):
        lines = run("report", "--format", fmt).out.splitlines()
        if fmt == "text":
            # A row of the text table wraps its term and verdict: join each row's lines.
            joined: list[str] = []
            for line in lines:
                if line.startswith(" ") and joined:
                    joined[-1] += " " + " ".join(line.split())
                else:
                    joined.append(line)
            lines = joined
        for name in ("roughly even chance", "p = 50 %"):
            mentions = [line for line in lines if name in line]
            assert mentions and not any("confident" in line for line in mentions), (fmt, name)
        assert any("likely" in line and "overconfident" in line for line in lines), fmt


# -- section 7a on sets small enough to check by hand ---------------------------------------


def write_forecasts(name: str, groups: list[tuple[str, int, int]]) -> None:
    """A brief of (`term: likely` or `p: 0.3`, forecasts, of which happened) groups."""
    forecasts: list[str] = []
    resolutions: list[str] = []
    for given, n, happened in groups:
        for i in range(n):
            ident = f"f{len(forecasts)}"
            forecasts.append(f"  - {{id: {ident}, {given}, statement: S., closes: 2025-06-30}}")
            outcome = "yes" if i < happened else "no"
            resolutions.append(f"  - {{forecast: {ident}, outcome: {outcome}, date: 2025-06-30}}")
    head = [f"title: {name}", "published: 2025-01-10", "forecasts:"]
    write_brief(name, "\n".join([*head, *forecasts, "resolutions:", *resolutions]) + "\n")


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_all_yes_has_no_skill_fit_or_auc_but_advice() -> None:
    write_forecasts("all-yes", [("term: likely", 25, 25)])
    data = run("calibration", "--json").json()
    assert set(data) == KEYS
    assert (data["n"], data["base_rate"], data["mean_forecast"]) == (25, 1, 0.65)
    assert data["calibration_in_the_large"] == pytest.approx(-0.35, abs=1e-6)
    assert (
        data["brier"]
        == data["reliability"]
        == data["words_only_brier"]
        == pytest.approx(0.35**2, abs=1e-6)
    )
    assert (data["resolution"], data["uncertainty"], data["wbv"], data["wbc"]) == (0, 0, 0, 0)
    assert (data["skill"], data["auc"]) == (None, None)
    assert data["recalibration"] == NO_RECALIBRATION
    (row,) = data["rows"]
    # 25 of 25: the interval's low end 25/(25 + z²) = 0.867 is above the band's 75 %.
    assert row["wilson_low"] == pytest.approx(25 / (25 + 1.959963984540054**2), abs=1e-6)
    assert (row["verdict"], row["leaning"], row["suggest"]) == (
        "happens more often",
        "underconfident",
        "almost certain",
    )
    out = run("calibration").out
    assert "  Recalibration: n/a (every forecast had the same outcome).\n" in out
    assert "  Discrimination: n/a (every forecast had the same outcome).\n" in out
    assert (
        '    likely: happened 100 % (25 of 25, 95 % interval 87–100 %): that is "almost '
        'certain" on bisi\n' in out
    )


def test_fewer_than_twenty_forecasts_have_no_fit_and_twenty_in_one_brief_no_loo() -> None:
    # likely: 6 of 10; unlikely: 3 of 9.
    write_forecasts("small", [("term: likely", 10, 6), ("term: unlikely", 9, 3)])
    data = run("calibration", "--json").json()
    assert data["n"] == 19
    assert data["recalibration"] == NO_RECALIBRATION
    # Pairs (yes, no): 6·6 right, 6·4 + 3·6 ties, 3·4 wrong, of 9·10.
    assert data["auc"] == pytest.approx((36 + (24 + 18) / 2) / 90, abs=1e-6)
    assert "  Recalibration: n/a (fewer than 20 forecasts).\n" in run("calibration").out
    # The twentieth forecast (unlikely, no) makes a fit: with two p's it gives each its
    # rate back, 60 % and 30 %, so b = (logit 0.6 − logit 0.3) / (logit 0.65 − logit 0.3).
    write_forecasts("small", [("term: likely", 10, 6), ("term: unlikely", 10, 3)])
    data = run("calibration", "--json").json()
    fit = data["recalibration"]
    slope = (logit(0.6) - logit(0.3)) / (logit(0.65) - logit(0.3))
    assert fit["slope"] == pytest.approx(slope, abs=1e-6)
    assert fit["intercept"] == pytest.approx(logit(0.3) - slope * logit(0.3), abs=1e-6)
    # Var b = (1/(10·0.6·0.4) + 1/(10·0.3·0.7)) / (logit 0.65 − logit 0.3)².
    se = math.sqrt(1 / 2.4 + 1 / 2.1) / (logit(0.65) - logit(0.3))
    assert fit["slope_low"] == pytest.approx(slope - 1.959963984540054 * se, abs=1e-6)
    assert fit["slope_high"] == pytest.approx(slope + 1.959963984540054 * se, abs=1e-6)
    assert fit["finding"] == "none"
    assert fit["brier_after"] == pytest.approx((0.6 * 0.4 + 0.3 * 0.7) / 2, abs=1e-6)
    # One brief: nothing is left to fit when it is left out.
    assert fit["brier_after_loo"] is None
    out = " ".join(run("calibration").out.split())
    assert "leaving one brief out n/a (every forecast is in one brief)" in out
    assert "no finding, the interval holds 1" in out


def test_leave_one_brief_out_by_hand() -> None:
    # a: unlikely 1 of 10, likely 9 of 10; b: unlikely 3 of 10, likely 7 of 10.
    write_forecasts("a", [("term: unlikely", 10, 1), ("term: likely", 10, 9)])
    write_forecasts("b", [("term: unlikely", 10, 3), ("term: likely", 10, 7)])
    fit = run("calibration", "--json").json()["recalibration"]
    # In sample the fit gives back the pooled rates, 20 % and 80 %.
    assert fit["brier_after"] == pytest.approx(0.16, abs=1e-6)
    assert fit["slope"] == pytest.approx(2 * logit(0.8) / (logit(0.65) - logit(0.3)), abs=1e-6)
    # Without a, the fit gives b's rates (30 %, 70 %), and a scores 1·0.7² + 9·0.3² per p;
    # without b, a's rates (10 %, 90 %), and b scores 3·0.9² + 7·0.1² per p.
    expected = (2 * (0.49 + 9 * 0.09) + 2 * (3 * 0.81 + 7 * 0.01)) / 40
    assert fit["brier_after_loo"] == pytest.approx(expected, abs=1e-6)


def test_a_rate_in_a_gap_between_bands_gets_the_nearest_band() -> None:
    # 46 of 50 "likely" happened: 92 %, 2 points above "highly likely" (80–90) and 3 below
    # "almost certain" (95–100); the interval 81–97 % lies above "likely"'s 75 %.
    write_forecasts("gap", [("term: likely", 50, 46)])
    (row,) = run("calibration", "--json").json()["rows"]
    assert (row["verdict"], row["suggest"]) == ("happens more often", "highly likely")
    advice = (
        'likely: happened 92 % (46 of 50, 95 % interval 81–97 %): the nearest band is "highly '
        'likely" on bisi'
    )
    assert advice in " ".join(run("calibration").out.split())
    for fmt in ("markdown", "html", "text"):
        report = " ".join(run("report", "--format", fmt).out.split())
        shown = advice.replace('"', "&quot;") if fmt == "html" else advice
        assert shown in report, fmt


def test_fifty_percent_gets_no_lean_but_advice_where_it_misses() -> None:
    write_even_brief()
    rows = run("calibration", "--json").json()["rows"]
    # 0 of 10 at "roughly even chance" (45–55) is below every band: the nearest is the
    # lowest; a bare p has no scale, so no term.
    assert [(r["term"], r["leaning"], r["suggest"]) for r in rows] == [
        ("roughly even chance", None, "almost no chance"),
        ("likely", "overconfident", "almost no chance"),
        (None, None, None),
    ]
    out = run("calibration").out
    assert "    p = 50 %: happened 0 % (0 of 10, 95 % interval 0–28 %)\n" in out
    assert (
        "roughly even chance: happened 0 % (0 of 10, 95 % interval 0–28 %): the nearest band "
        'is "almost no chance" on icd203' in " ".join(out.split())
    )


def test_by_quarter_and_each_block_has_every_key_but_no_skill() -> None:
    write_brief("2025-01-10-gulf", BRIEF)
    data = run("calibration", "--json", "--by", "quarter").json()
    assert [(g["group"], g["n"]) for g in data["groups"]] == [
        ("2025-Q2", 6),  # a1, a2, a3, b1, b2, d1 (x1 ambiguous, x2 void)
        ("2025-Q4", 3),  # a4, b3, c1
        ("2026-Q2", 0),  # x4, due and awaiting an outcome
        ("2027-Q1", 0),  # x3, its window still open
    ]
    assert data["skill"] is not None
    for group in data["groups"]:
        assert set(group) == KEYS | {"group"}
        assert set(group["recalibration"]) == set(NO_RECALIBRATION)
        assert group["skill"] is None
    r = run("calibration", "--by", "quarter")
    assert "; quarter 2025-Q2\n" in r.out
    assert "Skill: for the whole selection only; always saying 50 % scores 0.2500\n" in r.out
    assert r.out.endswith(
        "All groups together: N 9, Brier score 0.2653, skill against the base rate -0.535.\n"
    )


# -- the worked example of the advice in docs/scoring.md -------------------------------------
# tests/test_docs_sessions.py runs the docs' session on these briefs and compares its output.

ADVICE_EXAMPLE = {
    "2025-03-gulf": [
        ("term: unlikely", 10, 1),
        ("term: realistic possibility", 5, 2),
        ("term: likely, p: 0.7", 10, 10),
        ("term: highly likely", 5, 5),
    ],
    "2025-06-levant": [
        ("term: unlikely", 10, 0),
        ("term: realistic possibility", 5, 2),
        ("term: likely", 10, 9),
        ("term: highly likely", 5, 4),
    ],
}


def write_advice_example() -> None:
    for name, groups in ADVICE_EXAMPLE.items():
        write_forecasts(name, groups)
