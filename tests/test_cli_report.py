"""`forecast report`: golden files in three formats, escaping, byte-for-byte reruns, cron.

The golden files in tests/golden/ are the report on the briefs below at AS_OF. After a
deliberate change to the report, write them again and review the diff:

    FORECAST_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_cli_report.py
"""

from __future__ import annotations

import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import REPO, run, write_brief

GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-22"  # a Sunday: the period is ISO week 2026-W47, Monday 16 to Sunday 22

GULF = """
    title: Gulf & Levant outlook
    author: A. Analyst
    published: 2025-06-02
    url: https://example.org/briefs/gulf-levant
    tags: [gulf, levant]
    forecasts:
      - {id: ceasefire, term: likely, closes: 2025-12-31,
         statement: A ceasefire in Gaza holds for 90 days.}
      - {id: saudi-normalisation, term: unlikely, closes: 2026-06-30,
         statement: Saudi Arabia normalises relations with Israel.}
      - {id: oil-above-100, term: highly unlikely, closes: 2026-09-30,
         statement: Brent crude closes above USD 100 a barrel on any day.}
      - {id: hormuz-closure, term: remote chance, closes: 2026-10-31,
         statement: Iran closes the Strait of Hormuz to commercial shipping.}
      - {id: iran-talks, term: realistic possibility, closes: 2026-11-10,
         statement: The United States and Iran hold direct talks on the nuclear programme.}
      - {id: hezbollah-disarms, term: unlikely, closes: 2026-12-01,
         statement: Hezbollah hands its heavy weapons to the Lebanese army.}
      - {id: un-resolution, term: likely, p: 0.7, closes: 2026-08-31,
         statement: The UN Security Council adopts a resolution on Gaza's reconstruction.}
    resolutions:
      - {forecast: ceasefire, outcome: no, date: 2025-12-31, recorded: 2026-01-05T09:00:00Z}
      - {forecast: hormuz-closure, outcome: no, date: 2026-10-31,
         recorded: 2026-11-02T08:15:00Z}
      - {forecast: un-resolution, outcome: yes, date: 2026-08-20,
         recorded: 2026-08-21T10:00:00Z}
      - forecast: oil-above-100
        outcome: yes
        date: 2026-09-10
        recorded: 2026-11-17T09:30:00Z
        by: B. Editor
        note: Brent closed at USD 101.4 after the refinery strikes; a short spike, but it counts.
        sources: [https://example.org/markets/brent?day=2026-09-10&close=101.4]
      - {forecast: saudi-normalisation, outcome: no, date: 2026-06-30,
         recorded: 2026-11-18T14:00:00Z, by: A. Analyst}
      - forecast: un-resolution
        outcome: ambiguous
        date: 2026-08-20
        recorded: 2026-11-20T11:00:00Z
        by: B. Editor
        note: The resolution was adopted, then suspended the next day; it cannot be judged.
"""

CENTRAL_ASIA = """
    title: Central Asia's trade corridors
    author: [C. Writer, A. Analyst]
    published: 2026-03-01
    tags: [central-asia]
    forecasts:
      - {id: middle-corridor-volume, term: almost certain, closes: 2026-09-01,
         statement: Freight on the Middle Corridor grows on the year before.}
      - {id: kazakh-israel-trade, term: likely, closes: 2026-09-01,
         statement: Kazakhstan's trade with Israel grows on the year before.}
      - {id: azerbaijan-joins, term: likely, closes: 2026-12-31,
         statement: Azerbaijan joins the Abraham Accords.}
      - {id: pipeline-deal, term: highly likely, closes: 2026-11-15,
         statement: Turkmenistan and Azerbaijan sign a trans-Caspian pipeline deal.}
      - {id: turkmen-gas, p: 0.3, closes: 2026-10-01,
         statement: Turkmenistan's gas exports to China fall on the year before.}
      - {id: rail-link, term: realistic possibility, closes: 2026-10-15,
         statement: The China–Kyrgyzstan–Uzbekistan railway starts construction.}
    resolutions:
      - {forecast: middle-corridor-volume, outcome: yes, date: 2026-08-15,
         recorded: 2026-08-16T09:00:00Z}
      - {forecast: rail-link, outcome: void, date: 2026-10-15, recorded: 2026-11-15T23:59:00Z,
         note: The route was redrawn; the question lost its meaning.}
      - forecast: kazakh-israel-trade
        outcome: yes
        date: 2026-07-01
        recorded: 2026-11-16T00:00:00Z
        sources: [https://example.org/trade/kz-il-2026]
      - {forecast: azerbaijan-joins, outcome: yes, date: 2026-11-19,
         recorded: 2026-11-19T15:30:00Z, by: C. Writer}
      - {forecast: turkmen-gas, outcome: no, date: 2026-10-01, recorded: 2026-11-21T08:00:00Z}
      - {forecast: pipeline-deal, outcome: no, date: 2026-11-15, recorded: 2026-11-23T09:00:00Z}
"""

