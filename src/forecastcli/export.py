"""Every forecast as one flat row, for pandas or a spreadsheet: CSV or JSON text."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from forecastcli.errors import DataError
from forecastcli.records import state_record
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


def to_csv(records: list[dict[str, Any]]) -> str:
    """CSV with a header row; lists joined by "; ", missing values as empty cells."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(
            {
                key: LIST_SEPARATOR.join(value) if isinstance(value, list) else value
                for key, value in record.items()
            }
        )
    return buffer.getvalue()


def to_json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_file(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all, creating missing folders.

    The text goes to a temporary file in the same folder that then replaces `path`, so a
    reader (or a crash) never sees half an export.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise DataError(f"cannot write {path}: it is a folder")
        # The temporary file is private (0600); the export gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            Path(temp).chmod(mode)
            Path(temp).replace(path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise DataError(f"cannot write {path}: {exc.strerror or exc}") from None
