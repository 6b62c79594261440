"""Read YAML so that every value can be traced back to its line and column."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

# libyaml's parser is about eight times faster than the pure-Python one.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class BadScalar:
    """A value YAML recognised by its shape but could not build (such as 2025-02-30)."""

    text: str
    reason: str


class _Loader(_Base):  # type: ignore[misc]
    pass


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    # The two shapes briefs use, built directly (the resolver has checked the digits);
    # anything else, or a day that does not exist, goes through PyYAML's constructor.
    value = node.value
    try:
        if len(value) == 10:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        if len(value) == 20 and value[10] == "T" and value[19] == "Z" and value[13] == ":":
            return dt.datetime(
                int(value[:4]),
                int(value[5:7]),
                int(value[8:10]),
                int(value[11:13]),
                int(value[14:16]),
                int(value[17:19]),
                tzinfo=dt.timezone.utc,
            )
    except ValueError:
        pass
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        return BadScalar(str(node.value), str(exc))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
# The implicit resolvers by the first character of a plain scalar, looked up once here:
# libyaml calls `resolve` back for every scalar, and PyYAML's general version (path
# resolvers, list concatenation) is a third of the whole parse of a brief.
_IMPLICIT: dict[str, tuple[tuple[str, Any], ...]] = {
    first: tuple(resolvers) for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
assert None not in _IMPLICIT  # no wildcard resolvers, so the first character decides


def _resolve(self: Any, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


def _no_path(*_: Any) -> None:
    """Path resolvers are never used; libyaml still calls these for every node."""


_Loader.resolve = _resolve
_Loader.descend_resolver = _no_path
_Loader.ascend_resolver = _no_path


class _Fallback(Exception):
    """The document uses something only PyYAML's full constructor handles."""


def _build(loader: Any, node: yaml.Node) -> Any:
    """The data of a node tree without aliases, merge keys or collection tags.

    The same values as PyYAML's constructor (whose scalar constructors it calls for every
    tag but plain text), in a third of the time; anything else raises _Fallback.
    """
    kind = type(node)
    if kind is yaml.ScalarNode:
        tag = node.tag
        if tag == _STR:
            return node.value
        make = _SCALARS.get(tag)
        if make is None:
            raise _Fallback
        return make(loader, node)
    if kind is yaml.MappingNode and node.tag == _MAP:
        mapping = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Fallback
            key = _build(loader, key_node)
            try:
                mapping[key] = _build(loader, value_node)
            except TypeError:  # an unhashable key: PyYAML's constructor words the error
                raise _Fallback from None
        return mapping
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_build(loader, item) for item in node.value]
    raise _Fallback


_SCALARS: dict[str, Any] = {
    tag: make
    for tag, make in _Loader.yaml_constructors.items()
    if tag is not None and tag not in (_SEQ, _MAP, _STR)
}

Key = str | int
_BOOL = "tag:yaml.org,2002:bool"
_TRUE = ("yes", "true", "on", "y")


@dataclass
class Document:
    """A parsed YAML file: its data and the node tree that says where each value stood."""

    path: str
    data: Any
    node: yaml.Node | None
    _index: dict[str, tuple[yaml.Node | None, yaml.Node]] | None = field(
        default=None, repr=False, compare=False
    )

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
    """The text is not YAML that can be read; carries line and column (1-based)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def parse(path: str, text: str) -> Document:
    """Parse one YAML document; raise YAMLProblem with a position for unreadable text."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None
        if node is not None:
            data = _data(loader, node, text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "not valid YAML"
        raise YAMLProblem(f"not valid YAML: {what}", line, column) from None
    except yaml.YAMLError as exc:
        # ReaderError (a character YAML does not allow) and kin.
        position = getattr(exc, "position", None)
        line, column = _line_col(text, position) if position is not None else (1, 1)
        reason = getattr(exc, "reason", None) or "not valid YAML"
        raise YAMLProblem(f"not valid YAML: {reason}", line, column) from None
    except RecursionError:
        raise YAMLProblem("not valid YAML: nested too deeply", 1, 1) from None
    finally:
        loader.dispose()
    return Document(path, data, node)


def _data(loader: Any, node: yaml.Node, text: str) -> Any:
    # Without an anchor (`&`) there is no alias, so no shared or recursive structure.
    if "&" not in text:
        try:
            return _build(loader, node)
        except _Fallback:
            pass
    return loader.construct_document(node)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1