BAD = """
    title: A brief with mistakes
    published: 2026-02-30
    forecasts:
      - {id: x, term: fairly likely, statement: X happens., horizon: short}
"""

FORMATS = {"markdown": "report.md", "html": "report.html", "text": "report.txt"}


def write_fixture() -> None:
    write_brief("2025-06-02-gulf-levant", GULF)
    write_brief("2026-03-01-central-asia", CENTRAL_ASIA)
    write_brief("2026-05-05-bad", BAD)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(fmt: str) -> None:
    write_fixture()
    r = run("report", "--as-of", AS_OF, "--format", fmt)
    assert r.code == 1  # written, but one brief is invalid
    assert r.err.startswith("briefs/2026-05-05-bad.yaml:2:12: `published`: '2026-02-30' is not")
    golden = GOLDEN / FORMATS[fmt]
    if os.environ.get("FORECAST_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(r.result.stdout_bytes)
    assert r.result.stdout_bytes == golden.read_bytes()
    if fmt == "text":  # a mail: every line within 78 columns, the problems' too
        assert max(map(len, r.out.splitlines())) <= 78


def test_every_format_is_the_same_bytes_twice_and_in_any_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_fixture()
    for fmt in FORMATS:
        first = run("report", "--as-of", AS_OF, "--format", fmt).result.stdout_bytes
        assert run("report", "--as-of", AS_OF, "--format", fmt).result.stdout_bytes == first
        # Colour, width and terminal settings change nothing.
        with monkeypatch.context() as m:
            m.delenv("NO_COLOR")
            m.setenv("FORCE_COLOR", "1")
            m.setenv("COLUMNS", "40")
            m.setenv("TERM", "xterm-256color")
            assert run("report", "--as-of", AS_OF, "--format", fmt).result.stdout_bytes == first


def test_a_past_week_ignores_what_was_recorded_later() -> None:
    write_fixture()
    before = {fmt: run("report", "--as-of", AS_OF, "--format", fmt).out for fmt in FORMATS}
    # An outcome recorded after the as-of day, appended as `forecast resolve` would.
    path = Path("briefs/2025-06-02-gulf-levant.yaml")
    with path.open("a", encoding="utf-8") as brief:
        brief.write(
            "  - {forecast: iran-talks, outcome: yes, date: 2026-11-09,"
            " recorded: 2026-11-24T10:00:00Z}\n"
        )
    for fmt, text in before.items():
        assert run("report", "--as-of", AS_OF, "--format", fmt).out == text
    # The week after sees it.
    later = run("report", "--as-of", "2026-11-29", "--format", "text").out
    assert "* iran-talks: yes\n" in later
    assert "Due and overdue (0)" in later


def test_the_period_includes_both_ends_only() -> None:
    write_fixture()
    # 2026-11-09 to 2026-11-15: the void recorded at 23:59 on the 15th is in, the
    # outcome recorded at midnight on the 16th is not.
    r = run("report", "--as-of", "2026-11-15", "--format", "text")
    assert "Resolved in the period (1)\n" in r.out
    assert "* rail-link: void\n" in r.out
    assert "kazakh-israel-trade: yes" not in r.out  # still due on the 15th
    assert "* kazakh-israel-trade\n  likely (55–75 %); closed 2026-09-01, 75 days overdue" in r.out
    r = run("report", "--as-of", "2026-11-16", "--days", "1", "--format", "text")
    # One day is titled as that day: no week, no ISO week it would only be part of.
    assert r.out.startswith(
        "Forecast report: Monday 2026-11-16\n"
        "==================================\n"
        "The day 2026-11-16, as the briefs stood at its end.\n"
    )
    assert (
        "Resolved in the period (1)\n--------------------------\n\n* kazakh-israel-trade: yes\n"
        in r.out
    )
    # (0.51375 + 0.1225) / 5: the day's outcome enters the score.
    assert (
        "the Brier score was 0.1284 over 4 forecasts; now 0.1273 over 5, down 0.0012: better"
        in " ".join(r.out.split())
    )


EVIL = "<script>alert(1)</script> & </svg>"

ESCAPING = f"""
    title: "Title {EVIL}"
    published: 2025-01-01
    url: "https://example.org/?q=<script>"
    forecasts:
      - {{id: shown, term: "</svg><script>x</script>", closes: 2025-06-30,
         statement: "Statement {EVIL}"}}
      - {{id: due, term: plain, closes: 2026-11-20, statement: "Due {EVIL}"}}
    resolutions:
      - forecast: shown
        outcome: yes
        date: 2025-06-01
        recorded: 2026-11-20T10:00:00Z
        by: "<b>Someone</b>"
        note: "Note {EVIL}"
        sources: ["javascript:alert(1)", "https://example.org/a?b=1&c=\\"><script>"]
"""

EVIL_SCALE = """
scales:
  evil:
    title: "<script>scale</script>"
    terms:
      - {name: "</svg><script>x</script>", band: [55, 75]}
      - {name: plain, band: [0, 10]}
scale: evil
"""


def write_evil() -> None:
    Path("forecast.yaml").write_text(EVIL_SCALE, encoding="utf-8")
    write_brief("evil", ESCAPING)
    write_brief(
        "broken", "title: T\npublished: 2025-01-01\nforecasts:\n  - {id: x, term: '<script>'}\n"
    )


def test_html_escapes_every_piece_of_brief_text() -> None:
    write_evil()
    r = run("report", "--as-of", "2026-11-22", "--format", "html")
    assert r.code == 1
    html = r.out
    assert "<script" not in html.lower()
    assert html.count("</svg>") == 1  # the diagram's own end, and no other
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/svg&gt;" in html
    # The dot's name in the diagram's key.
    assert '&lt;/svg&gt;&lt;script&gt;x&lt;/script&gt; <span class="quiet">1/1</span>' in html
    assert "&lt;b&gt;Someone&lt;/b&gt;" in html
    # Read back as XML: the text comes out as written, nothing became an element.
    root = ET.fromstring(html.removeprefix("<!DOCTYPE html>\n"))
    text = "".join(root.itertext())
    for written in (f"Title {EVIL}", f"Statement {EVIL}", f"Due {EVIL}", f"Note {EVIL}"):
        assert written in text
    assert "unknown term '<script>' for scale 'evil'" in text
    tags = {element.tag for element in root.iter()}
    assert not tags & {"script", "iframe", "object", "embed", "img", "link", "b"}
    # Nothing is fetched: no src, no stylesheet, no import; only http(s) sources are links.
    for element in root.iter():
        for name, value in element.attrib.items():
            assert name not in ("src", "srcset", "xlink:href")
            if "http" in value or (":" in value and name == "href"):
                assert name == "href" and value.startswith("https://"), (name, value)
    links = [e.attrib["href"] for e in root.iter("a")]
    assert links == ['https://example.org/a?b=1&c="><script>']
    assert "url(" not in html and "@import" not in html


def test_markdown_and_text_escape_and_keep_brief_text() -> None:
    write_evil()
    md = run("report", "--as-of", "2026-11-22", "--format", "markdown").out
    # Problems are quoted in a fenced code block, where text is shown as it is.
    fenced = re.findall(r"^```text\n(.*?)^```$", md, re.MULTILINE | re.DOTALL)
    assert "unknown term '<script>' for scale 'evil'" in fenced[-1]
    outside = re.sub(r"^```text\n.*?^```$", "", md, flags=re.MULTILINE | re.DOTALL)
    assert "<script>" not in outside and "</svg>" not in outside
    assert r"Statement \<script\>alert(1)\</script\> \& \</svg\>" in md
    # Only an http(s) URL becomes an autolink; the other source stays text.
    assert "Source: javascript:alert(1)" in md
    assert r"Source: https://example.org/a?b=1\&c=\"\>\<script\>" not in md
    text = run("report", "--as-of", "2026-11-22", "--format", "text").out
    assert f"Statement {EVIL}" in text  # plain text shows the text as it is


def test_output_file_format_from_its_name_and_quiet_when_all_is_well(tmp_path: Path) -> None:
    write_brief("2026-03-01-central-asia", CENTRAL_ASIA)
    r = run("report", "--as-of", AS_OF, "-o", "reports/new/week.html")
    assert (r.code, r.out, r.err) == (0, "", "")
    html = (tmp_path / "reports" / "new" / "week.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n")
    assert [p.name for p in (tmp_path / "reports" / "new").iterdir()] == ["week.html"]
    # The file is replaced whole; --format wins over the name.
    r = run("report", "--as-of", AS_OF, "--output", "reports/new/week.html", "--format", "text")
    assert r.code == 0
    text = (tmp_path / "reports" / "new" / "week.html").read_text(encoding="utf-8")
    assert text == run("report", "--as-of", AS_OF, "--format", "text").out
    assert run("report", "--as-of", AS_OF, "-o", "r.txt").code == 0
    assert Path("r.txt").read_text(encoding="utf-8").startswith("Forecast report: week ending")
    assert run("report", "--as-of", AS_OF, "-o", "r.md").code == 0
    assert Path("r.md").read_text(encoding="utf-8").startswith("# Forecast report: week")
    assert run("report", "--as-of", AS_OF, "-o", "R.HTM").code == 0
    assert Path("R.HTM").read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n")


@pytest.mark.parametrize(("name", "why"), [("r.pdf", ".pdf is none of them"), ("r", "it has none")])
def test_another_extension_without_format_is_a_usage_error(name: str, why: str) -> None:
    # SPEC section 10: `-o r.pdf` must not silently write Markdown into it.
    write_brief("2026-03-01-central-asia", CENTRAL_ASIA)
    r = run("report", "--as-of", AS_OF, "-o", name)
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"Error: --output {name}: the format comes from the file's extension (.md, .html or "
        f".htm, .txt), and {why}; rename the file or give --format markdown|html|text\n"
    )
    assert not Path(name).exists()
    # With --format, any name will do.
    assert run("report", "--as-of", AS_OF, "-o", name, "--format", "html").code == 0
    assert Path(name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n")


def test_output_lists_invalid_briefs_on_stderr_and_exits_1() -> None:
    write_fixture()
    r = run("report", "--as-of", AS_OF, "-o", "reports/r.md")
    assert r.code == 1
    assert r.out == ""
    assert r.err.splitlines() == [
        "briefs/2026-05-05-bad.yaml:2:12: `published`: '2026-02-30' is not a real date: February "
        "2026 has 28 days",
        "briefs/2026-05-05-bad.yaml:4:19: unknown term 'fairly likely' for scale 'bisi'; known "
        "terms: remote chance, highly unlikely, unlikely, realistic possibility, likely, "
        "highly likely, almost certain",
    ]
    assert Path("reports/r.md").read_bytes() == (GOLDEN / "report.md").read_bytes()


def test_empty_folder_and_relative_days() -> None:
    r = run("report", "--as-of", "yesterday", "--format", "text")
    assert r.code == 0
    # Thursday to Thursday is no ISO week: the title names none.
    assert r.out.startswith("Forecast report: week ending Thursday 2026-11-26\n")
    for line in (
        "0 briefs, 0 forecasts: 0 open (0 of them due), 0 resolved.",
        "Nothing is due.",
        "Nothing comes due.",
        "No outcome was recorded.",
        "No forecast to score as of 2026-11-26.",
        "Every brief is valid.",
    ):
        assert line + "\n" in r.out
    assert run("report", "--as-of", "today").out.startswith(
        "# Forecast report: week ending Friday 2026-11-27\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "Error: --format must be one of markdown, html, text, not 'pdf'\n"),
        (["--as-of", "soon"], "Error: --as-of: 'soon' is not a date; write it as 2025-12-08\n"),
        (["--briefs", "nowhere"], "Error: no briefs folder at "),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    r = run("report", *args)
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(message)


@pytest.mark.parametrize(
    ("days", "why"),
    [("0", "greater than or equal to 1"), ("99999999", "less than or equal to 36525")],
)
def test_days_must_lie_between_one_day_and_a_century(days: str, why: str) -> None:
    # 99999999 days once ran the period's start off the calendar: a traceback.
    r = run("report", "--days", days)
    assert (r.code, r.out) == (2, "")
    assert r.err.endswith(f"Error: Invalid value for '--days': Input should be {why}\n")
    assert "Traceback" not in r.err


def test_the_widest_period_and_earliest_day_still_make_a_report() -> None:
    r = run("report", "--days", "36525", "--as-of", "1900-01-01", "--format", "text")
    assert (r.code, r.err) == (0, "")


def test_the_output_folder_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    r = run("report", "-o", "taken/r.md")
    assert r.code == 1
    assert r.err.startswith("Error: cannot write taken/r.md: ")


# -- as cron runs it -----------------------------------------------------------------------


def cron_env(home: Path) -> dict[str, str]:
    """What cron gives a job: no terminal, no TERM, no NO_COLOR, a short PATH."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "SHELL": "/bin/sh", "LOGNAME": "cron"}


def test_as_cron_runs_it_no_colour_and_the_exit_code(tmp_path: Path) -> None:
    write_fixture()
    done = subprocess.run(
        [sys.executable, "-m", "forecastcli", "report", "--as-of", AS_OF, "--format", "text"],
        env=cron_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1  # written, and the invalid brief is listed
    assert b"\x1b[" not in done.stdout + done.stderr
    assert done.stdout == (GOLDEN / "report.txt").read_bytes()
    assert done.stderr.startswith(b"briefs/2026-05-05-bad.yaml:2:12: ")
    # A usage error is plain too.
    done = subprocess.run(
        [sys.executable, "-m", "forecastcli", "report", "--no-such-option"],
        env=cron_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert b"\x1b[" not in done.stdout + done.stderr


def crontab_line() -> str:
    page = (REPO / "docs" / "reports.md").read_text(encoding="utf-8")
    found = re.findall(r"^0 7 \* \* 1 .*$", page, re.MULTILINE)
    assert len(found) == 1, "docs/reports.md shows one crontab line"
    return str(found[0])


def test_the_docs_crontab_line_works_as_cron_runs_it(tmp_path: Path) -> None:
    line = crontab_line()
    # Cron turns an unescaped % into a new line (the rest becomes the job's input).
    assert re.search(r"(?<!\\)%", line) is None
    forecast = Path(sys.executable).parent / "forecast"
    if not forecast.is_file():
        pytest.skip("the forecast script is not installed next to this Python")
    repo = tmp_path / "briefs repo"  # a space in the path, as people's folders have
    shutil.copytree(REPO / "briefs", repo / "briefs")
    fields = line.split(None, 5)
    assert fields[:5] == ["0", "7", "*", "*", "1"]
    command = (
        fields[5]
        .replace("\\%", "%")
        .replace("/path/to/briefs-repo", shlex.quote(str(repo)))
        .replace("/path/to/venv/bin/forecast", shlex.quote(str(forecast)))
    )
    done = subprocess.run(
        ["/bin/sh", "-c", command],
        env=cron_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    written = list((repo / "reports").iterdir())
    assert len(written) == 1
    assert re.fullmatch(r"\d{4}-\d\d-\d\d\.html", written[0].name)
    assert written[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n")


def test_the_quarters_table_shows_the_slope_and_both_intervals() -> None:
    # 2026-Q3: "likely" 15 of 20, "unlikely" 8 of 20. Two p's: the fit gives back the
    # rates 75 % and 40 %, so b = (logit 0.75 − logit 0.4) / (logit 0.65 − logit 0.3).
    lines = ["title: Q3", "published: 2026-01-01", "forecasts:"]
    entries = ["resolutions:"]
    for i in range(40):
        term, happened = ("likely", i < 15) if i < 20 else ("unlikely", i < 28)
        lines.append(f"  - {{id: f{i}, term: {term}, statement: S., closes: 2026-08-31}}")
        outcome = "yes" if happened else "no"
        entries.append(f"  - {{forecast: f{i}, outcome: {outcome}, date: 2026-08-31}}")
    write_brief("q3", "\n".join(lines + entries) + "\n")

    def logit(p: float) -> float:
        return math.log(p / (1 - p))

    spread = logit(0.65) - logit(0.3)
    slope = (logit(0.75) - logit(0.4)) / spread
    half = 1.959963984540054 * math.sqrt(1 / (20 * 0.75 * 0.25) + 1 / (20 * 0.4 * 0.6)) / spread
    errors = [0.35**2] * 15 + [0.65**2] * 5 + [0.7**2] * 8 + [0.3**2] * 12
    mean = sum(errors) / 40
    sd = math.sqrt(sum((e - mean) ** 2 for e in errors) / 39)
    brier_half = 1.959963984540054 * sd / math.sqrt(40)
    cells = [
        "2026-Q3",
        "40",
        f"{mean:.4f}",
        f"{mean - brier_half:.4f}–{mean + brier_half:.4f}",
        f"{slope:.2f}",
        f"{slope - half:.2f}–{slope + half:.2f}",
    ]
    text = run("report", "--as-of", AS_OF, "--format", "text").out.splitlines()
    assert [" ".join(line.split()) for line in text if line.startswith("2026-Q")] == [
        "2026-Q1 0 – n/a",
        "2026-Q2 0 – n/a",
        " ".join(cells),
        "2026-Q4 0 – n/a",
    ]
    md = run("report", "--as-of", AS_OF, "--format", "markdown").out
    assert "| " + " | ".join(cells) + " |" in md
    html = run("report", "--as-of", AS_OF, "--format", "html").out
    assert f'<td data-label="Slope" class="num">{slope:.2f}</td>' in html
