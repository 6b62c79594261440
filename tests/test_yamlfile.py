"""The YAML reader gives exactly what PyYAML's safe loader gives, only faster."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastcli.yamlfile import YAMLProblem, parse
from forecastcli.yamlloader import BadScalar

REFERENCE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def reference(text: str) -> Any:
    return yaml.load(text, Loader=REFERENCE)


scalars = (
    st.text(max_size=20)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
    | st.dates()
    | st.datetimes(timezones=st.just(dt.timezone.utc))
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_any_dumped_data_reads_back_as_pyyaml_reads_it(data: Any, flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    if any(
        getattr(event, "tag", None) not in (None, "tag:yaml.org,2002:str")
        for event in yaml.parse(text)
    ):
        # PyYAML tags what it cannot write plainly (a datetime with a zone); a tag is a
        # problem at its line (SPEC section 3).
        with pytest.raises(YAMLProblem, match="a YAML tag"):
            parse("x.yaml", text)
        return
    assert parse("x.yaml", text).data == reference(text)


# Plain scalars of every kind YAML 1.1 resolves, as keys and values, in both layouts.
TOKENS = [
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "NULL",
    "",
    "0",
    "-12",
    "+7",
    "0x1F",
    "0o17",
    "017",
    "0b101",
    "1_000",
    "190:20:30",
    "3.5",
    "1e3",
    "1.5e+3",
    ".inf",
    "-.Inf",
    ".5",
    "2025-12-08",
    "2025-1-8 10:04:12",
    "2026-11-27T10:04:12Z",
    "2026-11-27T10:04:12.5+01:00",
    "2026-11-27t10:04:12",
    "'quoted'",
    '"2025-12-08"',
    "=",
    "<<",
    "text with spaces",
    "R&D",
    "!!str 12",
    "!!int '7'",
    "!!float 1",
    "!!binary aGk=",
    "[a, b]",
    "{k: v}",
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(TOKENS)), min_size=1, max_size=6)
)
def test_scalars_of_every_kind_read_as_pyyaml_reads_them(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"k{i}: {value}\n" for i, (_, value) in enumerate(pairs))
    text += "list:\n" + "".join(f"  - {value}\n" for _, value in pairs)
    text += "flow: {" + ", ".join(f"f{i}: {value}" for i, (value, _) in enumerate(pairs)) + "}\n"
    if any(value.startswith("!!") and value != "!!str 12" for pair in pairs for value in pair):
        # SPEC section 3: an explicit tag is a problem at its line, whatever PyYAML makes of
        # it; `!!str` alone is read, as it only says what quotes would.
        with pytest.raises(YAMLProblem, match="a YAML tag"):
            parse("x.yaml", text)
        return
    try:
        expected = reference(text)
    except yaml.YAMLError:
        if any(value in ("=", "<<") for pair in pairs for value in pair):
            # PyYAML cannot build a bare = or <<; the reader keeps it for the checker to name.
            assert "BadScalar" in repr(parse("x.yaml", text).data)
            return
        with pytest.raises(YAMLProblem):
            parse("x.yaml", text)
        return
    assert parse("x.yaml", text).data == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: &x {b: 1}\nc: *x\n",
        "base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3\n",
        "a: &r [1, *r]\n",
    ],
)
def test_anchors_and_merges_read_as_pyyaml_reads_them(text: str) -> None:
    data = parse("x.yaml", text).data
    if text.startswith("a: &r"):
        assert data["a"][1] is data["a"]  # a recursive list stays one list
    else:
        assert data == reference(text)


def test_unhashable_keys_and_tags_are_clean_problems() -> None:
    with pytest.raises(YAMLProblem, match="found unhashable key"):
        parse("x.yaml", "? [a]\n: b\n")
    with pytest.raises(YAMLProblem, match=r"a YAML tag \(!!python/name:os.system\)"):
        parse("x.yaml", "a: !!python/name:os.system\n")


def test_impossible_days_are_kept_as_bad_scalars() -> None:
    data = parse("x.yaml", "a: 2025-02-30\nb: 2025-02-28T25:00:00Z\nc: 2025-02-28\n").data
    assert data["a"] == BadScalar("2025-02-30", "day is out of range for month")
    assert data["b"] == BadScalar("2025-02-28T25:00:00Z", "hour must be in 0..23")
    assert data["c"] == dt.date(2025, 2, 28)
