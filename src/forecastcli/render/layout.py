"""Plain-text layout for the terminal: the width to fill, text wrapped at words, and tables
that keep every column, header and whole number at any width from 60 columns up (SPEC
section 10).

No Rich here: `due` and `list` lay out their tables with this module alone, and the
Rich outputs (`show`, `scales`, `calibration`, the walk) use it to decide where lines
break, then colour what it gives them.

A table degrades in steps, each tried only when the one before does not fit: text
columns wrap at words (never below their longest word); then the row's key (a forecast's
id, a term) takes a line of its own with the other columns beneath it; past that, lines
run longer than the width rather than cut a number or an id, which the terminal folds.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

GAP = "  "
INDENT = "    "  # the columns and text under a key that takes its own line
MIN_TEXT = 30  # a statement beside the columns needs this much room, else it goes beneath

# A space that wrapping must not break, turned back into a space once the lines are made.
_GLUE = "\u00a0"
_OPERATORS = ("-", "+", "=", "×")
_MAY_GLUE = "0123456789%=+-"  # in ASCII text, a space can be glued only beside one of these
_SPACES = str.maketrans("\t\r\f\v", "    ")  # what wrapping breaks at, with " " and "\n"


def _glued(before: str, after: str) -> bool:
    """Whether the space between two words must not break: between a number and its
    unit or noun ("75 %", "12 days", "4 marks"), around the `=` of "p = 60 %", before a
    window's arrow, between a word and its figure ("covariance -0.0001"), and after an
    operator (which then starts the next line rather than ends this one). Plain string
    tests, not a regular expression: compiling one costs `forecast due` half a
    millisecond of its start-up."""
    if not before or not after:
        return False
    last, first = before[-1], after[0]
    if (last.isdigit() and first == "%") or (before.lstrip("(").isdigit() and first.isalpha()):
        return True
    if last == "p" and first == "=" and (len(before) == 1 or not before[-2].isalnum()):
        return True
    if first == "→" or before in _OPERATORS:
        return True
    figure = first.isdigit() or (first in "+-" and after[1:2].isdigit())
    return figure and last.isascii() and last.isalpha()


def width(stderr: bool = False) -> int:
    """The columns to fill on stdout (or stderr): COLUMNS when set, else the terminal's,
    else 80 (a pipe, a file, cron), as `shutil.get_terminal_size` reads them for stdout."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = sys.__stderr__ if stderr else sys.__stdout__
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


@lru_cache(maxsize=8192)  # a statement is glued to measure it, then to wrap it, twice
def glue(text: str) -> str:
    """`text` with the spaces that must not break replaced by a non-breaking one."""
    if " " not in text or (text.isascii() and not any(c in text for c in _MAY_GLUE)):
        return text
    words = text.split(" ")
    out = [words[0]]
    for before, after in pairwise(words):
        out.append(_GLUE if _glued(before, after) else " ")
        out.append(after)
    return "".join(out)


