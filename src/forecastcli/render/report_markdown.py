"""The weekly report as Markdown (CommonMark with GitHub's tables), for a git forge."""

from __future__ import annotations

import re

from forecastcli.render import change
from forecastcli.render import report as common
from forecastcli.render.calibration import left_out_text, score_lines
from forecastcli.render.words import days, term_text
from forecastcli.report import Item, Report, Resolved

# Characters that mean something inline in Markdown or as HTML; brief text never starts a
# line of the report, so line-start markers (#, -, 1.) need no escape. `|` ends a cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
# What an autolink <...> may hold: an http(s) URL with no space and no angle bracket.
_LINKABLE = re.compile(r"^https?://[^\s<>]+$", re.IGNORECASE)


def escape(text: str) -> str:
    """Brief text as Markdown that shows exactly that text, on one line."""
    return _SPECIAL.sub(r"\\\1", common.one_line(text))


def link(url: str) -> str:
    """A clickable http(s) link; anything else (javascript:, a typo) is shown as text."""
    url = url.strip()
    return f"<{url}>" if _LINKABLE.match(url) and url.isprintable() else escape(url)


def _fence(text: str) -> str:
    # A fence longer than any run of backticks in the text, so nothing can close it early.
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _code_block(text: str) -> list[str]:
    fence = _fence(text)
    return [f"{fence}text", *text.splitlines(), fence]


def _cells(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _items(items: tuple[Item, ...], when: str, due: bool) -> list[str]:
    lines = [
        _cells(["Forecast", "Closes", when, "Term", "Statement"]),
        _cells(["---", "---", "---", "---", "---"]),
    ]
    for item in items:
        f = item.forecast
        days = common.due_text(item.days) if due else common.coming_text(item.days)
        lines.append(
            _cells(
                [
                    f"**{escape(item.ref)}**",
                    str(f.window.closes),
                    days,
                    escape(term_text(f, band=True)),
                    f"{escape(f.statement)} *{escape(item.brief.title)}*",
                ]
            )
        )
    return lines


def _resolved(item: Resolved) -> list[str]:
    f, entry = item.forecast, item.entry
    lines = [
        f"- **{escape(item.ref)}**: **{item.outcome}**; {escape(term_text(f, band=True))}; "
        f"Brier {escape(common.brier_text(item))}",
        f"  - {escape(f.statement)} *{escape(item.brief.title)}*",
        f"  - {escape(common.known_text(item))}.",
    ]
    if entry.note:
        lines.append(f"  - Note: {escape(entry.note)}")
    for source in entry.sources:
        lines.append(f"  - Source: {link(source)}")
    return lines


def _calibration(report: Report) -> list[str]:
    c = report.calibration
    lines = ["## Calibration", ""]
    if not c.n:
        return [
            *lines,
            f"No forecast to score as of {report.period.last}.",
            "",
            escape(left_out_text(c.left_out)),
        ]
    lines += [escape(common.calibration_intro(report)), ""]
    header = list(common.TABLE_HEADER)
    lines.append(_cells(header))
    lines.append(_cells(["---:" if i in common.NUMERIC else "---" for i in range(len(header))]))
    for _, cells in common.table_rows(c):
        lines.append(_cells([escape(cell) for cell in cells]))
    lines += ["", *_code_block(common.picture_text(c)), ""]
    lines += [f"- {escape(line)}" for line in score_lines(c)]
    lines += ["", f"**{escape(common.brier_move(report))}**"]
    lines += ["", f"### {change.HEADING}", ""]
    lines += [f"- {escape(line)}" for line in change.change_lines(c)]
    advice = change.advice_lines(c)
    lines.append(f"- {escape(change.ADVICE_HEADING if advice else change.NO_ADVICE)}")
    lines += [f"  - {escape(line)}" for line in advice]
    lines += ["", f"### {common.QUARTERS_HEADING}", "", escape(common.quarters_intro(report)), ""]
    lines.append(_cells(list(common.QUARTER_HEADER)))
    lines.append(_cells(["---:" if i in common.QUARTER_NUMERIC else "---" for i in range(6)]))
    lines += [_cells([escape(cell) for cell in common.quarter_cells(q)]) for q in report.quarters]
    lines += ["", escape(common.QUARTERS_NOTE)]
    return lines


def render(report: Report) -> str:
    lines = [
        f"# {escape(common.title(report))}",
        "",
        escape(common.subtitle(report)),
        "",
        escape(common.counts_text(report)),
        "",
        f"## Due and overdue ({len(report.due)})",
        "",
    ]
    lines += _items(report.due, "Overdue", due=True) if report.due else ["Nothing is due."]
    lines += [
        "",
        f"## Coming due in the next {days(report.within)} ({len(report.coming_due)})",
        "",
    ]
    if report.coming_due:
        lines += _items(report.coming_due, "When", due=False)
    else:
        lines.append("Nothing comes due.")
    lines += ["", f"## Resolved in the period ({len(report.resolved)})", ""]
    if not report.resolved:
        lines.append("No outcome was recorded.")
    for item in report.resolved:
        lines += _resolved(item)
    lines += ["", *_calibration(report), ""]
    lines += [f"## Problems ({len(report.problems)})", ""]
    if report.problems:
        lines += _code_block("\n".join(str(p) for p in report.problems))
        lines += ["", escape(common.PROBLEMS_NOTE).format(check="`forecast check`")]
    else:
        lines.append("Every brief is valid.")
    made = escape(common.FOOTER).format(command=f"`{common.command(report, 'markdown')}`")
    lines += ["", "---", "", made]
    return "\n".join(lines) + "\n"
