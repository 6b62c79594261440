"""Where a new resolution goes in a brief file's text, and the text that goes there.

SPEC section 6: the entry goes into the forecast's own `resolutions:` list, right after the
forecast's last line (the list is made there if absent), and no other byte changes. Two
analysts who resolve different forecasts of one brief then add text at two places with the
lines of another forecast between them, which git merges; two who resolve the same
forecast add text at one place, which git shows as a conflict.

The forecast's last line is the last line that holds any of its YAML: comment lines and
blank lines after it stay below the new entry, with whatever follows, because they most
often introduce the next forecast. A forecast that cannot take a list under it in block
style (one written `- {id: x, ...}`, or whose last value is an alias written on a later
line) gets its entry in the brief's top-level `resolutions:` list instead, as older
versions wrote every entry: still read, only not kept apart for git.

Every placement here is checked afterwards by parsing the new text (`writing.verify`), so
a mistake in these rules refuses a write; it never writes a wrong file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from forecastcli.errors import DataError
from forecastcli.model import Resolution
from forecastcli.yamlfile import Document, YAMLProblem, parse
from forecastcli.yamltext import scalar

KEY = "resolutions"
# The line breaks YAML counts (libyaml numbers lines by them all).
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
# The dash of a block sequence item at a line's start, and the spaces before it.
_DASH = re.compile(r"( *)-[ \t]+")
# A block scalar's header: `|`, `>+`, `|2-`...; the `+` keeps its trailing blank lines.
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
# An alias on the line of its key: `: *name` (the name as YAML reads it in block context).
_ALIAS = re.compile(r"[ \t]*:[ \t]*\*[^\s,\[\]{}]+")


class Insertion(NamedTuple):
    """Text to put into a file at one offset: nothing before or after it changes."""

    at: int  # where, as an offset into the old text
    text: str  # what; whole lines, each ending in the file's own line break
    line: int  # the line (1-based, as YAML counts) that the first inserted line becomes
    lines: int  # how many lines it adds
    entry_line: int  # the line of the new entry's first key, in the new text

    def apply(self, old: str) -> str:
        return old[: self.at] + self.text + old[self.at :]

    def shifted(self, chars: int, lines: int) -> Insertion:
        """The same insertion, in a text that starts `chars` and `lines` earlier."""
        return self._replace(
            at=self.at + chars, line=self.line + lines, entry_line=self.entry_line + lines
        )


# -- the entry's text ---------------------------------------------------------------------


def entry_lines(entry: Resolution, own: bool = False) -> list[str]:
    """The entry as `key: value` lines, in the order the format shows them. In a
    forecast's `own` list an entry does not name its forecast."""
    lines = [] if own else [f"forecast: {scalar(entry.forecast)}"]
    lines += [
        # Written bare, as the format's example does; the loader reads yes/no either way.
        f"outcome: {entry.outcome}",
        f"date: {entry.date.isoformat()}",
    ]
    if entry.recorded is not None:
        lines.append(f"recorded: {entry.recorded:%Y-%m-%dT%H:%M:%S}Z")
    if entry.by:
        lines.append(f"by: {scalar(entry.by)}")
    if entry.note:
        lines.append(f"note: {scalar(entry.note)}")
    if entry.sources:
        lines.append(f"sources: [{', '.join(scalar(s, flow=True) for s in entry.sources)}]")
    return lines


def entry_text(
    entry: Resolution, indent: str = "  ", newline: str = "\n", own: bool = False
) -> str:
    """One list item of `resolutions:`, its dash at `indent`, each line ending in `newline`."""
    first, *rest = entry_lines(entry, own)
    lines = [f"{indent}- {first}", *(f"{indent}  {line}" for line in rest)]
    return newline.join(lines) + newline


def newline_of(text: str) -> str:
    """The file's own line ending, taken from its first line; "\\n" for a one-line file."""
    match = re.search(r"\r\n|\n|\r", text)
    return match.group() if match else "\n"


# -- where it goes: the whole file parsed -------------------------------------------------


