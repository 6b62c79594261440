"""The weekly report as plain text for a cron mail: 78 columns, no colour, no markup."""

from __future__ import annotations

from forecastcli.render import change
from forecastcli.render import report as common
from forecastcli.render.calibration import left_out_text, table_lines, wrapped_scores
from forecastcli.render.layout import wrap
from forecastcli.render.words import days, term_text
from forecastcli.report import Item, Report, Resolved

WIDTH = 78
INDENT = "  "


def _wrap(text: str, indent: str = INDENT, hanging: str | None = None) -> list[str]:
    # Long references and URLs stay whole rather than being cut mid-word.
    return wrap(common.one_line(text), WIDTH, indent, indent if hanging is None else hanging)


def _heading(text: str, underline: str = "-") -> list[str]:
    return [text, underline * len(text)]


def _item(item: Item, when: str) -> list[str]:
    f = item.forecast
    lines = [f"* {item.ref}"]
    lines += _wrap(f"{term_text(f, band=True)}; {when}")
    lines += _wrap(f.statement)
    lines += _wrap(f"Brief: {item.brief.title}")
    return lines


def _resolved(item: Resolved) -> list[str]:
    f, entry = item.forecast, item.entry
    lines = [f"* {item.ref}: {item.outcome}"]
    lines += _wrap(f"{term_text(f, band=True)}; Brier {common.brier_text(item)}")
    lines += _wrap(f.statement)
    lines += _wrap(f"Brief: {item.brief.title}")
    lines += _wrap(common.known_text(item) + ".")
    if entry.note:
        lines += _wrap(f"Note: {entry.note}")
    for source in entry.sources:
        lines += _wrap(f"Source: {source}")
    return lines


def _list(lines: list[str], heading: str, blocks: list[list[str]], empty: str) -> None:
    lines += ["", *_heading(f"{heading} ({len(blocks)})"), ""]
    if not blocks:
        lines.append(empty)
    for i, block in enumerate(blocks):
        if i:
            lines.append("")
        lines += block


def _table(cells: list[list[str]], header: tuple[str, ...], numeric: tuple[int, ...]) -> list[str]:
    widths = [max(len(row[i]) for row in [list(header), *cells]) for i in range(len(header))]
    lines = []
    for row in [list(header), *cells]:
        parts = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(parts).rstrip())
    lines.insert(1, "-" * max(len(line) for line in lines))
    return lines


def _calibration(report: Report) -> list[str]:
    c = report.calibration
    lines = ["", *_heading("Calibration"), ""]
    if not c.n:
        lines.append(f"No forecast to score as of {report.period.last}.")
        lines.append(left_out_text(c.left_out))
        return lines
    lines += _wrap(common.calibration_intro(report), "")
    lines.append("")
    # As `forecast calibration` lays it out on a terminal of the mail's width.
    lines += [str(line) for line in table_lines(c, WIDTH, rule="-")]
    lines.append("")
    lines += common.picture_text(c).splitlines()
    lines.append("")
    lines += wrapped_scores(c, WIDTH)
    lines += _wrap(common.brier_move(report), "")
    lines += ["", change.HEADING, ""]
    for line in change.change_lines(c):
        lines += _wrap(line, "- ", "  ")
    advice = change.advice_lines(c)
    lines += _wrap(change.ADVICE_HEADING if advice else change.NO_ADVICE, "- ", "  ")
    for line in advice:
        lines += _wrap(line, "  - ", "    ")
    lines += ["", common.QUARTERS_HEADING, ""]
    lines += _wrap(common.quarters_intro(report), "")
    lines.append("")
    quarters = [common.quarter_cells(q) for q in report.quarters]
    lines += _table(quarters, common.QUARTER_HEADER, common.QUARTER_NUMERIC)
    lines.append("")
    lines += _wrap(common.QUARTERS_NOTE, "")
    return lines


def render(report: Report) -> str:
    lines = [*_heading(common.title(report), "=")]
    lines += _wrap(common.subtitle(report), "")
    lines.append("")
    lines += _wrap(common.counts_text(report), "")
    _list(
        lines,
        "Due and overdue",
        [
            _item(i, f"closed {i.forecast.window.closes}, {common.due_text(i.days)}")
            for i in report.due
        ],
        "Nothing is due.",
    )
    _list(
        lines,
        f"Coming due in the next {days(report.within)}",
        [
            _item(i, f"closes {i.forecast.window.closes}, {common.coming_text(i.days)}")
            for i in report.coming_due
        ],
        "Nothing comes due.",
    )
    _list(
        lines,
        "Resolved in the period",
        [_resolved(i) for i in report.resolved],
        "No outcome was recorded.",
    )
    lines += _calibration(report)
    lines += ["", *_heading(f"Problems ({len(report.problems)})"), ""]
    if report.problems:
        for problem in report.problems:  # a mail, not an editor: wrapped like the rest
            lines += _wrap(str(problem), "", "    ")
        lines.append("")
        lines += _wrap(common.PROBLEMS_NOTE.format(check="`forecast check`"), "")
    else:
        lines.append("Every brief is valid.")
    lines.append("")
    made = common.FOOTER.format(command=f"`{common.command(report, 'text')}`")
    lines += _wrap(made, "")
    return "\n".join(lines) + "\n"
