"""Text from files made safe to show: visible controls, short quotations."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from forecastcli.safetext import clip, json_visible, one_line, quote, visible


def test_controls_are_escapes_and_layout_stays() -> None:
    assert visible("a\x1b[2Jb\x07c\x7fd\x9be\u202ef\u2066g") == (
        "a\\x1b[2Jb\\x07c\\x7fd\\x9be\\u202ef\\u2066g"
    )
    assert visible("two\nlines\tand a tab") == "two\nlines\tand a tab"
    assert one_line("two\nlines\tand a tab\r") == "two\\nlines\\tand a tab\\x0d"
    # The marks right-to-left text needs, and ordinary text, are left as they are.
    assert visible("שלום\u200f عربي\u061c – café ✓") == "שלום\u200f عربي\u061c – café ✓"


# What a terminal acts on: C0 (less tab and newline), DEL, C1, bidi controls, surrogates.
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    for shown in (visible(text), one_line(text), clip(text)):
        assert ACTIVE.search(shown) is None
    assert "\n" not in one_line(text) and "\t" not in one_line(text)


def test_a_quotation_is_at_most_60_characters_of_the_text() -> None:
    assert quote("short") == "'short'"
    long = "x" * 1000
    assert quote(long) == "'" + "x" * 60 + "…'"
    assert clip(long) == "x" * 60 + "…"
    assert quote("a\x1bb") == "'a\\x1bb'"


@given(st.lists(st.text()))
def test_json_stays_the_same_data(items: list[str]) -> None:
    text = json.dumps(items, ensure_ascii=False)
    shown = json_visible(text)
    assert json.loads(shown) == items
    assert not any(0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E for ch in shown)
