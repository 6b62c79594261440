"""Loading and checking brief files: every error kind, with its exact line and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from forecastcli.config import load_settings
from forecastcli.loading import load_archive
from forecastcli.model import Brief
from tests.helpers import SIMPLE, write_brief


def load() -> tuple[list[Brief], list[str], list[str]]:
    archive = load_archive(load_settings())
    return archive.briefs, [str(p) for p in archive.problems], [str(w) for w in archive.warnings]


def test_simple_brief_loads_with_windows() -> None:
    write_brief("2026-01-31-simple", SIMPLE)
    briefs, problems, warnings = load()
    assert problems == warnings == []
    (brief,) = briefs
    alpha, beta = brief.forecasts
    assert (brief.id, brief.title, brief.authors) == (
        "2026-01-31-simple",
        "A simple brief",
        ("A. Analyst",),
    )
    # Published 31 January: three months later is 30 April, not 1 May or 3 May.
    assert (alpha.window.opens, alpha.window.closes) == (dt.date(2026, 1, 31), dt.date(2026, 4, 30))
    assert (beta.window.opens, beta.window.closes) == (dt.date(2026, 4, 30), dt.date(2027, 1, 31))
    assert alpha.probability == pytest.approx(0.65)


def test_a_brief_knows_its_file_and_how_to_show_it(tmp_path: Path) -> None:
    write_brief("2026-01-31-simple", SIMPLE)
    (brief,) = load()[0]
    assert brief.path == tmp_path / "briefs" / "2026-01-31-simple.yaml"
    assert brief.path.read_text(encoding="utf-8") == SIMPLE
    assert brief.shown == "briefs/2026-01-31-simple.yaml"  # from the current folder


@pytest.mark.parametrize(
    "published",
    ["2025-12-08", "2025-12-8", "'2025-12-8'", "8 December 2025", "December 8, 2025",
     "Monday 8 Dec 2025"],
)  # fmt: skip
def test_every_form_of_a_published_date_gives_the_same_windows(published: str) -> None:
    # `2025-12-8` arrives from YAML as text, `2025-12-08` as a date: both are 8 December,
    # never 12 August.
    write_brief("b", SIMPLE.replace("published: 2026-01-31", f"published: {published}"))
    briefs, problems, _ = load()
    assert problems == []
    assert briefs[0].published == dt.date(2025, 12, 8)
    windows = [(f.window.opens, f.window.closes) for f in briefs[0].forecasts]
    assert windows == [
        (dt.date(2025, 12, 8), dt.date(2026, 3, 8)),
        (dt.date(2026, 3, 8), dt.date(2026, 12, 8)),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("published: 2026-13-01", "`published`: '2026-13-01' is not a real date: there is no month 13"),
        ("published: 2026-02-29", "`published`: '2026-02-29' is not a real date: February 2026 has 28 days"),
        ("published: December 2025",
         "`published`: 'December 2025' gives no day; write the whole date, such as 2025-12-08"),
        ("published: 08/12/2025",
         "`published`: '08/12/2025' could be 8 December 2025 (2025-12-08) or 12 August 2025 "
         "(2025-08-12); write the one meant in ISO form, or set `date_order: dmy` or `mdy` in "
         "forecast.yaml"),
        ("published: today",
         "`published`: 'today' changes meaning every day; write the date itself, such as 2025-12-08"),
        ("published: 20251208", "`published` is not a date: 20251208; write it as 2025-12-08"),
        ("published: [2025, 12, 8]", "`published` is not a date: a list; write it as 2025-12-08"),
    ],
)  # fmt: skip
def test_a_date_a_brief_cannot_mean_one_way_is_an_error_at_its_line(
    line: str, message: str
) -> None:
    write_brief("b", SIMPLE.replace("published: 2026-01-31", line))
    briefs, problems, _ = load()
    assert (briefs, problems) == ([], [f"briefs/b.yaml:3:12: {message}"])


def test_seed_brief_windows_match_the_spec() -> None:
    from tests.helpers import SEED_BRIEFS

    archive = load_archive(load_settings(SEED_BRIEFS))
    assert archive.problems == []
    (brief,) = archive.briefs
    windows = {f.horizon: (f.window.opens, f.window.closes) for f in brief.forecasts}
    assert windows == {
        "short": (dt.date(2025, 12, 8), dt.date(2026, 3, 8)),
        "medium": (dt.date(2026, 3, 8), dt.date(2026, 12, 8)),
        "long": (dt.date(2026, 12, 8), dt.date(2027, 12, 8)),
    }
    assert len(brief.forecasts) == 7
    assert brief.scale.name == "bisi"


def test_explicit_dates_override_the_horizon() -> None:
    write_brief(
        "b",
        """
        title: T
        published: 8 December 2025
        forecasts:
          - {id: a, term: likely, statement: S, closes: 2026-06-30}
          - {id: b, term: likely, statement: S, horizon: long, opens: 2026-01-01}
    """,
    )
    (brief,), problems, _ = load()
    assert problems == []
    assert brief.published == dt.date(2025, 12, 8)
    a, b = brief.forecasts
    assert (a.window.opens, a.window.closes) == (dt.date(2025, 12, 8), dt.date(2026, 6, 30))
    assert (b.window.opens, b.window.closes) == (dt.date(2026, 1, 1), dt.date(2027, 12, 8))


ERRORS = [
    ("title: [unclosed\n", "b.yaml:2:1: not valid YAML"),
    ("- just\n- a list\n", "b.yaml:1:1: a brief must be a mapping"),
    ("title: T\nforecasts: []\n", "b.yaml:1:1: missing `published`"),
    (
        "title: T\npublished: 2025-02-30\nforecasts: []\n",
        "b.yaml:2:12: `published`: '2025-02-30' is not a real date: February 2025 has 28 days",
    ),
    (
        "title: T\npublished: sometime\nforecasts: [{id: a, statement: S, term: likely, "
        "horizon: short}]\n",
        "b.yaml:2:12: `published`: 'sometime' is not a date; write it as 2025-12-08",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - id: a\n    statement: S\n"
        "    term: fairly likely\n    horizon: short\n",
        "b.yaml:6:11: unknown term 'fairly likely' for scale 'bisi'; known terms: remote chance, "
        "highly unlikely, unlikely, realistic possibility, likely, highly likely, almost certain",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: a, statement: S, term: likely, "
        "horizon: short}\n  - {id: a, statement: T, term: likely, horizon: short}\n",
        "b.yaml:5:10: duplicate forecast id 'a' (first at line 4)",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - id: a\n    statement: S\n"
        "    term: likely\n    p: 0.9\n    horizon: short\n",
        "b.yaml:7:8: `p` 0.9 lies outside the band of 'likely' (55–75 %)",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: a, statement: S, p: 70, "
        "horizon: short}\n",
        "b.yaml:4:30: `p` must be a probability from 0 to 1, not 70 (write 0.7 for 70 %)",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: a, statement: S, term: likely}\n",
        "b.yaml:4:5: a forecast needs a `horizon` (or a `closes` date)",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: a, statement: S, horizon: short}\n",
        "b.yaml:4:5: a forecast needs a `term` (or a probability `p`)",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: A b, statement: S, term: likely, "
        "horizon: short}\n",
        "b.yaml:4:10: forecast id 'A b' must be a slug",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: a, statement: S, term: likely, "
        "horizon: soon}\n",
        "b.yaml:4:50: unknown horizon 'soon'; known: short, medium, long",
    ),
    (
        "title: T\npublished: 2025-01-01\non: 2025-01-02\nforecasts:\n  - {id: a, statement: S, "
        "term: likely, horizon: short}\n",
        "b.yaml:3:1: key true (YAML reads an unquoted",
    ),
    (
        "title: T\npublished: 2025-01-01\nscale: nato\nforecasts: []\n",
        "b.yaml:3:8: unknown scale 'nato'; known: bisi, icd203, kent, phia",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: a, statement: S, term: likely, "
        "horizon: short}\nresolutions:\n  - {forecast: a, outcome: maybe, date: 2025-02-01}\n",
        "b.yaml:6:28: `outcome` must be one of yes, no, ambiguous, void, not 'maybe'",
    ),
    (
        "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: a, statement: S, term: likely, "
        "horizon: short}\nresolutions:\n  - {forecast: b, outcome: yes, date: 2025-02-01}\n",
        "b.yaml:6:16: no forecast 'b' in this brief",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_each_error_kind_names_line_and_column(text: str, expected: str) -> None:
    (Path("briefs") / "b.yaml").write_text(text, encoding="utf-8")
    briefs, problems, _ = load()
    assert briefs == []
    assert any(p.startswith("briefs/" + expected) for p in problems), problems


def test_all_problems_are_reported_at_once() -> None:
    write_brief(
        "b",
        """
        title: T
        published: 2025-01-01
        forecasts:
          - {id: a, statement: S, term: likelyish, horizon: short}
          - {id: b, statement: S, term: likely, horizon: someday}
    """,
    )
    _, problems, _ = load()
    assert [p.split(": ")[0] for p in problems] == ["briefs/b.yaml:4:33", "briefs/b.yaml:5:50"]


def test_yaml_booleans_and_aliases_are_accepted() -> None:
    write_brief(
        "b",
        """
        title: T
        published: 2025-01-01
        forecasts:
          - &base {id: a, statement: S, term: likely, horizon: short}
          - {<<: *base, id: b}
        resolutions:
          - {forecast: a, outcome: yes, date: 2025-02-01}
          - {forecast: b, outcome: no, date: 2025-04-01}
          - {forecast: b, outcome: n, date: 2025-04-01}
    """,
    )
    (brief,), problems, _ = load()
    assert problems == []
    assert [r.outcome for r in brief.resolutions] == ["yes", "no", "no"]
    assert [f.id for f in brief.forecasts] == ["a", "b"]


def test_unknown_keys_and_odd_resolution_dates_are_warnings() -> None:
    write_brief(
        "b",
        """
        title: T
        published: 2025-01-01
        colour: blue
        forecasts:
          - {id: a, statement: S, term: likely, horizon: short, weight: 2}
          - {id: b, statement: S, term: likely, horizon: short}
        resolutions:
          - {forecast: a, outcome: no, date: 2025-02-01}
          - {forecast: b, outcome: yes, date: 2025-05-01}
    """,
    )
    briefs, problems, warnings = load()
    assert len(briefs) == 1 and problems == []
    assert warnings == [
        "briefs/b.yaml:3:1: warning: unknown key 'colour' in the brief (ignored)",
        "briefs/b.yaml:5:57: warning: unknown key 'weight' in a forecast (ignored)",
        "briefs/b.yaml:8:38: warning: 'a' resolved no on 2025-02-01, before its window closes "
        "on 2025-04-01",
        "briefs/b.yaml:9:39: warning: 'b' resolved yes on 2025-05-01, after its window closed "
        "on 2025-04-01",
    ]


def test_a_replaced_entry_is_history_and_gives_no_warning() -> None:
    # A late yes, corrected by a yes inside the window: only the correction is in force.
    # Then an early no replaced by a later one placed above it: the stamps decide, not
    # the place in the file.
    write_brief(
        "b",
        """
        title: T
        published: 2025-01-01
        forecasts:
          - {id: a, statement: S, term: likely, horizon: short}
          - {id: b, statement: S, term: likely, horizon: short}
        resolutions:
          - {forecast: a, outcome: yes, date: 2025-05-01, recorded: 2025-05-02T09:00:00Z}
          - {forecast: b, outcome: no, date: 2025-04-02, recorded: 2025-04-02T09:00:00Z}
          - {forecast: a, outcome: yes, date: 2025-03-01, recorded: 2025-05-03T09:00:00Z}
          - {forecast: b, outcome: no, date: 2025-02-01, recorded: 2025-02-01T09:00:00Z}
    """,
    )
    briefs, problems, warnings = load()
    assert (len(briefs), problems, warnings) == (1, [], [])
    (brief,) = briefs
    assert [e.date.isoformat() for e in brief.history("a")] == ["2025-05-01", "2025-03-01"]
    assert [e.date.isoformat() for e in brief.history("b")] == ["2025-02-01", "2025-04-02"]


def test_other_files_are_ignored_and_bad_names_refused() -> None:
    write_brief("2026-01-31-simple", SIMPLE)
    (Path("briefs") / "notes.txt").write_text("not a brief")
    (Path("briefs") / ".2026-01-31-simple.yaml.lock").write_text("")
    write_brief("Bad_Name", SIMPLE)
    briefs, problems, _ = load()
    assert [b.id for b in briefs] == ["2026-01-31-simple"]
    assert problems == [
        "briefs/Bad_Name.yaml:1:1: the file name 'Bad_Name' is not a brief id: "
        "use lowercase letters, digits and hyphens, such as "
        "2025-12-08-kazakhstan"
    ]


def test_not_utf8_is_a_clean_error() -> None:
    (Path("briefs") / "b.yaml").write_bytes(b"title: T\npublished: \xff\n")
    _, problems, _ = load()
    assert problems == ["briefs/b.yaml:2:1: not UTF-8 text; save the file as UTF-8"]


# -- entries under their forecast, and the top-level list of older files --------------------

BOTH_LAYOUTS = """
    title: T
    published: 2025-01-01
    forecasts:
      - id: a
        statement: S
        term: likely
        horizon: short
        resolutions:
          - outcome: no
            date: 2025-04-01
            recorded: 2025-04-02T09:00:00Z
          - {forecast: a, outcome: yes, date: 2025-03-01}
      - id: b
        statement: S
        term: likely
        horizon: short
        resolutions:  # none yet
    resolutions:
      - {forecast: b, outcome: void, date: 2025-02-01}
      - {forecast: a, outcome: ambiguous, date: 2025-04-01, recorded: 2025-04-01T09:00:00Z}
