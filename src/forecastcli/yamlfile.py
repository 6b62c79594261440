"""Read YAML so that every value can be traced back to its line and column."""

from __future__ import annotations

from dataclasses import dataclass
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
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        return BadScalar(str(node.value), str(exc))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

Key = str | int
_BOOL = "tag:yaml.org,2002:bool"
_TRUE = ("yes", "true", "on", "y")


@dataclass
class Document:
    """A parsed YAML file: its data and the node tree that says where each value stood."""

    path: str
    data: Any
    node: yaml.Node | None

    def locate(self, *keys: Key, key_node: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `keys`, or of its key with `key_node`.

        Where the path cannot be followed (merged keys, say), the nearest node found wins.
        """
        node = self.node
        if node is None:
            return (1, 1)
        found_key: yaml.Node | None = None
        for key in keys:
            child = _child(node, key)
            if child is None:
                break
            found_key, node = child
        target = found_key if key_node and found_key is not None else node
        return (target.start_mark.line + 1, target.start_mark.column + 1)


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
        data = loader.construct_document(node) if node is not None else None
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


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1
