"""Text as YAML scalars: the one writer of values into users' brief files.

Both `forecast resolve` (an entry's note, sources, name) and `forecast import` (a drafted
brief's title, statements, ids) write through here, so a value is escaped the same way
whichever command wrote it, and reads back as exactly the text given.

A value is written plain where that is safe and reads back unchanged ("almost certain",
"A. Analyst"); otherwise in double quotes, where every character that does not show (a
control, a format mark, a space other than " ", a line separator) is written as an escape
the reader can see: `\\t`, `\\n`, `\\x07`, `\\u200e`.
"""

from __future__ import annotations

import re

import yaml

# Plain (unquoted) text must start with a letter or digit and hold nothing YAML could read
# as structure; anything else is written in double quotes with escapes.
_RISKY = re.compile(r"(: |:$| #|[\x00-\x1f\x7f])")
_FLOW_RISKY = re.compile(r"[,\[\]{}]")


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar that reads back as exactly `text`, on one line.

    `flow` is for an item of a `[a, b]` list, where commas and brackets are structure too.
    """
    if (
        text
        and text[0].isalnum()
        and text == text.strip()
        and text.isprintable()
        and not _RISKY.search(text)
        and not (flow and _FLOW_RISKY.search(text))
        and _reads_back(text, flow)
    ):
        return text
    return quoted(text)


def _reads_back(text: str, flow: bool) -> bool:
    source = f"k: [{text}]" if flow else f"k: {text}"
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        return False
    value = data["k"][0] if flow else data["k"]
    return isinstance(value, str) and value == text


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: printable characters as they are, the rest escaped."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch.isprintable():
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)
