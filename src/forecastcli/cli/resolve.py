"""The command that writes: resolve (one forecast, or a walk through the due list)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from forecastcli import clock
from forecastcli.cli.base import (
    AsOfOpt,
    BriefFilter,
    BriefsOpt,
    JsonOpt,
    NoCacheOpt,
    TagFilter,
    app,
    as_of_day,
    day_option,
    load_briefs,
    offer,
)
from forecastcli.errors import EXIT_INTERRUPTED, DataError, UsageError

if TYPE_CHECKING:
    import datetime as dt

    from forecastcli.archive import Archive
    from forecastcli.config import Settings
    from forecastcli.model import Brief, Forecast, Outcome
    from forecastcli.writing import Written


def stdin_is_terminal() -> bool:
    """Whether someone can answer questions; tests replace it to drive the walk with input."""
    return sys.stdin.isatty()


@app.command()
def resolve(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="REF",
            help="BRIEF/ID or a unique ID. Leave out to walk the due list in a terminal.",
            show_default=False,
        ),
    ] = None,
    outcome: Annotated[
        str | None,
        typer.Argument(
            metavar="OUTCOME",
            autocompletion=offer("yes", "no", "ambiguous", "void"),
            help="yes, no, ambiguous or void (y and n also do).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The day the outcome became known; for yes, the day it happened "
            "[default: the as-of day].",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", metavar="TEXT", help="A note on how it was judged.", show_default=False
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", metavar="URL", help="A source (repeatable).", show_default=False),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="NAME",
            help="Who records it [default: git's user.name in the briefs folder, else the "
            "login name].",
            show_default=False,
        ),
    ] = None,
    correct: Annotated[
        bool,
        typer.Option(
            "--correct", help="Add a new outcome to a resolved forecast; the old stays as history."
        ),
    ] = False,
    early: Annotated[
        bool,
        typer.Option("--early", help="Allow `no` dated before the window closes."),
    ] = False,
    commit: Annotated[
        bool,
        typer.Option(
            "--commit",
            help="Commit the brief alone with git once written (one commit per outcome); "
            "refused before writing outside a git repository.",
        ),
    ] = False,
    brief: BriefFilter = None,
    tag: TagFilter = None,
    briefs: BriefsOpt = None,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
) -> None:
    """Record what happened to a forecast, or walk the due list and ask for each.

    Example: forecast resolve signing-ceremony yes --date 2026-01-20 --source https://example.org/news/1
    """

    day = as_of_day(as_of)
    if ref is None:
        given = [
            name
            for name, value in (
                ("--date", date),
                ("--note", note),
                ("--source", source),
                ("--correct", correct),
                ("--early", early),
                ("--json", json),
            )
            if value
        ]
        if given:
            raise UsageError(
                f"{', '.join(given)}: only with REF OUTCOME (forecast resolve REF yes ...); "
                "the walk through the due list asks for what it needs"
            )
        if not stdin_is_terminal():
            raise UsageError(
                "give REF OUTCOME (forecast resolve REF yes), or run `forecast resolve` "
                "alone in a terminal to walk the due list"
            )
        settings, archive = load_briefs(briefs, no_cache)
        # Their forecasts cannot be asked about; say why they are missing.
        for problem in archive.problems:
            typer.echo(str(problem), err=True)
        _walk(settings, archive, day, by, brief, tag, commit)
        return
    if brief or tag:
        raise UsageError("--brief and --tag choose what the walk asks about; not with REF")
    if outcome is None:
        raise UsageError(
            f"give the outcome after the reference: forecast resolve {ref} yes|no|ambiguous|void"
        )
    from forecastcli.model import Outcome

    word = Outcome.typed(outcome)
    if word is None:
        raise UsageError(f"OUTCOME must be yes, no, ambiguous or void (or y, n), not {outcome!r}")
    on_day = _outcome_day(date, day)
    settings, archive = load_briefs(briefs, no_cache)
    _resolve_one(
        settings,
        archive,
        ref,
        word,
        day,
        on_day,
        note,
        source or [],
        by,
        correct,
        early,
        json,
        commit,
    )


def _outcome_day(date: str | None, as_of: dt.date) -> dt.date:
    if date is None:
        if as_of > clock.today():
            raise UsageError(
                f"the as-of day {as_of} is after today; give the day the outcome became "
                "known with --date"
            )
        return as_of
    on_day = day_option("--date", date)
    if on_day > clock.today():
        raise UsageError(
            f"--date {on_day} is after today ({clock.today()}): record an outcome once it is known"
        )
    return on_day


def _find(archive: Archive, ref: str) -> tuple[Brief, Forecast]:
    """Archive.find, but a reference into an invalid brief says why it cannot be written."""
    from pathlib import Path

    from forecastcli.errors import Problem

    try:
        return archive.find(ref)
    except DataError as exc:
        brief_id = ref.partition("/")[0] if "/" in ref else None
        if brief_id is None or brief_id not in {Path(p).stem for p in archive.invalid}:
            if not archive.invalid:
                raise
            n = len(archive.invalid)
            raise DataError(
                f"{exc.message}; {n} invalid brief{'s' if n > 1 else ''} not searched "
                "(forecast check lists the problems)"
            ) from None
        problems = [p for p in archive.problems if Path(p.path).stem == brief_id]
        shown = problems[0].path if problems else brief_id
        problems.append(
            Problem(shown, 0, 0, "not written: fix the errors above first (forecast check)")
        )
        raise DataError(f"{shown}: invalid brief", problems) from None


def _resolve_one(
    settings: Settings,
    archive: Archive,
    ref: str,
    outcome: Outcome,
    as_of: dt.date,
    on_day: dt.date,
    note: str | None,
    sources: list[str],
    by: str | None,
    correct: bool,
    early: bool,
    json: bool,
    commit: bool,
) -> None:
    from forecastcli import resolving
    from forecastcli.records import recorded_record
    from forecastcli.render import resolve as show

    found, forecast = _find(archive, ref)
    request = resolving.Request(
        forecast=forecast.id,
        outcome=outcome,
        date=on_day,
        by=by if by is not None else resolving.default_by(settings.briefs),
        note=note,
        sources=tuple(sources),
        correct=correct,
        early=early,
    )
    written = resolving.record(
        settings, found.id, found.shown, request, clock.now(), loaded=found, commit=commit
    )
    for warning in written.warnings:
        typer.echo(str(warning), err=True)
    history = written.brief.history(forecast.id)
    was = history[-2] if len(history) > 1 else None
    show.recorded(archive.short_ref(forecast), written.entry, found.shown, was)
    _committed(written, err=True)
    if json:
        from forecastcli.render import print_json

        counts = written.entry.counts_from <= as_of
        print_json(recorded_record(written.entry, counts, forecast.ref, found.shown))


def _committed(written: Written, err: bool) -> None:
    """Say which commit holds the entry, after the line that says it was recorded."""
    if written.commit is not None:
        from forecastcli.render import resolve as show

        show.committed(written.commit, written.message or "", err=err)


def _walk(
    settings: Settings,
    archive: Archive,
    day: dt.date,
    by: str | None,
    brief: list[str] | None,
    tag: list[str] | None,
    commit: bool,
) -> None:
    from forecastcli import resolving, status
    from forecastcli.archive import select
    from forecastcli.render import resolve as show

    # A forecast with any entry in its file is resolved now, whatever --as-of says:
    # answering it again would need --correct.
    items = [
        s
        for s in status.due(select(archive, brief, tag), day, settings.due_within)
        if not s.brief.history(s.forecast.id)
    ]
    if not items:
        show.nothing_due(day, settings.due_within)
        return
    if commit:
        # Every brief the walk may write must be committable before the first question.
        for path, shown in sorted({(s.brief.path, s.brief.shown) for s in items}):
            resolving.ready_to_commit(path, shown)
    who = by if by is not None else resolving.default_by(settings.briefs)
    # The prompt's example date never lies after today, whatever --as-of says.
    hint_day = min(day, clock.today())
    show.walk_start(len(items), day)
    done = skipped = 0
    stopped = False
    try:
        for index, state in enumerate(items, 1):
            show.show(state, index, len(items), archive.short_ref)
            try:
                answer = show.ask(state.forecast, hint_day, clock.today(), settings.date_order)
            except EOFError:
                # The input ran out (Ctrl-D): as good as quitting.
                answer = show.QUIT
            if answer == show.QUIT:
                stopped = True
                break
            if not isinstance(answer, show.Answer):
                skipped += 1
                continue
            request = resolving.Request(
                forecast=state.forecast.id,
                outcome=answer.outcome,
                date=answer.date,
                by=who,
                note=answer.note,
                sources=answer.sources,
                early=answer.early,
            )
            try:
                written = resolving.record(
                    settings, state.brief.id, state.brief.shown, request, clock.now(), commit=commit
                )
            except resolving.AlreadyResolved as exc:
                show.refused(f"Not recorded: {exc.message}")
                skipped += 1
                continue
            for warning in written.warnings:
                typer.echo(str(warning), err=True)
            show.recorded(
                archive.short_ref(state.forecast), written.entry, state.brief.shown, None, err=False
            )
            _committed(written, err=False)
            done += 1
    except KeyboardInterrupt:
        show.walk_end(done, skipped, len(items) - done - skipped, stopped=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except DataError:
        # Answers already given are in their files; say so before the error itself.
        show.walk_end(done, skipped, len(items) - done - skipped, stopped=True)
        raise
    show.walk_end(done, skipped, len(items) - done - skipped, stopped)
