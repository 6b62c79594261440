"""A new briefs repository: the files `forecast init` writes (SPEC section 9).

`forecast.yaml` with every default written out, an example brief that passes `forecast
check`, a `.gitignore`, and on request a CI file for GitHub or GitLab that runs `forecast
check` on every push and builds the weekly report on a schedule. Nothing that exists is
ever replaced: every target is looked at before the first file is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dateutil.relativedelta import relativedelta

from forecastcli import __version__
from forecastcli.errors import DataError, Problem, shown_path
from forecastcli.yamltext import quoted

CI_FILES = {"github": ".github/workflows/forecast.yml", "gitlab": ".gitlab-ci.yml"}
EXAMPLE = "briefs/example.yaml"
DEFAULT_INSTALL = f"forecastcli=={__version__}"

SETTINGS = """\
# The settings of this briefs repository, read by every `forecast` command run in this
# folder or below it. `forecast init` wrote every key with its default: change what your
# team needs, or delete a key to keep its default. Mistakes are named by line
# (`forecast check`).

# The folder of brief files, relative to this file.
briefs: briefs

# The probability scale of a brief that names none: bisi, phia, icd203, kent, or one of
# `scales` below. `forecast scales` shows each with its bands.
scale: bisi

# `forecast due` also lists the forecasts whose window closes within this many days
# (0 to 36525); `forecast due --within DAYS` changes it for one run.
due_within: 14

# How to read an all-numeric date such as 05/01/2026: iso refuses it and asks for
# 2026-01-05; dmy reads the day first, mdy the month first.
date_order: iso

# A forecast's window runs from the brief's publication + opens to publication + closes
# (days, weeks, months or years). `label` is the sub-heading `forecast import` looks for
# in a brief's text. Add a horizon here to use it in briefs.
horizons:
  short:  {label: "Short-term (Now - 3 months)", opens: 0 months,  closes: 3 months}
  medium: {label: "Medium-term (3-12 months)",   opens: 3 months,  closes: 12 months}
  long:   {label: "Long-term (>1 year)",         opens: 12 months, closes: 24 months}

# Scales of your own, or a built-in one redefined (`forecast scales` shows them), such as
#   house:
#     title: Our scale
#     terms:
#       - {name: likely, band: [60, 80], point: 70, phrasings: [likely, probably]}
#       - ...
# or the terms of another scale under a title of your own:
#   house: {same_as: phia, title: Our scale}
scales: {}
"""

GITIGNORE = """\
# Written by `forecast init`.
# The weekly report (`forecast report --output reports/...`) is output, not source.
reports/
# Left only by a `forecast resolve` that was stopped while writing; the next one
# removes it.
.*.tmp
# The lock of `forecast resolve` outside a git repository (inside one it is kept in the
# repository's own git folder).
.*.lock
"""


def example_brief(today: dt.date) -> str:
    """An example brief published four months before `today`: one forecast due, one
    coming due in ten days, one open, so that `forecast due` has something to show."""
    published = today - relativedelta(months=4)
    happened = published + relativedelta(months=1)
    soon = today + dt.timedelta(days=10)
    # The comments stand in one column, as a reader's eye expects.
    published_line = f"published: {published.isoformat()}".ljust(32)
    closes_line = f"    closes: {soon.isoformat()}".ljust(32)
    return f"""\
# An example brief, written by `forecast init` to show the format: delete this file once
# the repository holds briefs of its own (`forecast import brief.txt` drafts one from a
# brief's text). `forecast check` names any mistake by file and line.
# `forecast resolve example/talks-resume yes --date {happened.isoformat()}` records an outcome:
# it goes into that forecast's own `resolutions:` list, right under it.
title: "Example brief (delete it once you have your own)"
author: A. Analyst
{published_line}# windows count from this day
tags: [example]
forecasts:
  - id: talks-resume
    horizon: short              # closes three months after publication (forecast.yaml)
    term: likely                # a term of the brief's scale (`forecast scales`)
    statement: The example talks resume within three months of publication.
    quote: The talks are likely to resume in the next three months.
  - id: ceasefire-holds
{closes_line}# a window of its own instead of a horizon
    term: unlikely
    p: 0.3                      # optional: a probability inside the term's band
    confidence: low             # optional: high, moderate or low
    statement: The example ceasefire holds until the window closes.
    criteria: No exchange of fire reported by two independent sources.
  - id: new-members-join
    horizon: long
    term: realistic possibility
    statement: Two or more new members join the example group.
