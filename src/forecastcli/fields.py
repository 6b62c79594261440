"""The checker's tools: a problem pointed at the node it is about, and the checks of one value.

What a brief must hold is `validation`'s; here is how a single value is checked (text, a
list of text, a date, the known keys of a mapping) and how a value is described in a
message, so that every check words its problems alike and quotes no more than it may.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from forecastcli.dates import EXAMPLE, NotADate, read_date
from forecastcli.errors import Problem
from forecastcli.safetext import QUOTE_LIMIT, quote
from forecastcli.yamlfile import Document
from forecastcli.yamlloader import BadScalar


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def describe(value: Any) -> str:
    """A value for a message: its kind for a list or mapping (an alias may have expanded it
    to any size, so it is never written out), at most 60 characters of anything else."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads an unquoted yes/no/on/off as true/false)"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, BadScalar):
        return quote(value.text)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, (int, float, dt.date)):
        shown = str(value)
        return shown if len(shown) <= QUOTE_LIMIT else shown[:QUOTE_LIMIT] + "…"
    return "a value of another kind"


class FieldChecker:
    """Problems found in one parsed file, each at the line and column of its node."""

    def __init__(self, doc: Document, date_order: str) -> None:
        self.doc = doc
        self.date_order = date_order  # how all-numeric dates are read (forecast.yaml)
        self.problems: list[Problem] = []
        self.errors = 0

    def error(self, message: str, *keys: str | int, key_node: bool = False) -> None:
        line, col = self.doc.locate(*keys, key_node=key_node)
        self.problems.append(Problem(self.doc.path, line, col, message))
        self.errors += 1

    def warn(self, message: str, *keys: str | int, key_node: bool = False) -> None:
        line, col = self.doc.locate(*keys, key_node=key_node)
        self.problems.append(Problem(self.doc.path, line, col, message, warning=True))

    def line(self, *keys: str | int) -> int:
        return self.doc.locate(*keys)[0]

    # -- small field checks -------------------------------------------------------------

    def keys(
        self, mapping: dict[Any, Any], known: tuple[str, ...], where: tuple[Any, ...], what: str
    ) -> None:
        for key in mapping:
            if isinstance(key, str):
                if key not in known:
                    self.warn(
                        f"unknown key {quote(key)} in {what} (ignored)", *where, key, key_node=True
                    )
            else:
                # `on:` and `yes:` load as booleans in YAML 1.1: a key that is not text.
                self.error(
                    f"key {describe(key)} is not a name; quote it", *where, key, key_node=True
                )

    def mapping(
        self, item: Any, where: tuple[Any, ...], what: str, needs: str, known: tuple[str, ...]
    ) -> bool:
        """Whether `item` is a mapping, as `what` must be (with the keys `needs` names);
        its unknown keys are warned of."""
        if not isinstance(item, dict):
            self.error(f"{what} must be a mapping with {needs}, not {describe(item)}", *where)
            return False
        self.keys(item, known, where, what)
        return True

    def text(
        self, mapping: dict[str, Any], key: str, where: tuple[Any, ...], required: bool = False
    ) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(f"missing `{key}`", *where)
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(f"`{key}` must be text, not {describe(value)}", *where, key)
            return None
        return value.strip()

    def texts(
        self, mapping: dict[str, Any], key: str, where: tuple[Any, ...], single_ok: bool = False
    ) -> tuple[str, ...]:
        value = mapping.get(key)
        if value is None:
            return ()
        if single_ok and isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        kind = "text or a list of text" if single_ok else "a list of text"
        if isinstance(value, list):
            other = next(v for v in value if not isinstance(v, str))
            self.error(f"`{key}` must be {kind}; it holds {describe(other)}", *where, key)
        else:
            self.error(f"`{key}` must be {kind}, not {describe(value)}", *where, key)
        return ()

    def date(
        self, mapping: dict[str, Any], key: str, where: tuple[Any, ...], required: bool = False
    ) -> dt.date | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(f"missing `{key}` (a date such as 2025-12-08)", *where)
            return None
        if isinstance(value, (str, dt.date, BadScalar)):
            try:
                return read_date(
                    value.text if isinstance(value, BadScalar) else value,
                    self.date_order,
                )
            except NotADate as exc:
                self.error(f"`{key}`: {exc}", *where, key)
                return None
        self.error(f"`{key}` is not a date: {describe(value)}; write it as {EXAMPLE}", *where, key)
        return None