def placement(shown: str, text: str, entry: Resolution, doc: Document | None = None) -> Insertion:
    """Where `entry` goes in `text` (parsed as `doc`, when that is at hand), and its text.

    Raises DataError, saying what to change, where the entry cannot be placed safely.
    """
    if doc is None:
        try:
            doc = parse(shown, text, build=False)
        except YAMLProblem as exc:
            raise DataError(f"{shown}:{exc.line}:{exc.column}: {exc.message}") from None
    root = doc.node
    if not isinstance(root, yaml.MappingNode) or not root.value:
        raise DataError(f"{shown}: not a brief (a mapping of keys); fix it first")
    if root.flow_style:
        raise DataError(
            f"{shown}: the brief is written as one {{...}} mapping; write it one key per "
            "line (block style) so that resolutions can be added"
        )
    item = _forecast_item(text, root, entry.forecast)
    if item is not None:
        found = under_forecast(shown, text, item, entry)
        if found is not None:
            return found
    return at_the_end(shown, text, root, entry)


def _forecast_item(text: str, root: yaml.MappingNode, forecast_id: str) -> yaml.Node | None:
    """The block mapping of the forecast `forecast_id` in a block `forecasts:` list, written
    where it stands (not an alias of a node written elsewhere); None otherwise."""
    items = next(
        (v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "forecasts"),
        None,
    )
    if not isinstance(items, yaml.SequenceNode) or items.flow_style:
        return None
    floor = items.start_mark.index
    for node in items.value:
        if isinstance(node, yaml.MappingNode) and _id_of(node) == forecast_id:
            return node if node.start_mark.index >= floor else None
        floor = node.end_mark.index
    return None


def _id_of(node: yaml.MappingNode) -> str | None:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "id":
            return value.value if isinstance(value, yaml.ScalarNode) else None
    return None


# -- under the forecast -------------------------------------------------------------------


def under_forecast(
    shown: str, text: str, item: yaml.Node, entry: Resolution, newline: str | None = None
) -> Insertion | None:
    """The entry in the forecast `item`'s own list; None when the forecast cannot take a
    list under it in block style (the caller then uses the top-level list). Lines end in
    `newline` (by default the one of `text`'s first line).

    Raises DataError for a forecast whose own `resolutions:` cannot take an item.
    """
    if not isinstance(item, yaml.MappingNode) or item.flow_style or not item.value:
        return None
    newline = newline or newline_of(text)
    own = [(k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode) and k.value == KEY]
    if not own:
        end = _content_end(text, item, item.start_mark.index)
        if end is None:
            return None
        indent = " " * item.value[0][0].start_mark.column
        head = f"{indent}{KEY}:{newline}"
        return _insert(text, end, head + entry_text(entry, indent + "  ", newline, own=True), 1)
    key, value = own[-1]
    line, column = key.start_mark.line + 1, key.start_mark.column + 1
    where = f"{shown}:{line}:{column}: the `{KEY}:` of forecast {scalar(entry.forecast)}"
    if value.start_mark.index < key.end_mark.index:
        raise DataError(
            f"{where} refers to a list written elsewhere (an alias); write its entries out "
            "under the key so that new ones can be added"
        )
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        last = value.value[-1]
        floor = value.value[-2].end_mark.index if len(value.value) > 1 else value.start_mark.index
        end = _content_end(text, last, floor)
        indent = _dash_indent(text, last.start_mark.index)
        if end is None or indent is None:
            raise DataError(
                f"{where}: cannot tell where its last entry ends; write each entry as "
                "`- outcome: ...`, its first key on the dash's line"
            )
        return _insert(text, end, entry_text(entry, indent, newline, own=True), 0)
    after_key = text[key.end_mark.index : _line_end(text, key.end_mark.index)].lstrip(" \t")
    if after_key.startswith(":") and _only_comments(after_key[1:]):
        # `resolutions:` with nothing after it yet (a comment aside).
        indent = " " * key.start_mark.column + "  "
        end = key.end_mark.index
        return _insert(text, end, entry_text(entry, indent, newline, own=True), 0)
    raise DataError(
        f"{where} must be a list with one `- outcome: ...` item per entry (or empty); "
        "rewrite it in that form (a `[]` can simply be deleted)"
    )


