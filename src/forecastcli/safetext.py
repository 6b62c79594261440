"""Text from files, made safe to show: control characters visible, quotations short.

Brief files are shared in a team and may come from anywhere, so their text never reaches
a terminal, a report or a spreadsheet as it is (SPEC section 8):

- Control characters are written as escapes, so `\\x1b[2J` shows as those five visible
  characters instead of clearing the screen: the C0 controls but tab and line feed, DEL,
  the C1 controls (`\\x9b` starts an escape sequence on some terminals, as ESC `[` does),
  the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069,
  which reorder what is shown), and lone surrogates (which cannot be written as UTF-8).
  The marks LRM, RLM and ALM, which right-to-left text uses, are kept as they are.
- Tab and line feed are layout: `visible` keeps them (wrapped text and multi-line cells
  use them), `one_line` escapes them too, for lines that must stay one line (problems).
- A message quotes at most `QUOTE_LIMIT` characters of a file's content (`quote`), so a
  file that is not a brief (a linked secret, a megabyte on one line) is never copied out.
"""

from __future__ import annotations

import re

QUOTE_LIMIT = 60

# Patterns, not compiled ones: `re` compiles each on first use and keeps it, and most
# commands never need one (their text is printable), while compiling these character
# classes costs a millisecond of every start.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_HIDDEN = f"[{_CONTROLS}]"
_HIDDEN_OR_LAYOUT = f"[{_CONTROLS}\t\n]"
_NAMED = {"\t": "\\t", "\n": "\\n"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written as an escape; tabs and newlines kept."""
    if text.isprintable():  # the common case: nothing to do
        return text
    return re.sub(_HIDDEN, _escape, text)


def one_line(text: str) -> str:
    """`text` made visible on one line: tabs and newlines escaped as well."""
    if text.isprintable():
        return text
    return re.sub(_HIDDEN_OR_LAYOUT, _escape, text)


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` quoted for a message (as repr quotes it), cut to `limit` characters with "…"."""
    if len(text) <= limit:
        return repr(text)
    shown = repr(text[:limit])
    return f"{shown[:-1]}…{shown[-1]}"


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` cut to `limit` characters (with "…"), unquoted, made visible on one line."""
    return one_line(text if len(text) <= limit else text[:limit] + "…")


# What json.dumps(ensure_ascii=False) leaves raw that a terminal would act on: DEL, the C1
# controls, the bidirectional controls and lone surrogates. JSON may write any character as
# a \u escape, so escaping these changes the text, never the data.
_JSON_HIDDEN = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def json_visible(text: str) -> str:
    """JSON text from json.dumps with every control character written as a \\u escape."""
    if text.isascii() and "\x7f" not in text:  # the common case: nothing to do
        return text
    return re.sub(_JSON_HIDDEN, lambda m: f"\\u{ord(m.group()):04x}", text)
