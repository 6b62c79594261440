"""`forecast import`: the file written, the summary, dry runs, refusals and options."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import REPO, SHARED, run

SEED_TEXT = SHARED / "seed" / "000_1e29eaebdbae5260.txt"
# The bundled brief as text, made only of what its file holds: never skips.
DATA_TEXT = REPO / "tests" / "data" / "kazakhstan.txt"
NAME = "2026-01-12-grain-corridor-outlook.yaml"

SMALL = textwrap.dedent(
    """\
    Grain Corridor Outlook
    By Mira Stone | 12 January 2026

    Forecast
    Short term (0–3 months)
    - The corridor will almost certainly stay open (~97%).
    - Exports may rise by 10%.
    Medium term (3–12 months)
    - Insurance costs are unlikely to fall, though a deal is likely by 2027.
    Previous
    """
)

SUMMARY = [
    "Grain Corridor Outlook",
    "By Mira Stone, published 2026-01-12, scale bisi",
    "",
    "Forecast              Horizon  Term                       Band      Marks",
    "─" * 73,
    "corridor-stay-open    short    almost certain (p = 97 %)  95–100 %",
    "exports-rise-10       short    — (commented out)          —             3",
    "insurance-costs-fall  medium   unlikely                   25–35 %",
    "deal-2027             medium   likely                     55–75 %       1",
    "",
    "To review (4):",
    # Wrapped at the terminal's 100 columns, each under its first line.
    '  exports-rise-10: "may" is a hedge outside scale bisi: "may rise by 10%" is not a forecast as',
    "    written; give it a term of its own if it is one",
    '  exports-rise-10: "10%" reads as a quantity, not a probability',
    "  exports-rise-10: no term of scale bisi and no probability: not a forecast as written; add a term",
    "    (or p) and uncomment it",
    '  deal-2027: names a time ("by 2027"): the window still comes from the heading (medium: 2026-04-12',
    "    to 2027-01-12); set opens/closes if the time should decide",
]


def lines(output: str) -> list[str]:
    return output.splitlines()


YAML = """\
# Drafted by `forecast import` from small.txt.
# Settle each "REVIEW" comment, then delete it; commented-out forecasts need a term.
title: "Grain Corridor Outlook"
author: "Mira Stone"
published: 2026-01-12
scale: bisi
forecasts:
  # Short term (0–3 months)
  - id: corridor-stay-open
    horizon: short
    term: almost certain
    p: 0.97
    statement: "The corridor will stay open."
    quote: "The corridor will almost certainly stay open (~97%)."
  # REVIEW: "may" is a hedge outside scale bisi: "may rise by 10%" is not a forecast as
  #   written; give it a term of its own if it is one
  # REVIEW: "10%" reads as a quantity, not a probability
  # REVIEW: no term of scale bisi and no probability: not a forecast as written; add a term
  #   (or p) and uncomment it
  # - id: exports-rise-10
  #   horizon: short
  #   statement: "Exports may rise by 10%."
  #   quote: "Exports may rise by 10%."
  # Medium term (3–12 months)
  - id: insurance-costs-fall
    horizon: medium
    term: unlikely
    statement: "Insurance costs will fall."
    quote: "Insurance costs are unlikely to fall, though a deal is likely by 2027."
  # REVIEW: names a time ("by 2027"): the window still comes from the heading (medium:
  #   2026-04-12 to 2027-01-12); set opens/closes if the time should decide
  - id: deal-2027
    horizon: medium
    term: likely
    statement: "A deal will happen by 2027."
    quote: "Insurance costs are unlikely to fall, though a deal is likely by 2027."
