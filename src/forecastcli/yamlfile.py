"""Read YAML so that every value can be traced back to its line and column.

`parse` refuses what a brief file may not hold (merge-conflict markers, explicit tags,
text no UTF-8 file can hold) with a position for each, and gives a Document: the data,
built by `yamlloader`, and the node tree that `locate` follows to a value's line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from forecastcli import yamlloader
from forecastcli.safetext import QUOTE_LIMIT, one_line, quote
from forecastcli.yamlloader import MAP, SEQ, STR

Key = str | int
_BOOL = "tag:yaml.org,2002:bool"
_TRUE = ("yes", "true", "on", "y")


class Document:
    """A parsed YAML file: its data and the node tree that says where each value stood."""

    def __init__(self, path: str, data: Any, node: yaml.Node | None) -> None:
        self.path = path
        self.data = data
        self.node = node
        self._index: dict[str, tuple[yaml.Node | None, yaml.Node]] | None = None

    def locate(self, *keys: Key, key_node: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `keys`, or of its key with `key_node`.

        Where the path cannot be followed (merged keys, say), the nearest node found wins.
        """
        node = self.node
        if node is None:
            return (1, 1)
        found_key: yaml.Node | None = None
        for i, key in enumerate(keys):
            if i == 0 and isinstance(node, yaml.MappingNode):
                child = self._top(key)
            else:
                child = _child(node, key)
            if child is None:
                break
            found_key, node = child
        target = found_key if key_node and found_key is not None else node
        return (target.start_mark.line + 1, target.start_mark.column + 1)

    def _top(self, key: Key) -> tuple[yaml.Node | None, yaml.Node] | None:
        # A brief asks for the line of each forecast and resolution: look the top-level
        # keys up once rather than scanning the mapping every time.
        if self._index is None:
            self._index = {}
            assert self.node is not None
            for name in ("forecasts", "resolutions"):
                found = _child(self.node, name)
                if found is not None:
                    self._index[name] = found
        if isinstance(key, str) and key in self._index:
            return self._index[key]
        assert self.node is not None
        return _child(self.node, key)


def _child(node: yaml.Node, key: Key) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        if 0 <= key < len(node.value):
            return (None, node.value[key])
        return None
    if isinstance(node, yaml.MappingNode):
        merged: list[yaml.Node] = []
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                if isinstance(key, bool):
                    # `on:` or `yes:` as a key: YAML 1.1 read it as a boolean.
                    if k.tag == _BOOL and (k.value.lower() in _TRUE) == key:
                        return (k, v)
                elif k.value == str(key):
                    return (k, v)
                if k.tag == "tag:yaml.org,2002:merge":
                    merged.extend(v.value if isinstance(v, yaml.SequenceNode) else [v])
        for m in merged:
            found = _child(m, key)
            if found is not None:
                return found
    return None