def _content_end(text: str, node: yaml.Node, floor: int) -> int | None:
    """Where the last character of `node`'s own text ends (an offset into `text`).

    `floor` is where the node must start if it is written where it stands: one that
    starts before it is an alias of a node written earlier. A keep-chomped block scalar
    (`|+`) ends after its trailing blank lines, which are part of its value.
    """
    start = node.start_mark.index
    if start < floor:
        # An alias. Its own text is `*name` after the key, found when on the key's line.
        alias = _ALIAS.match(text, floor)
        return alias.end() if alias is not None else None
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        key, value = node.value[-1]
        return _content_end(text, value, key.end_mark.index)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        items = node.value
        before = items[-2].end_mark.index if len(items) > 1 else start
        # An alias as a list item (`- *name`) is not searched for: the caller gives up.
        return _content_end(text, items[-1], before)
    end = node.end_mark.index
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        header = _BLOCK_HEADER.search(text, start, _line_end(text, start))
        if header is not None and "+" in header.group(0):
            return end
        # Clipped or stripped: its trailing blank lines are not part of it.
        return start + len(text[start:end].rstrip())
    return end


def _insert(text: str, end: int, inserted: str, key_lines: int) -> Insertion:
    """`inserted` on the line after the one where the content ending at `end` ends."""
    index = _after_line(text, end)
    if index == len(text) and text and not _BREAK.fullmatch(text[-1]):
        inserted = newline_of(text) + inserted  # the file's last line gets its break first
        line = line_of(text, index) + 1
    else:
        line = line_of(text, index)
    count = len(_BREAK.findall(inserted)) - (inserted[0] in "\r\n")
    return Insertion(index, inserted, line, count, line + key_lines)


def _after_line(text: str, end: int) -> int:
    """The start of the line after the one that holds the character before `end`; the end
    of the text if there is none. An `end` at a line's start (after a `|+` scalar) stays."""
    if end == 0 or _BREAK.fullmatch(text[end - 1]):
        return end
    found = _BREAK.search(text, end)
    return found.end() if found else len(text)


def _line_end(text: str, index: int) -> int:
    found = _BREAK.search(text, index)
    return found.start() if found else len(text)


def line_of(text: str, index: int) -> int:
    """The line (1-based) that holds offset `index`, counting line breaks as YAML does."""
    lines = text.count("\n", 0, index) + 1
    if "\r" in text:
        lines += text.count("\r", 0, index) - text.count("\r\n", 0, index)
    for other in "\x85\u2028\u2029":
        if other in text:
            lines += text.count(other, 0, index)
    return lines


def _dash_indent(text: str, item_index: int) -> str | None:
    """The spaces before the `-` of the list item whose content starts at `item_index`."""
    line_start = max(text.rfind("\n", 0, item_index), text.rfind("\r", 0, item_index)) + 1
    match = _DASH.fullmatch(text, line_start, item_index)
    return match.group(1) if match else None


# -- at the end: the top-level list of older files ----------------------------------------


