"""The one YAML writer: any text written as a scalar reads back as exactly that text."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastcli import yamltext
from forecastcli.yamlfile import parse

# Text made mostly of what YAML reads as structure, types or line breaks, mixed with any
# character at all (lone surrogates aside: no UTF-8 file can hold them).
_TRICKY = [
    *" :#-?,[]{}'\"\\!&*|>%@`\t\n\r\x85\u2028\u2029\ufeff\xa0\u200e",
    "yes", "No", "null", "~", "0x1F", "1e3", "2026-03-01", ".inf", "<<", "=", "...", "---",
]  # fmt: skip
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(_TRICKY), st.text(max_size=2)), max_size=8).map("".join),
)


def _both(source: str) -> list[object]:
    """The document as the project's loader and as PyYAML's own safe loader read it."""
    return [parse("x.yaml", source).data, yaml.safe_load(source)]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_any_text_reads_back_exactly_wherever_it_is_written(text: str) -> None:
    written = yamltext.scalar(text)
    item = yamltext.scalar(text, flow=True)
    quoted = yamltext.quoted(text)
    for value in (written, item, quoted):
        assert "\n" not in value and "\r" not in value
        assert all(ch.isprintable() for ch in value)
    assert _both(f"k: {written}\n") == [{"k": text}] * 2
    assert _both(f"k: [{item}, x]\n") == [{"k": [text, "x"]}] * 2
    assert _both(f"k: {quoted}\n") == [{"k": text}] * 2
    # As the importer writes them: list items and keys of a mapping inside a list.
    nested = f"title: {quoted}\nauthor:\n  - {written}\nforecasts:\n  - id: {written}\n"
    expected = {"title": text, "author": [text], "forecasts": [{"id": text}]}
    assert _both(nested) == [expected] * 2


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Ceremony held in Washington.", "Ceremony held in Washington."),
        ("Émile’s note – with ünïcode", "Émile’s note – with ünïcode"),
        ("yes", '"yes"'),  # plain would read as true
        ("2026-01-20", '"2026-01-20"'),  # plain would read as a date
        ("12", '"12"'),
        ("null", '"null"'),
        ("Said: no", '"Said: no"'),
        ("see #3", '"see #3"'),
        ("- a list?", '"- a list?"'),
        ("'quoted'", "\"'quoted'\""),
        ('"b" \\ c', '"\\"b\\" \\\\ c"'),
        ("two\nlines\ttab", '"two\\nlines\\ttab"'),
        (" padded ", '" padded "'),
        ("bell\x07 nel\x85 ls\u2028", '"bell\\x07 nel\\x85 ls\\u2028"'),
        ("", '""'),
        # What does not show is escaped, so a reviewer of the file sees it; the rest stays.
        ("left\u200eto", '"left\\u200eto"'),
        ("en\u2002space", '"en\\u2002space"'),
        ("private\ue000use", '"private\\ue000use"'),
        ("\ufeffmark", '"\\ufeffmark"'),
        ("astral \U0001f600 shows", "astral \U0001f600 shows"),
        ("astral \U000e0001 tag", '"astral \\U000e0001 tag"'),
    ],
)
def test_scalars_are_plain_only_where_safe(text: str, written: str) -> None:
    assert yamltext.scalar(text) == written
    assert yaml.safe_load(f"k: {written}") == {"k": text}


def test_flow_scalars_quote_commas_and_brackets() -> None:
    assert yamltext.scalar("https://example.org/a/b-c", flow=True) == "https://example.org/a/b-c"
    # PyYAML ends a plain scalar at `?` inside [...], so a query string needs quotes.
    assert yamltext.scalar("https://example.org/a?b=1", flow=True) == '"https://example.org/a?b=1"'
    assert yamltext.scalar("https://example.org/a,b", flow=True) == '"https://example.org/a,b"'
    assert yamltext.scalar("x]", flow=True) == '"x]"'
