"""The command that drafts a brief file from a brief's text: import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from forecastcli.cli.base import BriefsOpt, JsonOpt, app, day_option
from forecastcli.errors import DataError, UsageError, shown_path

STDIN = "-"


@app.command("import")
def import_(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="The brief's text (UTF-8), or - to read standard input."
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
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            show_default=False,
            help="Write into this folder instead of the briefs folder.",
        ),
    ] = None,
    # The option's name before it was spelled as export's and report's: still read.
    out: Annotated[Path | None, typer.Option("--out", hidden=True)] = None,
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

    if output is not None and out is not None:
        raise UsageError("--output and --out are the same option: give it once")
    name, given = ("--out", out) if out is not None else ("--output", output)
    day = None if published is None else day_option("--published", published)
    settings = load_settings(briefs)
    if given is None:
        require_folder(settings)
        folder = settings.briefs
    else:
        folder = given if given.is_absolute() else Path.cwd() / given
        if not folder.is_dir():
            raise UsageError(f"{name}: no folder at {given}")
    text, shown = read_input(source, typer.get_binary_stream("stdin"))
    draft = importer.read_draft(text, settings, source=shown, published=day, scale=scale)
    content = importer.checked_yaml(draft, settings)
    path = folder / draft.file_name
    where = shown_path(path)
    exists = path.exists()
    lost = 0
    if not dry_run:
        lost = resolutions_in(path) if (exists and force) else 0
        write_brief(path, content, force)
    if json:
        from forecastcli.records import draft_record
        from forecastcli.render import print_json

        print_json(draft_record(draft, where, not dry_run, content if dry_run else None))
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


# -- the text read, the file written ------------------------------------------------------


def read_input(source: str, stdin: BinaryIO) -> tuple[str, str]:
    """The text of FILE (or of standard input for "-") and the name to show for it."""
    if source == STDIN:
        return decode(stdin.read(), "standard input"), "standard input"
    path = Path(source)
    if path.is_dir():
        raise UsageError(f"{source} is a folder; give the brief's text file, or - for stdin")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    return decode(data, source), source


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text (a byte-order mark tolerated; UTF-16 with its mark too), plain line ends."""
    from forecastcli.importer import normalise

    codec = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(f"{shown}:{line}: not UTF-8 text; save the brief as UTF-8") from None
    return normalise(text)


def write_brief(path: Path, text: str, force: bool) -> bool:
    """Write the file atomically; never replace one without `force`. True if one was replaced."""
    from forecastcli.atomic import new_file_mode, replace_atomically

    shown = shown_path(path)
    existed = path.exists()
    if existed and not force:
        raise DataError(f"{shown} exists; give --force to replace it. Nothing was written.")
    try:
        replace_atomically(path, text.encode("utf-8"), new_file_mode(), no_clobber=not force)
    except FileExistsError:
        raise DataError(f"{shown} exists; give --force to replace it.") from None
    except OSError as exc:
        raise DataError(f"cannot write {shown}: {exc.strerror or exc}") from None
    return existed


def resolutions_in(path: Path) -> int:
    """How many resolution entries an existing brief file holds (0 when unreadable),
    under its forecasts and in the top-level list alike."""
    from forecastcli.yamlfile import YAMLProblem, parse

    try:
        data = parse(str(path), path.read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, YAMLProblem):
        return 0
    if not isinstance(data, dict):
        return 0
    # The top-level list of older files, and each forecast's own list.
    lists = [data.get("resolutions")]
    forecasts = data.get("forecasts")
    if isinstance(forecasts, list):
        lists += [f.get("resolutions") for f in forecasts if isinstance(f, dict)]
    return sum(len(entries) for entries in lists if isinstance(entries, list))