class YAMLProblem(Exception):
    """The text is not YAML that can be read; carries line and column (1-based).

    `more` holds further problems of the same text as (message, line, column), when the
    reader could name them all at once (explicit tags, merge conflicts).
    """

    def __init__(
        self, message: str, line: int, column: int, more: list[tuple[str, int, int]] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.more = more or []

    def all(self) -> list[tuple[str, int, int]]:
        """Every problem found: this one first."""
        return [(self.message, self.line, self.column), *self.more]


def _raise_all(found: list[tuple[str, int, int]]) -> None:
    if found:
        (message, line, column), *more = found
        raise YAMLProblem(message, line, column, more)


def parse(path: str, text: str, build: bool = True) -> Document:
    """Parse one YAML document; raise YAMLProblem with a position for unreadable text.

    Without `build`, only the node tree is made (what says where things stand), not the
    values: a third less work where only positions are wanted.
    """
    _raise_all(merge_conflicts(text))
    loader = None
    try:
        # PyYAML's own reader checks every character as the loader is made: inside the try.
        loader = yamlloader.Loader(text)
        node = loader.get_single_node()
        data = None
        if node is not None:
            _raise_all(_unsafe_nodes(text, node))
            if build:
                data = yamlloader.build(loader, node, text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = _words(exc.problem or exc.context or "")
        raise YAMLProblem(f"not valid YAML: {what or 'cannot be read'}", line, column) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_col(text, _char_index(text, exc))
        # As Python writes it (\x08, \ufffe): these characters are invisible as they are.
        char = repr(chr(exc.character))[1:-1] if isinstance(exc.character, int) else "a character"
        raise YAMLProblem(
            f"not valid YAML: the character {char} is not allowed; delete it", line, column
        ) from None
    except yaml.YAMLError as exc:
        raise YAMLProblem(f"not valid YAML: {_words(str(exc))}", 1, 1) from None
    except RecursionError:
        raise YAMLProblem("not valid YAML: nested too deeply", 1, 1) from None
    finally:
        if loader is not None:
            loader.dispose()
    return Document(path, data, node)


# Patterns, compiled by `re` on first use and kept: most briefs need none of them, and
# compiling them all would cost every start.
# A git merge-conflict marker: seven of one character at the start of a line, then a space
# or the end of the line (`<<<<<<< HEAD`, `=======`, `>>>>>>> branch`, diff3's `|||||||`).
_MARKER = r"(?m)^(<{7}|={7}|>{7}|\|{7})(?=[ \t\r\n]|$)"


def merge_conflicts(text: str) -> list[tuple[str, int, int]]:
    """An unresolved merge conflict, once per conflict at its `<<<<<<<` line.

    A marker outside a conflict (one side's lines deleted, but not every marker) is
    named at its own line.
    """
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text:
        return []
    found = []
    start = None
    for match in re.finditer(_MARKER, text):
        marker = match.group(1)
        line = text.count("\n", 0, match.start()) + 1
        if marker[0] == "<":
            if start is not None:
                found.append(_conflict(start, None))
            start = line
        elif marker[0] == ">" and start is not None:
            found.append(_conflict(start, line))
            start = None
        elif start is None:
            found.append(
                (
                    f"unresolved merge conflict: a `{marker}` line left from git; keep the "
                    "lines that are right and delete every conflict marker",
                    line,
                    1,
                )
            )
    if start is not None:
        found.append(_conflict(start, None))
    return found


def _conflict(start: int, end: int | None) -> tuple[str, int, int]:
    lines = f"lines {start}-{end}" if end is not None else f"from line {start}"
    return (
        f"unresolved merge conflict ({lines}, left by git): keep the lines that are right and "
        "delete the `<<<<<<<`, `=======` and `>>>>>>>` lines",
        start,
        1,
    )


# Where a tag may start: after a space, a flow indicator or at a line's start. A plain
# scalar holding "!" (`Wow!`) does not match, so most files skip the walk below.
_TAG_START = r"(?m)(?:^|[\s,\[\]{}])!"
# A node's text that starts with its tag, after an anchor or not (`!!int 3`, `&a !!str x`).
_TAGGED = r"(?:&[^\s,\[\]{}]+\s+)?!"
# A \u or \U escape, which PyYAML's own parser may turn into a lone surrogate.
_ESCAPE = r"\\[uU]"
_SURROGATE = "[\ud800-\udfff]"
_SHORT_TAGS = (("tag:yaml.org,2002:", "!!"),)
_WORD = r"[^\s,\[\]{}]+"


def _unsafe_nodes(text: str, root: yaml.Node) -> list[tuple[str, int, int]]:
    """Explicit tags, and text no UTF-8 file can hold, at each node that has them.

    SPEC section 3: an explicit tag (`!!int`, `!!timestamp`, `!!python/...`) is a problem
    at its line, never handed to PyYAML's constructors, which raise anything on odd input.
    Aliases are not followed: each node is looked at once, however often it is named.
    """
    # `in` first: a scan for one character is many times faster than the patterns.
    tags = "!" in text and re.search(_TAG_START, text) is not None
    escapes = "\\" in text and re.search(_ESCAPE, text) is not None
    if not (tags or escapes):
        return []
    found = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the node it names is looked at once
            continue
        seen.add(id(node))
        mark = node.start_mark
        tag = _explicit_tag(text, node) if tags else None
        if tag is not None:
            found.append(
                (
                    f"a YAML tag ({one_line(tag[:QUOTE_LIMIT])}) is not allowed; delete it "
                    "(put the value in quotes if it must be read as text)",
                    mark.line + 1,
                    mark.column + 1,
                )
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (value, key)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif escapes and re.search(_SURROGATE, node.value):
            found.append(
                (
                    "not valid YAML: a \\u escape names half of a character (a surrogate)",
                    mark.line + 1,
                    mark.column + 1,
                )
            )
    found.sort(key=lambda problem: (problem[1], problem[2]))
    return found


def _explicit_tag(text: str, node: yaml.Node) -> str | None:
    """The node's explicit tag as written (`!!int`), or None when it has none.

    `!!str` on a single value is let through: it makes the value text, as quotes do, and
    PyYAML's own dumper writes it.
    """
    if node.tag == STR and isinstance(node, yaml.ScalarNode):
        return None
    written = re.compile(_TAGGED).match(text, node.start_mark.index)
    # An empty value without a tag or anchor starts and ends where the text goes on.
    if written is not None and node.end_mark.index > node.start_mark.index:
        return re.compile(_WORD).match(text, written.end() - 1).group()  # type: ignore[union-attr]
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style
        expected = yamlloader.plain_tag(node.value) if plain else STR
    else:
        expected = SEQ if isinstance(node, yaml.SequenceNode) else MAP
    if node.tag == expected:
        return None
    name = str(node.tag)
    for long, short in _SHORT_TAGS:
        name = name.replace(long, short)
    return name


# A name PyYAML quotes in a message (an alias, an anchor, a tag handle) can be as long as
# the file; it is cut like every quotation.
_QUOTED = f"'([^'\\n]{{{QUOTE_LIMIT + 1},}})'"


def _words(problem: str) -> str:
    cut = re.sub(_QUOTED, lambda m: quote(m.group(1)), problem)
    return one_line(cut if len(cut) <= 4 * QUOTE_LIMIT else cut[: 4 * QUOTE_LIMIT] + "…")


def _char_index(text: str, exc: yaml.reader.ReaderError) -> int:
    """The character offset of a ReaderError: libyaml gives a byte offset in UTF-8."""
    position = int(exc.position or 0)
    if isinstance(exc.character, int) and text[position : position + 1] == chr(exc.character):
        return position
    encoded = text.encode("utf-8", "surrogatepass")[:position]
    return len(encoded.decode("utf-8", "ignore"))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1
