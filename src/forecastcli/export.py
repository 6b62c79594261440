"""Every forecast as one flat row, for pandas or a spreadsheet: CSV or JSON text."""

from __future__ import annotations

import csv
import io
from typing import Any

from forecastcli.figures import json_text, tidy
from forecastcli.records import state_record
from forecastcli.safetext import visible
from forecastcli.status import State

FORMATS = ("csv", "json")

# The columns, in the order of the CSV header.
FIELDS = (
    "ref",
    "brief",
    "id",
    "title",
    "authors",
    "published",
    "tags",
    "scale",
    "statement",
    "term",
    "probability",
    "band_low",
    "band_high",
    "horizon",
    "opens",
    "closes",
    "confidence",
    "status",
    "outcome",
    "outcome_date",
)

# Lists in a CSV cell: a separator that names and tags do not contain.
LIST_SEPARATOR = "; "


def export_record(state: State) -> dict[str, Any]:
    """One forecast with its brief's metadata and its outcome as of the state's day."""
    record = state_record(state)
    brief = state.brief
    record.update(
        title=brief.title,
        authors=list(brief.authors),
        published=brief.published.isoformat(),
        tags=list(brief.tags),
        scale=brief.scale.name,
        confidence=state.forecast.confidence,
    )
    return {key: record[key] for key in FIELDS}


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
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in tidy(records):
        writer.writerow({key: cell(value) for key, value in record.items()})
    return buffer.getvalue()


def to_json(records: list[dict[str, Any]]) -> str:
    return json_text(records)