"""


def test_entries_under_forecasts_and_in_the_top_level_list_are_all_read() -> None:
    write_brief("b", BOTH_LAYOUTS)
    (brief,), problems, warnings = load()
    assert (problems, warnings) == ([], [])
    # In the order of the file, each with its own line; the `forecast:` of an entry under
    # its forecast may be left out, and may be given.
    assert [(e.forecast, e.outcome, e.line) for e in brief.resolutions] == [
        ("a", "no", 9),
        ("a", "yes", 12),
        ("b", "void", 19),
        ("a", "ambiguous", 20),
    ]
    # The latest by `recorded` stamp wins, wherever it stands (SPEC section 6).
    assert [e.outcome for e in brief.history("a")] == ["yes", "ambiguous", "no"]


def test_an_entry_under_a_forecast_must_not_name_another() -> None:
    write_brief(
        "b", BOTH_LAYOUTS.replace("{forecast: a, outcome: yes", "{forecast: b, outcome: yes")
    )
    briefs, problems, _ = load()
    assert briefs == []
    assert problems == [
        "briefs/b.yaml:12:20: this entry sits under forecast 'a' but names forecast 'b'; "
        "delete its `forecast:` line, or move the entry under the forecast it is about"
    ]


def test_mistakes_in_a_forecasts_own_list_are_named_at_their_line() -> None:
    write_brief(
        "b",
        BOTH_LAYOUTS.replace("        resolutions:  # none yet\n", "        resolutions: yes\n")
        .replace("            date: 2025-04-01\n", "            date: 2025-04-31\n")
        .replace("{forecast: a, outcome: yes", "{outcome: maybe"),
    )
    _, problems, _ = load()
    assert [p.split(": ", 1)[0] for p in problems] == [
        "briefs/b.yaml:10:15",
        "briefs/b.yaml:12:19",
        "briefs/b.yaml:17:18",
    ]
    assert problems[2].endswith("`resolutions` must be a list of entries")


def test_a_late_yes_under_its_forecast_is_a_warning_at_its_date() -> None:
    write_brief(
        "b",
        """
        title: T
        published: 2025-01-01
        forecasts:
          - id: a
            statement: S
            term: likely
            horizon: short
            resolutions:
              - outcome: yes
                date: 2025-05-01
    """,
    )
    _, _, warnings = load()
    assert warnings == [
        "briefs/b.yaml:10:15: warning: 'a' resolved yes on 2025-05-01, after its window closed "
        "on 2025-04-01"
    ]