def at_the_end(shown: str, text: str, root: yaml.MappingNode, entry: Resolution) -> Insertion:
    """The entry at the end of the brief's top-level `resolutions:` list, which must be the
    file's last block (a new one is added at the end when there is none)."""
    if not _only_comments(text[root.end_mark.index :]):
        line = line_of(text, root.end_mark.index)
        raise DataError(
            f"{shown}:{line}:1: the file goes on after the brief (a `...` or `---` line); "
            "remove it so that resolutions can be added at the end"
        )
    newline = newline_of(text)
    keys = [k for k, _ in root.value]
    found = [i for i, k in enumerate(keys) if isinstance(k, yaml.ScalarNode) and k.value == KEY]
    end = len(text)
    if not found:
        indent = " " * keys[0].start_mark.column
        inserted = f"{indent}{KEY}:{newline}{entry_text(entry, indent + '  ', newline)}"
        return _insert(text, end, inserted, 1)
    key, value = root.value[found[-1]]
    where = f"{shown}:{key.start_mark.line + 1}:{key.start_mark.column + 1}"
    if found[-1] != len(keys) - 1:
        last = keys[-1]
        last_name = last.value if isinstance(last, yaml.ScalarNode) else "the last key"
        raise DataError(
            f"{where}: `{KEY}:` is not the last block of the file; move it (with its "
            f"entries) below `{last_name}:` so that new entries can be added"
        )
    if value.start_mark.index < key.end_mark.index:
        raise DataError(
            f"{where}: `{KEY}:` refers to a list written elsewhere (an alias); write its "
            "entries out under the key so that new ones can be added"
        )
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        indent = _dash_indent(text, value.value[-1].start_mark.index)
        if indent is None:
            raise DataError(
                f"{where}: cannot tell how the entries of `{KEY}:` are indented; write "
                "each one as `  - forecast: ...`, its first key on the dash's line"
            )
        return _insert(text, end, entry_text(entry, indent, newline), 0)
    after_key = text[key.end_mark.index :].lstrip(" \t")
    if after_key.startswith(":") and _only_comments(after_key[1:]):
        # `resolutions:` with nothing after it yet (comments aside).
        return _insert(text, end, entry_text(entry, " " * key.start_mark.column + "  ", newline), 0)
    raise DataError(
        f"{where}: `{KEY}:` must be a list with one `- forecast: ...` item per entry (or "
        "empty); rewrite it in that form (a `[]` can simply be deleted)"
    )


def _only_comments(text: str) -> bool:
    """Whether `text` holds nothing but blank lines and comments."""
    return all(not line.strip() or line.strip().startswith("#") for line in text.splitlines())


# -- where it goes: one forecast's lines parsed -------------------------------------------


def quick_placement(text: str, entry: Resolution, line: int) -> Insertion | None:
    """The entry's place found from the forecast's own lines alone, the forecast starting
    at `line` (as the brief was loaded); None when that cannot be done, or is refused.

    A large brief is then not parsed again to find the place: the forecast's lines run from
    its dash to the next line as little indented (its next sibling, or the next top-level
    key), and are parsed alone. The new text is checked whole afterwards, against the brief
    as loaded, so a file that changed since, or lines that read otherwise in the whole
    file, make that check fail and the caller place the entry from a full parse.
    """
    start = _line_start(text, line)
    dash = _DASH.match(text, start) if start is not None else None
    if start is None or dash is None:
        return None
    width = len(dash.group(1))
    after = _after_line(text, dash.end())
    # The next line that is neither blank nor a comment, at the dash's column or less.
    limit = re.compile(rf"(?m)^ {{0,{width}}}[^ \r\n#]").search(text, after)
    end = limit.start() if limit else len(text)
    lines = text[start:end]
    try:
        doc = parse("", lines, build=False)
    except YAMLProblem:
        return None
    root = doc.node
    if (
        not isinstance(root, yaml.SequenceNode)
        or root.flow_style
        or len(root.value) != 1
        or not isinstance(root.value[0], yaml.MappingNode)
        or _id_of(root.value[0]) != entry.forecast
    ):
        return None
    try:
        found = under_forecast("", lines, root.value[0], entry, newline_of(text))
    except DataError:
        return None  # refused: the full parse says so, with the file's name and line
    return None if found is None else found.shifted(start, line - 1)


def _line_start(text: str, line: int) -> int | None:
    """The offset where line `line` (1-based) starts, counting "\\n" line breaks."""
    if line < 1:
        return None
    if line == 1:
        return 0
    # One C-speed match over the lines before it, rather than a Python loop per line.
    found = re.match(rf"(?:[^\n]*\n){{{line - 1}}}", text)
    return found.end() if found else None
