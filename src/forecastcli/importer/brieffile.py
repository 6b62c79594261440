"""The draft as a brief file's text, checked as `forecast check` checks a brief."""

from __future__ import annotations

import textwrap
from pathlib import Path

from forecastcli.config import Settings
from forecastcli.errors import DataError
from forecastcli.importer.draft import Draft
from forecastcli.yamltext import quoted, scalar

_WIDTH = 96


def _comment(text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(
        text,
        width=_WIDTH - len(indent) - 4,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [f"{indent}# {lines[0]}", *(f"{indent}#   {line}" for line in lines[1:])]


def brief_yaml(draft: Draft) -> str:
    """The draft as a brief file: marks as `# REVIEW:` comments above what they are about."""
    name = Path(draft.source).name or draft.source
    # A file's name may hold a line break, which would end the comment it stands in.
    shown = name if name.isprintable() else quoted(name)
    out = [
        f"# Drafted by `forecast import` from {shown}.",
        '# Settle each "REVIEW" comment, then delete it; commented-out forecasts need a term.',
    ]
    for mark in draft.marks:
        out.extend(_comment(f"REVIEW: {mark}", ""))
    out.append(f"title: {quoted(draft.title)}")
    if len(draft.authors) == 1:
        out.append(f"author: {quoted(draft.authors[0])}")
    elif draft.authors:
        out.append("author:")
        out.extend(f"  - {quoted(a)}" for a in draft.authors)
    out.append(f"published: {draft.published.isoformat()}")
    out.append(f"scale: {scalar(draft.scale.name)}")
    out.append("forecasts:")
    heading = None
    for f in draft.forecasts:
        if f.heading is not None and f.heading != heading:
            out.append(f"  # {f.heading.text}")
        heading = f.heading
        for mark in f.marks:
            out.extend(_comment(f"REVIEW: {mark}", "  "))
        body = [f"- id: {scalar(f.id)}"]
        if f.horizon is not None:
            body.append(f"  horizon: {scalar(f.horizon)}")
        if f.term is not None:
            body.append(f"  term: {scalar(f.term.name)}")
        if f.p is not None:
            body.append(f"  p: {f.p:g}")
        if f.confidence is not None:
            body.append(f"  confidence: {f.confidence}")
        body.append(f"  statement: {quoted(f.statement)}")
        body.append(f"  quote: {quoted(f.quote)}")
        prefix = "  " if f.active else "  # "
        out.extend(prefix + line for line in body)
    return "\n".join(out) + "\n"


def checked_yaml(draft: Draft, settings: Settings) -> str:
    """The brief file's text, loaded back and checked as `forecast check` would check it."""
    from forecastcli.validation import check_text

    text = brief_yaml(draft)
    brief, problems = check_text(draft.file_name, draft.brief_id, text, settings)
    errors = [p for p in problems if not p.warning]
    wanted = [(f.id, f.statement, f.term, f.p) for f in draft.forecasts if f.active]
    got = [(f.id, f.statement, f.term, f.p) for f in brief.forecasts] if brief else []
    if brief is None or errors or wanted != got:
        why = str(errors[0]) if errors else "the file does not load back as drafted"
        raise DataError(
            f"the drafted brief fails its own check ({why}); this is a bug in "
            "`forecast import`, please report it with the brief's text. Nothing was written."
        )
    return text