"""


# What each job of the GitHub workflow does first: get the repository and forecastcli.
_GITHUB_SETUP = """\
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "$FORECASTCLI"
"""


def _ci_github(install: str) -> str:
    setup = _GITHUB_SETUP
    return f"""\
# Written by `forecast init --ci github`: `forecast check` on every push, and the weekly
# report every Monday (or on demand from the Actions tab), kept as an artifact of the run.
name: forecast

on:
  push:
  schedule:
    - cron: "0 7 * * 1"   # Mondays at 07:00 UTC: the report on the week that ended Sunday
  workflow_dispatch:

env:
  # How CI installs forecastcli. Change it to where your team gets forecastcli, such as
  # "forecastcli @ git+https://github.com/your-org/forecastcli@v{__version__}".
  FORECASTCLI: {quoted(install)}

jobs:
  check:
    if: github.event_name == 'push'
{setup}      - run: forecast check

  weekly-report:
    if: github.event_name != 'push'
{setup}      - run: forecast report --as-of yesterday --output "reports/$(date -u +%F).html"
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: weekly-report
          path: reports/
          retention-days: 90
"""


def _ci_gitlab(install: str) -> str:
    return f"""\
# Written by `forecast init --ci gitlab`: `forecast check` on every push, and the weekly
# report when a scheduled pipeline runs, kept as the job's artifact. GitLab keeps
# schedules out of this file: add one under Build > Pipeline schedules, such as
# `0 7 * * 1` (Mondays at 07:00: the report on the week that ended Sunday).
variables:
  # How CI installs forecastcli. Change it to where your team gets forecastcli, such as
  # "forecastcli @ git+https://gitlab.example.org/your-group/forecastcli.git@v{__version__}".
  FORECASTCLI: {quoted(install)}

default:
  image: python:3.12
  before_script:
    - pip install "$FORECASTCLI"

check:
  script:
    - forecast check
  rules:
    - if: '$CI_PIPELINE_SOURCE == "push"'

weekly-report:
  script:
    - forecast report --as-of yesterday --output "reports/$(date -u +%F).html"
  artifacts:
    when: always
    paths:
      - reports/
    expire_in: 90 days
  rules:
    - if: '$CI_PIPELINE_SOURCE == "schedule"'
"""


def planned(ci: str | None, install: str, today: dt.date) -> list[tuple[str, str]]:
    """The files to write, as (path inside the new repository, text), in order."""
    files = [
        ("forecast.yaml", SETTINGS),
        (EXAMPLE, example_brief(today)),
        (".gitignore", GITIGNORE),
    ]
    if ci == "github":
        files.append((CI_FILES[ci], _ci_github(install)))
    elif ci == "gitlab":
        files.append((CI_FILES[ci], _ci_gitlab(install)))
    return files


def create(folder: Path, files: list[tuple[str, str]]) -> None:
    """Write `files` into `folder` (made if missing), or refuse, writing nothing, when any
    of them exists already or the briefs folder holds briefs.

    Each file is written whole and only where nothing stands, even one that appeared a
    moment ago.
    """
    from forecastcli.atomic import new_file_mode, replace_atomically

    shown = shown_path(folder)
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{shown} is a file; give a folder for the new briefs repository")
    existing = [
        Problem(shown_path(folder / name), 0, 0, "exists; forecast init never replaces a file")
        for name, _ in files
        if (folder / name).exists() or (folder / name).is_symlink()
    ]
    briefs = folder / "briefs"
    if briefs.is_dir() and any(p.name != Path(EXAMPLE).name for p in briefs.glob("*.yaml")):
        existing.append(
            Problem(shown_path(briefs), 0, 0, "holds briefs already; the example would join them")
        )
    if existing:
        existing.append(Problem(shown, 0, 0, "nothing was written"))
        raise DataError(f"{shown}: nothing was written", existing)
    mode = new_file_mode()
    for name, text in files:
        path = folder / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_atomically(path, text.encode("utf-8"), mode, no_clobber=True)
        except FileExistsError:
            raise DataError(
                f"{shown_path(path)} appeared while forecast init was writing; it was left "
                "as it is, and the files written before it stay"
            ) from None
        except OSError as exc:
            raise DataError(f"cannot write {shown_path(path)}: {exc.strerror or exc}") from None