def wrap(text: str, room: int, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `room` columns, broken only at spaces; each line starts
    with `first` (the first) or `rest` (the others). A word longer than the line stays
    whole: an id or a URL is never cut. Line breaks and tabs in `text` are spaces."""
    if text and _plain(text):
        return list(_greedy(text, max(room, 1), first, rest))
    lines = textwrap.wrap(
        glue(text),
        max(room, 1),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_GLUE, " ") for line in lines] or [first.rstrip()]


def _plain(text: str) -> bool:
    """Whether `text` is words one space apart, with none of the white space that
    textwrap turns into spaces (a tab into several)."""
    if text[0] == " " or text[-1] == " " or "  " in text:
        return False
    return not any(c in text for c in "\t\n\r\f\v")


@lru_cache(maxsize=8192)  # a table wraps its long texts to measure them, then to print
def _greedy(text: str, room: int, first: str, rest: str) -> tuple[str, ...]:
    """Words one space apart, filled into lines greedily as `textwrap.wrap` fills them
    (the same lines, a long word alone on its line), without its regular expressions:
    `forecast due` wraps thousands of statements on a large archive."""
    words = glue(text).split(" ")
    lines: list[str] = []
    line: list[str] = []
    indent = first
    free = room - len(indent)
    used = -1  # the space before the first word of a line is not there
    for word in words:
        if line and used + 1 + len(word) > free:
            lines.append(indent + " ".join(line).replace(_GLUE, " "))
            line, indent, used = [], rest, -1
            free = room - len(indent)
        line.append(word)
        used += 1 + len(word)
    lines.append(indent + " ".join(line).replace(_GLUE, " "))
    return tuple(lines)


def longest_word(text: str) -> int:
    """The narrowest a wrapped column holding `text` can be."""
    if any(c in text for c in "\t\r\f\v"):  # rare; translating costs more than looking
        text = text.translate(_SPACES)
    return max(max(map(len, glue(part).split(" "))) for part in text.split("\n"))


class Column:
    """A table column. A cell may hold line breaks: each starts a new line.

    A plain class, not a dataclass: `forecast due` lays out its table with it, and making
    a dataclass at import costs about half a millisecond of its start-up.
    """

    __slots__ = ("fill", "header", "least", "right", "uniform", "wrap")

    def __init__(
        self,
        header: str,
        right: bool = False,
        wrap: bool = False,
        least: int = 0,
        fill: bool = False,
        uniform: bool = False,
    ) -> None:
        self.header = header
        self.right = right  # figures, aligned right
        self.wrap = wrap  # text that may wrap at words; other cells are never broken
        self.least = least  # a text column is never narrower than this (nor its longest word)
        self.fill = fill  # long text (a statement) that takes whatever room is left
        # Every cell breaks at the same places (a window, `2026-03-08 → 2026-12-08`): one
        # stands for all when choosing widths, which keeps a list of 60,000 rows quick.
        self.uniform = uniform

    def whole(self) -> Column:
        """The same column, never wrapped."""
        return Column(self.header, self.right, False, self.least, self.fill, self.uniform)


def _lines(column: Column, text: str, room: int) -> list[str]:
    if "\n" not in text and (len(text) <= room or not column.wrap):
        return [text]  # the common case, without wrapping: a long list has many rows
    if not column.wrap:
        return text.split("\n")
    return [line for part in text.split("\n") for line in wrap(part, room)]


def _taken(column: Column, texts: Counter[str], room: int) -> tuple[int, int]:
    """The width the cells `texts` (with how often each appears) really take when wrapped
    to `room`, and the lines they then take."""
    widest, lines = len(column.header), 0
    for text, times in texts.items():
        made = _lines(column, text, room)
        widest = max(widest, *(len(line) for line in made))
        lines += len(made) * times
    return widest, lines


def fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], room: int) -> list[int] | None:
    """Widths of `columns` that fit `room`; None when they cannot.

    A `fill` column gives its room first, down to its `least`. Then, step by step, the
    text column whose next narrowing adds the fewest lines for the room it frees narrows
    to the width its cells then really take (a term that breaks on one row goes before a
    status that breaks on every row), never below its longest word, header or `least`.
    """
    gaps = len(GAP) * (len(columns) - 1)
    widths = [
        max(len(c.header), *map(len, "\n".join([r[i] for r in rows]).split("\n")))
        for i, c in enumerate(columns)
    ]
    excess = sum(widths) + gaps - room
    if excess <= 0:
        return widths
    texts: list[Counter[str]] = [
        (Counter({rows[0][i]: len(rows)}) if c.uniform else Counter(r[i] for r in rows))
        if c.wrap
        else Counter()
        for i, c in enumerate(columns)
    ]
    least = [
        min(widths[i], max([len(c.header), c.least, *(longest_word(t) for t in texts[i])]))
        if c.wrap
        else widths[i]
        for i, c in enumerate(columns)
    ]
    if sum(least) + gaps > room:
        return None
    for i, c in enumerate(columns):
        if c.fill and excess > 0:
            taken = min(excess, widths[i] - least[i])
            widths[i] -= taken
            excess -= taken
    narrowing = [i for i, c in enumerate(columns) if c.wrap and not c.fill]
    lines = {i: _taken(columns[i], texts[i], widths[i])[1] for i in narrowing}
    step: dict[int, tuple[int, int]] = {}
    while excess > 0:
        for i in narrowing:
            if i not in step and widths[i] > least[i]:
                step[i] = _taken(columns[i], texts[i], widths[i] - 1)
        can = [i for i in step if widths[i] > least[i]]
        if not can:
            return None
        i = min(
            can,
            key=lambda i: (
                (step[i][1] - lines[i]) / (widths[i] - max(least[i], step[i][0])),
                -widths[i],
            ),
        )
        narrower = max(least[i], step[i][0])
        excess -= widths[i] - narrower
        widths[i], lines[i] = narrower, step.pop(i)[1]
    # A fill column wrapped to its room may take less than it was given.
    return [
        _taken(c, texts[i], widths[i])[0] if c.fill else widths[i] for i, c in enumerate(columns)
    ]


def row_cells(
    columns: Sequence[Column], row: Sequence[str], widths: Sequence[int]
) -> list[list[str]]:
    """One row as physical lines, each a list of cells padded to their column's width."""
    wrapped = [_lines(c, text, w) for c, text, w in zip(columns, row, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    return [
        [
            _pad(c, lines[k] if k < len(lines) else "", w)
            for c, lines, w in zip(columns, wrapped, widths, strict=True)
        ]
        for k in range(height)
    ]


def _pad(column: Column, text: str, width: int) -> str:
    return text.rjust(width) if column.right else text.ljust(width)


def join(parts: Sequence[str], indent: str = "") -> str:
    """Padded cells as one line, without trailing spaces."""
    return (indent + GAP.join(parts)).rstrip()


def header(columns: Sequence[Column], widths: Sequence[int], indent: str = "") -> str:
    return join([_pad(c, c.header, w) for c, w in zip(columns, widths, strict=True)], indent)


def rows(
    columns: Sequence[Column],
    items: Sequence[Sequence[str]],
    widths: Sequence[int],
    indent: str = "",
) -> list[list[str]]:
    """Each row's lines."""
    return [[join(line, indent) for line in row_cells(columns, row, widths)] for row in items]


def rule(lines: Sequence[str], room: int, char: str = "─") -> str:
    """The line under a table's header: as wide as the table, at most the width."""
    return char * min(room, max((len(line) for line in lines), default=0))


def table(columns: Sequence[Column], items: Sequence[Sequence[str]], room: int) -> list[str] | None:
    """A header, a rule and the rows, fitted to `room` columns; None when it cannot fit."""
    widths = fit(columns, items, room)
    if widths is None:
        return None
    head = header(columns, widths)
    body = [line for row in rows(columns, items, widths) for line in row]
    return [head, rule([head, *body], room), *body]


def narrowest(columns: Sequence[Column], items: Sequence[Sequence[str]]) -> list[int]:
    """The least widths of `columns`: for a width narrower than any table can be, where
    lines run long rather than cut a word or a number."""
    return [
        max(
            [
                len(c.header),
                c.least if c.wrap else 0,
                *(longest_word(r[n]) if c.wrap else max(map(len, r[n].split("\n"))) for r in items),
            ]
        )
        for n, c in enumerate(columns)
    ]


def overflowing(columns: Sequence[Column], items: Sequence[Sequence[str]]) -> list[str]:
    """The table at its least widths (see `narrowest`)."""
    widths = narrowest(columns, items)
    head = header(columns, widths)
    body = [line for row in rows(columns, items, widths) for line in row]
    return [head, rule([head, *body], 1 << 30), *body]


class Record:
    """A row whose key (an id) is never broken, with a long text (a statement) that wraps."""

    __slots__ = ("key", "text", "values")

    def __init__(self, key: str, values: Sequence[str], text: str = "") -> None:
        self.key = key
        self.values = values
        self.text = text


def records(
    key: Column,
    columns: Sequence[Column],
    items: Sequence[Record],
    room: int,
    text: str | None = None,
    key_last: bool = False,
) -> list[str]:
    """Records laid out to `room` columns, in the first of these layouts that fits:

    1. the key and the columns on one line, whole, and the text wrapping beside them in
       a column of its own headed `text` (or, with `key_last`, under the key, which
       heads the last column), given MIN_TEXT columns at least;
    2. the key and the columns on one line, the text beneath, indented;
    3. the key on a line of its own, the columns beneath it, then the text;
    4. as 3, with lines longer than the width rather than a cut id or number.

    Records with a text are set apart by a blank line.
    """
    has_text = any(item.text for item in items)
    order = [*columns, key] if key_last else [key, *columns]
    keyed = [[*i.values, i.key] if key_last else [i.key, *i.values] for i in items]
    heads: list[str]
    body: list[list[str]]
    if has_text:
        # Beside the text, the other columns keep their whole width: rather than squeeze
        # them, the text goes beneath.
        whole = [c.whole() for c in columns]
        if key_last:
            beside = [*whole, Column(key.header, wrap=True, least=MIN_TEXT, fill=True)]
            full = [[*i.values, f"{i.key}\n{i.text}"] for i in items]
        else:
            beside = [key, *whole, Column(text or "", wrap=True, least=MIN_TEXT, fill=True)]
            full = [[*k, i.text] for k, i in zip(keyed, items, strict=True)]
        widths = fit(beside, full, room)
        if widths is not None:
            heads = [header(beside, widths)]
            body = rows(beside, full, widths)
            return _assemble(heads, body, room, spaced=True)
    beneath = [wrap(i.text, room, INDENT, INDENT) if i.text else [] for i in items]
    widths = fit(order, keyed, room)
    if widths is not None:
        heads = [header(order, widths)]
        if has_text and text:
            heads.append(INDENT + text)
        lines = rows(order, keyed, widths)
        body = [[*row, *more] for row, more in zip(lines, beneath, strict=True)]
        if all(len(row) == 1 for row in lines):
            return _assemble(heads, body, room, spaced=has_text)
        # Cells had to wrap to keep the key on the row's line. With the key on a line of
        # its own every line is whole (a term, a status, a window unbroken): worth up to
        # a quarter more lines.
        stacked = _stacked(key, columns, items, beneath, room, text if has_text else None)
        if 4 * sum(map(len, stacked[1])) <= 5 * sum(map(len, body)):
            return _assemble(*stacked, room, spaced=has_text)
        return _assemble(heads, body, room, spaced=has_text)
    return _assemble(
        *_stacked(key, columns, items, beneath, room, text if has_text else None),
        room,
        spaced=has_text,
    )


def _stacked(
    key: Column,
    columns: Sequence[Column],
    items: Sequence[Record],
    beneath: list[list[str]],
    room: int,
    text: str | None,
) -> tuple[list[str], list[list[str]]]:
    """The header and rows of layouts 3 and 4 of `records`."""
    rest = [list(i.values) for i in items]
    inner = fit(columns, rest, room - len(INDENT)) or narrowest(columns, rest)
    heads = [key.header, header(columns, inner, INDENT)]
    if text:
        heads.append(INDENT + text)
    body = [
        [i.key, *lines, *more]
        for lines, i, more in zip(rows(columns, rest, inner, INDENT), items, beneath, strict=True)
    ]
    return heads, body


def _assemble(heads: list[str], body: list[list[str]], room: int, spaced: bool) -> list[str]:
    out = [*heads, rule([*heads, *(line for lines in body for line in lines)], room)]
    for n, lines in enumerate(body):
        if n and spaced:
            out.append("")
        out += lines
    return out
