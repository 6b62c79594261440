"""The command that starts a briefs repository: init."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from forecastcli import clock
from forecastcli.cli.base import app
from forecastcli.errors import check_choice

# What each file is for, as the command lists them.
_WHAT = {
    "forecast.yaml": "the settings, each default written out and explained",
    "briefs/example.yaml": "an example brief: delete it once you have your own",
    ".gitignore": "reports and the leftovers of a stopped write",
    ".github/workflows/forecast.yml": "GitHub CI: check on every push, report every Monday",
    ".gitlab-ci.yml": "GitLab CI: check on every push, report when scheduled",
}


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="The folder of the new briefs repository, made if missing [default: the "
            "current folder].",
            show_default=False,
        ),
    ] = Path(),
    ci: Annotated[
        str | None,
        typer.Option(
            "--ci",
            metavar="github|gitlab",
            help="Also write a CI file that runs `forecast check` on every push and builds "
            "the weekly report on a schedule.",
            show_default=False,
        ),
    ] = None,
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            metavar="SPEC",
            help="What CI gives `pip install` to get forecastcli [default: forecastcli at "
            "this version].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a briefs repository: settings, an example brief, a .gitignore, CI if asked.

    Never replaces a file: if any of them exists, nothing is written.

    Example: forecast init team-briefs --ci github
    """
    from forecastcli import starter
    from forecastcli.errors import UsageError, shown_path
    from forecastcli.gitrepo import git_dir

    check_choice("--ci", ci, tuple(starter.CI_FILES))
    if install is not None and ci is None:
        raise UsageError("--install says how CI installs forecastcli: give it with --ci")
    spec = install.strip() if install is not None else starter.DEFAULT_INSTALL
    if not spec:
        raise UsageError("--install: give what `pip install` takes, such as forecastcli==0.1.0")
    files = starter.planned(ci, spec, clock.today())
    starter.create(folder, files)
    shown = shown_path(folder)
    width = max(len(name) for name, _ in files)
    typer.echo(f"Created a briefs repository in {shown}:")
    for name, _ in files:
        typer.echo(f"  {name:<{width}}  {_WHAT[name]}")
    typer.echo("")
    typer.echo("Next steps:")
    if shown != ".":
        typer.echo(f"  cd {shown}")
    if git_dir(folder.resolve()) is None:
        typer.echo("  git init")
    typer.echo('  git add -A && git commit -m "Start the briefs repository"')
    typer.echo("  forecast check               # every brief is valid, the example too")
    typer.echo("  forecast import brief.txt    # draft your first brief from its text")
    if ci is not None:
        typer.echo("")
        typer.echo("CI installs forecastcli with:")
        typer.echo(f'  pip install "{spec}"')
        typer.echo(f"To get it elsewhere, change FORECASTCLI in {starter.CI_FILES[ci]}.")
        if ci == "gitlab":
            typer.echo("For the weekly report, add a weekly pipeline schedule in GitLab")
            typer.echo("(Build > Pipeline schedules).")
