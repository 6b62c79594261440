"""Entries under their forecast and in the top-level list of older files read alike: every
command that shows or scores outcomes gives the same answer for either layout."""

from __future__ import annotations

import pytest

from tests.helpers import run, write_brief

HEAD = """\
title: Two layouts
published: 2026-01-31
forecasts:
"""
ALPHA = """\
  - id: alpha
    horizon: short
    term: likely
    statement: Alpha happens.
"""
BETA = """\
  - id: beta
    horizon: short
    term: unlikely
    statement: Beta happens.
"""
GAMMA = """\
  - id: gamma
    horizon: short
    p: 0.2
    statement: Gamma happens.
"""
ALPHA_OWN = """\
    resolutions:
      - outcome: no
        date: 2026-04-30
        recorded: 2026-05-01T09:00:00Z
        by: A. Analyst
      - outcome: yes
        date: 2026-04-01
        recorded: 2026-05-02T09:00:00Z
        by: B. Editor
        note: Corrected.
"""
BETA_OWN = """\
    resolutions:
      - outcome: no
        date: 2026-04-30
        recorded: 2026-05-01T10:00:00Z
"""
TOP = """\
resolutions:
  - forecast: alpha
    outcome: no
    date: 2026-04-30
    recorded: 2026-05-01T09:00:00Z
    by: A. Analyst
  - forecast: beta
    outcome: no
    date: 2026-04-30
    recorded: 2026-05-01T10:00:00Z
  - forecast: alpha
    outcome: yes
    date: 2026-04-01
    recorded: 2026-05-02T09:00:00Z
    by: B. Editor
    note: Corrected.
"""
LAYOUTS = {
    "top-level": HEAD + ALPHA + BETA + GAMMA + TOP,
    "under each forecast": HEAD + ALPHA + ALPHA_OWN + BETA + BETA_OWN + GAMMA,
    # Both at once: alpha's first entry in the old list, the rest under the forecasts.
    "both": HEAD
    + ALPHA
    + ALPHA_OWN.split("      - outcome: no")[0]
    + "      - outcome: yes"
    + ALPHA_OWN.split("      - outcome: yes")[1]
    + BETA
    + BETA_OWN
    + GAMMA
    + TOP.split("  - forecast: beta")[0],
}
COMMANDS = [
    ("show", "alpha", "--json"),
    ("list", "--json"),
    ("due", "--json", "--within", "400"),
    ("calibration", "--json", "--include-open"),
    ("export", "--format", "json"),
    ("report", "--format", "markdown"),
]


def outputs(text: str) -> list[str]:
    write_brief("b", text)
    assert run("check").code == 0
    found = []
    for command in COMMANDS:
        r = run(*command, "--as-of", "2026-11-27")
        assert r.code == 0, r.err
        found.append(r.out)
    return found


@pytest.mark.parametrize("layout", ["under each forecast", "both"])
def test_every_command_reads_either_layout_alike(layout: str) -> None:
    expected = outputs(LAYOUTS["top-level"])
    assert '"outcome": "yes"' in expected[0]
    assert outputs(LAYOUTS[layout]) == expected


def test_the_resolve_benchmarks_two_layouts_read_alike() -> None:
    import importlib.util
    import sys

    from tests.helpers import REPO

    folder = str(REPO / "benchmarks")
    sys.path.insert(0, folder)  # the script imports its neighbour run.py
    try:
        spec = importlib.util.spec_from_file_location("resolve_large", f"{folder}/resolve_large.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    found = []
    for layout in ("top", "own"):
        write_brief("large", module.large_brief(12, layout))
        r = run("export", "--format", "json", "--as-of", "2026-11-27")
        assert r.code == 0, r.err
        found.append(r.out)
    assert found[0] == found[1]
    assert found[0].count('"outcome": "yes"') + found[0].count('"outcome": "no"') == 6
