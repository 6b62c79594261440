"""How PyYAML is driven to read briefs: fast, and without raising on odd values.

libyaml's parser with the implicit resolvers looked up by first character, scalar
constructors that keep what they cannot build as a BadScalar for the checker to point at,
and a builder that makes plain data in a third of the time PyYAML's constructor takes
(`build`). `yamlfile` is the API the rest of forecastcli uses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import yaml

# libyaml's parser is about eight times faster than the pure-Python one.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BadScalar(NamedTuple):
    """A value YAML recognised by its shape but could not build (such as 2025-02-30).

    A named tuple: every start makes this class, and a dataclass costs ten times as much
    to make.
    """

    text: str
    reason: str


class Loader(_Base):  # type: ignore[misc]
    """The loader of every brief and settings file, with the constructors set below."""


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


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
# The implicit resolvers by the first character of a plain scalar, looked up once here:
# libyaml calls `resolve` back for every scalar, and PyYAML's general version (path
# resolvers, list concatenation) is a third of the whole parse of a brief.
_IMPLICIT: dict[str, tuple[tuple[str, Any], ...]] = {
    first: tuple(resolvers) for first, resolvers in Loader.yaml_implicit_resolvers.items()
}
assert None not in _IMPLICIT  # no wildcard resolvers, so the first character decides


def _resolve(self: Any, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
        return STR
    return SEQ if kind is yaml.SequenceNode else MAP


def _no_path(*_: Any) -> None:
    """Path resolvers are never used; libyaml still calls these for every node."""


Loader.resolve = _resolve
Loader.descend_resolver = _no_path
Loader.ascend_resolver = _no_path


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
        if tag == STR:
            return node.value
        make = _SCALARS.get(tag)
        if make is None:
            raise _Fallback
        return make(loader, node)
    if kind is yaml.MappingNode and node.tag == MAP:
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
    if kind is yaml.SequenceNode and node.tag == SEQ:
        return [_build(loader, item) for item in node.value]
    raise _Fallback


# What YAML itself cannot build from a plain scalar that it recognised by its shape
# (`0x_` as a number) is kept as a BadScalar, for the checker to point at, not raised.
_CANNOT = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError)


def _kept(make: Any, reason: str) -> Any:
    def build(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return make(loader, node)
        except _CANNOT as exc:
            return BadScalar(str(node.value), reason or str(exc))

    return build


def _special(loader: Any, node: yaml.ScalarNode) -> BadScalar:
    return BadScalar(str(node.value), "YAML reads a bare = or << specially; put it in quotes")


for _tag, _reason in (
    ("tag:yaml.org,2002:null", ""),
    ("tag:yaml.org,2002:bool", ""),
    ("tag:yaml.org,2002:int", "not a number YAML can read"),
    ("tag:yaml.org,2002:float", "not a number YAML can read"),
    ("tag:yaml.org,2002:timestamp", ""),
):
    Loader.add_constructor(_tag, _kept(Loader.yaml_constructors[_tag], _reason))
Loader.add_constructor("tag:yaml.org,2002:value", _special)
Loader.add_constructor(_MERGE, _special)  # merge keys are merged before this is asked

# The scalar constructors _build calls: every tag a plain scalar can resolve to. Explicit
# tags never get this far (`_tags_in`), so the collection and binary ones are not needed.
_SCALARS: dict[str, Any] = {
    tag: make
    for tag, make in Loader.yaml_constructors.items()
    if tag is not None and tag not in (SEQ, MAP, STR)
}


def pure_python_loader() -> Any:
    """The same loader on PyYAML's own parser: what runs where libyaml is not installed.

    Tests read briefs with it too, so that both parsers keep every promise.
    """

    class PurePython(yaml.SafeLoader):
        pass

    loader: Any = PurePython
    loader.yaml_constructors = dict(Loader.yaml_constructors)
    loader.resolve = _resolve
    loader.descend_resolver = _no_path
    loader.ascend_resolver = _no_path
    return loader


def build(loader: Any, node: yaml.Node, text: str) -> Any:
    """The data of the document `node`, read from `text` by `loader`."""
    # Without an anchor (`&`) there is no alias, so no shared or recursive structure.
    if "&" not in text:
        try:
            return _build(loader, node)
        except _Fallback:
            pass
    return loader.construct_document(node)


def plain_tag(value: str) -> str:
    """The tag YAML gives a plain (unquoted) scalar written `value`."""
    return _resolve(None, yaml.ScalarNode, value, (True, False))
