"""The HTML report at scale: titles true to the period, one diagram per scale, numbers on
the dots that never overlap, dots drawn whole, bands never broken, tables that reflow."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from forecastcli.render import report_svg as svg
from tests.helpers import TODAY, run, write_brief
from tests.test_benchmarks import generator

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    generator().generate(30, folder, seed=1, today=TODAY)
    return folder


def html_of(*args: str) -> ET.Element:
    r = run("report", "--format", "html", *args)
    assert r.code == 0, r.err
    return ET.fromstring(r.out.removeprefix("<!DOCTYPE html>\n"))


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def diagrams(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if local(e.tag) == "svg"]


@pytest.mark.parametrize(
    ("as_of", "days", "title"),
    [
        ("2026-11-22", "7", "Forecast report: week ending Sunday 2026-11-22 (2026-W47)"),
        ("2026-11-27", "7", "Forecast report: week ending Friday 2026-11-27"),
        ("2026-11-27", "1", "Forecast report: Friday 2026-11-27"),
        ("2026-11-27", "90", "Forecast report: 90 days ending Friday 2026-11-27"),
        ("2026-11-29", "14", "Forecast report: 14 days ending Sunday 2026-11-29"),
    ],
)
def test_the_title_is_true_to_the_period(as_of: str, days: str, title: str) -> None:
    # An ISO week only for the whole of one, Monday to Sunday: a 90-day report is not a week.
    for fmt, line in (("text", title), ("markdown", f"# {title}")):
        out = run("report", "--as-of", as_of, "--days", days, "--format", fmt).out
        assert out.splitlines()[0] == line
    heading = html_of("--as-of", as_of, "--days", days).find(".//{*}h1")
    assert heading is not None and heading.text == title


def test_one_diagram_per_scale_with_its_own_bands(archive: Path) -> None:
    root = html_of("--briefs", str(archive), "--as-of", str(TODAY), "--days", "90")
    figures = [e for e in root.iter() if local(e.tag) == "figure"]
    captions = ["".join(f.find("{*}figcaption").itertext()) for f in figures]  # type: ignore[union-attr]
    assert captions == ["bisi", "icd203"]
    bands = {"bisi": 7, "icd203": 7}  # every term of the scale, used or not
    for figure, caption in zip(figures, captions, strict=True):
        drawing = figure.find("{*}svg")
        assert drawing is not None
        rects = [e for e in drawing.iter() if local(e.tag) == "rect" and e.get("fill-opacity")]
        assert len(rects) == bands[caption]
        # Bands of one scale never overlap (they may touch).
        boxes = [
            (float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("width", 0))) for r in rects
        ]
        for (x1, _, w1), (x2, _, w2) in itertools.combinations(boxes, 2):
            assert x1 + w1 <= x2 + 0.01 or x2 + w2 <= x1 + 0.01
        key = figure.find("{*}ol")
        assert key is not None and len(key) == len(numbers_of(drawing)[0]) + thinned(drawing)


def numbers_of(drawing: ET.Element) -> tuple[list[tuple[float, float, str]], list[ET.Element]]:
    """The numbers on the dots (their middle and text), and the dots."""
    numbers = [
        (float(e.get("x", 0)), float(e.get("y", 0)) - svg.FONT * 0.35, e.text or "")
        for e in drawing.iter()
        if local(e.tag) == "text" and e.get("font-weight") == "700"
    ]
    dots = [e for e in drawing.iter() if local(e.tag) == "circle"]
    return numbers, dots


def thinned(drawing: ET.Element) -> int:
    numbers, dots = numbers_of(drawing)
    return len(dots) - len(numbers)


def check_drawing(drawing: ET.Element) -> None:
    """No two numbers overlap, none covers a dot, every dot and number lies inside."""
    numbers, dots = numbers_of(drawing)
    width, height = svg.WIDTH, svg.HEIGHT
    boxes = []
    for x, y, text in numbers:
        w = svg.DIGIT * len(text) + 2
        box = (x - w / 2, y - svg.FONT / 2, x + w / 2, y + svg.FONT / 2)
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
        boxes.append(box)
    for a, b in itertools.combinations(boxes, 2):
        assert not svg._overlaps(a, b), (a, b)
    for dot in dots:
        cx, cy, r = (float(dot.get(k, 0)) for k in ("cx", "cy", "r"))
        assert r - 1 <= cx <= width - r + 1 and r - 1 <= cy <= height - r + 1  # drawn whole
        for box in boxes:
            assert not svg._overlaps(box, (cx - r, cy - r, cx + r, cy + r))


def test_numbers_never_overlap_and_dots_are_whole(archive: Path) -> None:
    root = html_of("--briefs", str(archive), "--as-of", str(TODAY), "--days", "90")
    for drawing in diagrams(root):
        check_drawing(drawing)
        numbers, dots = numbers_of(drawing)
        assert len(numbers) == len(dots) >= 5  # room for each number at this scale


def test_crowded_dots_are_thinned_never_overlapped() -> None:
    # Twelve bare probabilities a point apart, at 0 and 100 % too: the numbers that find
    # no free place are left to the key.
    values = [0, 0.01, 0.02, 0.03, 0.5, 0.51, 0.52, 0.53, 0.97, 0.98, 0.99, 1]
    lines = ["title: Crowd", "published: 2025-01-10", "forecasts:"]
    entries = ["resolutions:"]
    for i, p in enumerate(values):
        for j in range(2):
            lines.append(f"  - {{id: f{i}x{j}, p: {p}, statement: S., closes: 2025-06-30}}")
            outcome = "yes" if (p > 0.5) == (j == 0) else "no"
            entries.append(f"  - {{forecast: f{i}x{j}, outcome: {outcome}, date: 2025-06-30}}")
    write_brief("2025-01-10-crowd", "\n".join(lines + entries) + "\n")
    root = html_of("--as-of", "2026-11-27")
    (drawing,) = diagrams(root)
    check_drawing(drawing)
    numbers, dots = numbers_of(drawing)
    assert len(dots) == 12 and 0 < len(numbers) < 12


def test_a_term_s_band_never_breaks_and_tables_reflow(archive: Path) -> None:
    r = run("report", "--briefs", str(archive), "--as-of", str(TODAY), "--days", "90",
            "--format", "html")  # fmt: skip
    assert '<span class="nowrap">(55–75 %)</span>' in r.out
    assert "@media (max-width: 640px)" in r.out  # cards on a phone
    root = ET.fromstring(r.out.removeprefix("<!DOCTYPE html>\n"))
    tables = [e for e in root.iter() if local(e.tag) == "table"]
    assert tables and all("cards" in (t.get("class") or "") for t in tables)
    for table in tables:
        header = [th.text for th in table.iter("{*}th")] or [
            th.text for th in table.iter() if local(th.tag) == "th"
        ]
        for row in (e for e in table.iter() if local(e.tag) == "tr"):
            cells = [td for td in row if local(td.tag) == "td"]
            if not cells:
                continue
            assert len(cells) == len(header)
            for td in cells[1:]:
                # Every cell that holds a figure names its column, for the card layout.
                if (td.get("class") or "") != "text" and "".join(td.itertext()).strip():
                    assert td.get("data-label"), ET.tostring(td)
