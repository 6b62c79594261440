"""Whatever is in a brief file, the loader gives a brief or clean problems, never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecastcli.config import Settings
from forecastcli.errors import Problem
from forecastcli.loading import read_brief
from forecastcli.validation import check_text

SETTINGS = Settings(briefs=Path("briefs"))
FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


def assert_clean(brief: Any, problems: list[Problem]) -> None:
    assert all(isinstance(p, Problem) and p.line >= 0 and p.message for p in problems)
    if brief is None:
        assert any(not p.warning for p in problems)
    else:
        assert not any(not p.warning for p in problems)


@FUZZ
@given(st.text())
def test_any_text(text: str) -> None:
    assert_clean(*check_text("b.yaml", "b", text, SETTINGS))


@FUZZ
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    path = Path("briefs") / "b.yaml"
    path.write_bytes(data)
    assert_clean(*read_brief(path, SETTINGS))


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
    st.dates(), st.sampled_from(["likely", "short", "yes", "no", "2025-02-30", "on", "a"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=3),
    max_leaves=8,
)  # fmt: skip
KEYS = ["id", "statement", "term", "p", "horizon", "opens", "closes", "confidence", "quote"]
forecast = st.dictionaries(st.sampled_from(KEYS), values, max_size=len(KEYS))
resolution = st.dictionaries(
    st.sampled_from(["forecast", "outcome", "date", "recorded", "by", "note", "sources"]),
    values, max_size=7,
)  # fmt: skip


@FUZZ
@given(
    title=values, published=st.one_of(values, st.dates()), scale=values,
    forecasts=st.lists(forecast, max_size=3) | values,
    resolutions=st.lists(resolution, max_size=3) | values,
)  # fmt: skip
def test_any_structure(title: Any, published: Any, scale: Any, forecasts: Any,
                       resolutions: Any) -> None:  # fmt: skip
    doc = {"title": title, "published": published, "scale": scale, "forecasts": forecasts,
           "resolutions": resolutions}  # fmt: skip
    text = yaml.safe_dump(doc, allow_unicode=True)
    assert_clean(*check_text("b.yaml", "b", text, SETTINGS))


def test_a_valid_structure_loads() -> None:
    # The structured strategy above can produce valid briefs: this one proves the path works.
    text = yaml.safe_dump({
        "title": "T", "published": dt.date(2025, 1, 1),
        "forecasts": [{"id": "a", "statement": "S", "term": "likely", "horizon": "short"}],
        "resolutions": [{"forecast": "a", "outcome": True, "date": dt.date(2025, 2, 1)}],
    })  # fmt: skip
    brief, problems = check_text("b.yaml", "b", text, SETTINGS)
    assert problems == [] and brief is not None
    assert brief.resolutions[0].outcome == "yes"
