"""Every forecast as one flat row, for pandas or a spreadsheet: CSV or JSON text."""

from __future__ import annotations

import io
from typing import Any

from forecastcli.figures import json_text, tidy
from forecastcli.records import EXPORT_FIELDS
from forecastcli.safetext import visible

FORMATS = ("csv", "json")

# Lists in a CSV cell: a separator that names and tags do not contain.
LIST_SEPARATOR = "; "


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell: lists joined, text made visible and never read as a formula.

    Text that would start a formula gets a leading `'`, which a spreadsheet shows as
    text; numbers stay numbers.
    """
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def to_csv(records: list[dict[str, Any]]) -> str:
    """CSV with a header row; lists joined by "; ", missing values as empty cells."""
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in tidy(records):
        writer.writerow({key: cell(value) for key, value in record.items()})
    return buffer.getvalue()


def to_json(records: list[dict[str, Any]]) -> str:
    return json_text(records)
