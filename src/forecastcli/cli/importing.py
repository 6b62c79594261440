"""The command that drafts a brief file from a brief's text: import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from forecastcli.cli.base import BriefsOpt, JsonOpt, app, day_option


@app.command("import")
def import_(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE|-", help="The brief's text (UTF-8), or - to read standard input."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            show_default=False,
            help="The publication date, when the byline has none (or a wrong one).",
        ),
    ] = None,
    scale: Annotated[
        str | None,
        typer.Option(
            "--scale",
            metavar="SCALE",
            show_default=False,
            help="Read the terms of this scale, and write it into the file "
            "[default: forecast.yaml's `scale`, else bisi].",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            show_default=False,
            help="Write into this folder instead of the briefs folder.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a brief file that already exists.")
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Print the brief file on stdout (summary on stderr); write nothing."
        ),
    ] = False,
    briefs: BriefsOpt = None,
    json: JsonOpt = False,
) -> None:
    """Draft a brief file from a brief's text, bullet by bullet.

    Each bullet of the Forecast section becomes a forecast. Prints each forecast found
    with its horizon, term and band, and every mark a human must look at (the marks are
    also `# REVIEW:` comments in the file).

    Example: forecast import brief.txt --dry-run
    """
    from forecastcli import importer
    from forecastcli.config import load_settings, require_folder
    from forecastcli.errors import UsageError, shown_path

    day = None if published is None else day_option("--published", published)
    settings = load_settings(briefs)
    if out is None:
        require_folder(settings)
        folder = settings.briefs
    else:
        folder = out if out.is_absolute() else Path.cwd() / out
        if not folder.is_dir():
            raise UsageError(f"--out: no folder at {out}")
    text, shown = importer.read_input(source, typer.get_binary_stream("stdin"))
    draft = importer.read_draft(text, settings, source=shown, published=day, scale=scale)
    content = importer.checked_yaml(draft, settings)
    path = folder / draft.file_name
    where = shown_path(path)
    exists = path.exists()
    lost = 0
    if not dry_run:
        lost = importer.resolutions_in(path) if (exists and force) else 0
        importer.write_brief(path, content, force)
    if json:
        from forecastcli.render import print_json

        record = importer.draft_record(draft, where, written=not dry_run)
        if dry_run:
            record["yaml"] = content
        print_json(record)
    else:
        from forecastcli.render import importing

        if dry_run:
            typer.echo(content, nl=False)
        importing.summary(
            draft, where, dry_run=dry_run, exists=exists, replaced=exists and not dry_run
        )
    if lost:
        typer.echo(
            f"warning: the replaced {where} held {lost} resolution(s); the new file has none "
            "(the old text is in your version control, if it was committed)",
            err=True,
        )