"""


@pytest.fixture
def small() -> Path:
    path = Path("small.txt")
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_import_writes_the_brief_and_prints_the_summary(small: Path) -> None:
    result = run("import", "small.txt")
    assert (result.code, result.err) == (0, "")
    assert lines(result.out) == [
        *SUMMARY,
        f"Wrote briefs/{NAME} (3 forecasts, 1 commented out, 4 marks to",
        "  review).",
    ]
    assert (Path("briefs") / NAME).read_text(encoding="utf-8") == YAML
    check = run("check")
    assert (check.code, check.out) == (
        0,
        "Checked 1 brief (3 forecasts in the valid ones): all valid; 0 errors, 0 warnings.\n",
    )
    listed = run("list", "--json").json()
    assert [(r["id"], r["closes"]) for r in listed] == [
        ("corridor-stay-open", "2026-04-12"),
        ("insurance-costs-fall", "2027-01-12"),
        ("deal-2027", "2027-01-12"),
    ]


def test_an_existing_file_is_replaced_only_with_force(small: Path) -> None:
    target = Path("briefs") / NAME
    target.write_text("# an analyst's edits\n", encoding="utf-8")
    refused = run("import", "small.txt")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        f"Error: briefs/{NAME} exists; give --force to replace it. Nothing was written.\n"
    )
    assert target.read_text(encoding="utf-8") == "# an analyst's edits\n"
    forced = run("import", "small.txt", "--force")
    assert forced.code == 0
    assert forced.out.endswith(
        f"Replaced briefs/{NAME} (3 forecasts, 1 commented out, 4 marks to\n  review).\n"
    )
    assert target.read_text(encoding="utf-8") == YAML


def test_force_warns_when_the_replaced_brief_held_resolutions(small: Path) -> None:
    assert run("import", "small.txt").code == 0
    target = Path("briefs") / NAME
    target.write_text(
        target.read_text(encoding="utf-8")
        + "resolutions:\n  - {forecast: corridor-stay-open, outcome: yes, date: 2026-02-01}\n",
        encoding="utf-8",
    )
    forced = run("import", "small.txt", "--force")
    assert forced.code == 0
    assert forced.err == (
        f"warning: the replaced briefs/{NAME} held 1 resolution(s); the new file has none (the "
        "old text is in your version control, if it was committed)\n"
    )


def test_dry_run_prints_the_yaml_and_writes_nothing(small: Path) -> None:
    result = run("import", "small.txt", "--dry-run")
    assert (result.code, result.out) == (0, YAML)
    assert lines(result.err) == [
        *SUMMARY,
        f"Dry run: would write briefs/{NAME} (3 forecasts, 1 commented out,",
        "  4 marks to review); nothing written.",
    ]
    assert list(Path("briefs").iterdir()) == []
    (Path("briefs") / NAME).write_text("kept\n", encoding="utf-8")
    again = run("import", "small.txt", "--dry-run")
    assert again.code == 0
    assert again.err.endswith(f"briefs/{NAME} exists: writing it needs --force.\n")
    assert (Path("briefs") / NAME).read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize("option", ["-o", "--output", "--out"])
def test_standard_input_and_output_folder(option: str) -> None:
    # -o/--output as export and report spell it; --out, its old name, still reads.
    Path("drafts").mkdir()
    result = run("import", "-", option, "drafts", input=SMALL.replace("\n", "\r\n"))
    assert result.code == 0
    written = (Path("drafts") / NAME).read_text(encoding="utf-8")
    assert written == YAML.replace("from small.txt", "from standard input")
    assert list(Path("briefs").iterdir()) == []


def test_json_gives_the_draft(small: Path) -> None:
    result = run("import", "small.txt", "--json")
    assert result.code == 0
    record = result.json()
    assert sorted(record) == [
        "authors",
        "brief",
        "forecasts",
        "marks",
        "path",
        "published",
        "scale",
        "title",
        "written",
    ]
    assert (record["brief"], record["path"], record["written"]) == (
        NAME.removesuffix(".yaml"),
        f"briefs/{NAME}",
        True,
    )
    first, second = record["forecasts"][:2]
    assert first == {
        "band": "95–100 %",
        "commented_out": False,
        "confidence": None,
        "heading": "Short term (0–3 months)",
        "horizon": "short",
        "id": "corridor-stay-open",
        "line": 6,
        "marks": [],
        "p": 0.97,
        "quote": "The corridor will almost certainly stay open (~97%).",
        "statement": "The corridor will stay open.",
        "term": "almost certain",
    }
    assert (second["commented_out"], second["term"], len(second["marks"])) == (True, None, 3)
    dry = run("import", "small.txt", "--json", "--dry-run", "--force").json()
    assert (dry["written"], dry["yaml"]) == (False, YAML)


def test_scale_and_published_options(small: Path) -> None:
    result = run("import", "small.txt", "--scale", "icd203", "--published", "2026-01-13")
    assert result.code == 0
    text = (Path("briefs") / "2026-01-13-grain-corridor-outlook.yaml").read_text(encoding="utf-8")
    assert "scale: icd203\n" in text
    assert (
        "# REVIEW: published is 2026-01-13 from --published; the byline says 2026-01-12\n" in text
    )
    assert run("check").code == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["import", "small.txt", "--scale", "nope"], 2,
         "Error: --scale: unknown scale 'nope'; known: bisi, icd203, kent, phia\n"),
        (["import", "small.txt", "--published", "30 February 2026"], 2,
         "Error: --published: '30 February 2026' is not a real date: February 2026 has 28 days\n"),
        (["import", "small.txt", "-o", "nowhere"], 2, "Error: --output: no folder at nowhere\n"),
        (["import", "small.txt", "--out", "nowhere"], 2, "Error: --out: no folder at nowhere\n"),
        (["import", "small.txt", "-o", "a", "--out", "b"], 2,
         "Error: --output and --out are the same option: give it once\n"),
        (["import", "missing.txt"], 2,
         "Error: cannot read missing.txt: No such file or directory\n"),
        (["import", "briefs"], 2,
         "Error: briefs is a folder; give the brief's text file, or - for stdin\n"),
    ],
)  # fmt: skip
def test_bad_options(small: Path, args: list[str], code: int, message: str) -> None:
    result = run(*args)
    assert (result.code, result.out, result.err) == (code, "", message)
    assert list(Path("briefs").iterdir()) == []


def test_a_text_without_forecast_section_is_refused_and_nothing_written() -> None:
    result = run("import", "-", input="A Title\nBy A. Analyst | 8 December 2025\n\nSummary\n")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        'Error: cannot import standard input: no Forecast section (a line reading "Forecast" '
        "above the forecasts). Nothing was written.\n"
    )
    assert list(Path("briefs").iterdir()) == []


def test_help_names_every_option() -> None:
    result = run("import", "--help")
    assert result.code == 0
    for option in ("--published", "--scale", "-o, --output", "--force", "--dry-run", "--briefs",
                   "--json"):  # fmt: skip
        assert option in result.out
    assert "--out " not in result.out  # the old name is read, not shown
    assert "Example: forecast import brief.txt --dry-run" in result.out


@pytest.mark.parametrize("text", [DATA_TEXT, SEED_TEXT], ids=["data", "shared"])
def test_seed_text_imports_to_the_bundled_file_name(text: Path) -> None:
    if not text.is_file():
        pytest.skip("the shared seed text is not here")
    result = run("import", str(text))
    assert result.code == 0
    written = Path("briefs") / "2025-12-08-kazakhstan-joins-the-abraham-accords.yaml"
    assert written.is_file()
    assert result.out.endswith(f"Wrote {written} (7 forecasts, 2 marks to review).\n")
    check = run("check")
    assert (check.code, check.out) == (
        0,
        "Checked 1 brief (7 forecasts in the valid ones): all valid; 0 errors, 0 warnings.\n",
    )
