"""The weekly report as one self-contained HTML file: inline CSS and SVG, no script.

Every piece of text from the briefs, the scales and the problems goes through
`html.escape`; nothing is loaded from anywhere (a Content-Security-Policy says so to the
browser as well), and only http(s) sources become links. The markup is also well-formed
XML, which the tests use to read it back.
"""

from __future__ import annotations

import re
from html import escape

from forecastcli.model import Outcome
from forecastcli.render import change
from forecastcli.render import report as common
from forecastcli.render import report_svg as svg
from forecastcli.render.calibration import label, left_out_text, score_lines
from forecastcli.render.words import days, term_text
from forecastcli.report import Item, Report, Resolved
from forecastcli.scoring import Calibration

_LINKABLE = re.compile(r"^https?://\S+$", re.IGNORECASE)

STYLE = """
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 40px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 34px 0 12px; padding-bottom: 4px;
  border-bottom: 1px solid #d0d7de; }
h2 .n { color: #57606a; font-weight: normal; }
h3 { font-size: 1.05em; margin: 26px 0 8px; }
p { margin: 8px 0; }
.sub, .brief, footer, .quiet { color: #57606a; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0 8px; padding: 0; }
.counts div { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 16px;
  min-width: 84px; }
.counts dt { font-size: .75em; color: #57606a; text-transform: uppercase;
  letter-spacing: .05em; }
.counts dd { margin: 0; font-size: 1.5em; font-weight: 600; }
.counts .warn { border-color: #cf222e; }
.counts .warn dd { color: #cf222e; }
/* A table wider than the screen scrolls inside its own box; the page keeps its width. */
.wide { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .93em; }
th, td { text-align: left; vertical-align: top; padding: 6px 9px;
  border-bottom: 1px solid #e5e7eb; }
th { background: #f6f8fa; font-weight: 600; border-bottom: 1px solid #d0d7de; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.ref { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: .88em; overflow-wrap: anywhere; min-width: 8em; }
.brief { font-size: .9em; }
.details { margin: 4px 0 0; padding-left: 18px; font-size: .92em; color: #424a53; }
.tag { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: .86em;
  white-space: nowrap; background: #eaeef2; color: #424a53; }
.in-band, .yes { background: #dafbe1; color: #116329; }
.consistent { background: #fff8c5; color: #7d4e00; }
.off-band { background: #ffebe9; color: #a40e26; }
.no { background: #eaeef2; color: #24292f; }
tr.unused td { color: #8c959f; }
/* The diagrams: one per scale, side by side where they fit, each with its key. */
.diagrams { display: flex; flex-wrap: wrap; gap: 12px 32px; margin: 22px 0 6px; }
figure.diagram { margin: 0; flex: 1 1 340px; max-width: 470px; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-weight: 600; margin-bottom: 2px; }
.key { list-style: none; margin: 4px 0 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 2px 14px; font-size: .9em; }
.mark { display: inline-block; min-width: 1.5em; padding: 0 4px; border-radius: 9px;
  text-align: center; font-weight: 700; font-size: .9em; color: #fff;
  font-variant-numeric: tabular-nums; }
.mark.in-band { background: #2e7d32; }
.mark.consistent { background: #9a6700; }
.mark.off-band { background: #c62828; }
.legend { list-style: none; margin: 10px 0 4px; padding: 0; display: flex; flex-wrap: wrap;
  gap: 2px 18px; font-size: .88em; color: #57606a; }
.swatch { display: inline-block; width: 18px; height: 12px; vertical-align: -1px; }
.swatch.band { background: rgba(76, 120, 168, .16); border: 1px solid rgba(76, 120, 168, .55); }
.swatch.diagonal { height: 0; border-top: 1.5px dashed #57606a; vertical-align: 4px; }
ul.scores { padding-left: 20px; }
.move { font-weight: 600; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px;
  padding: 10px 12px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .88em; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: .9em; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
footer { margin-top: 40px; font-size: .88em; border-top: 1px solid #d0d7de;
  padding-top: 10px; }
/* A phone: each table row becomes a card, its cells named by their column. */
@media (max-width: 640px) {
  body { font-size: 14px; }
  main { padding: 16px 14px 32px; }
  h1 { font-size: 1.35em; }
  .wide { overflow-x: visible; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  table.cards, table.cards tbody, table.cards tr { display: block; width: auto; }
  table.cards tr { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 10px 8px;
    margin: 0 0 10px; }
  table.cards td { display: block; border: 0; padding: 2px 0; text-align: left; }
  table.cards td:empty { display: none; }
  table.cards td.lead { font-weight: 600; padding-bottom: 4px; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; color: #57606a;
    font-weight: normal; }
  table.figures td { display: inline-block; margin-right: 16px; }
  table.figures td.lead { display: block; }
}
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; } }
"""

# No fetch of any kind: no script, no font, no image, no frame; inline style only.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(text: str) -> str:
    return escape(common.one_line(text))


# The CSS class of each verdict and outcome (brief text never becomes a class name).
CLASSES = {**svg.VERDICT_CLASSES, Outcome.YES: "yes", Outcome.NO: "no"}


def _link(url: str) -> str:
    """An http(s) source as a link that sends nothing on; anything else as text."""
    url = url.strip()
    if not _LINKABLE.match(url) or not url.isprintable():
        return _e(url)
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>'


def _counts(report: Report) -> list[str]:
    c = report.counts
    cards = [
        ("Briefs", c.briefs, ""),
        ("Forecasts", c.forecasts, ""),
        ("Open", c.open, ""),
        ("Due", c.due, ""),
        ("Resolved", c.resolved, ""),
    ]
    if c.invalid:
        cards.append(("Invalid briefs", c.invalid, "warn"))
    lines = ['<dl class="counts">']
    for name, value, kind in cards:
        attribute = f' class="{kind}"' if kind else ""
        lines.append(f"<div{attribute}><dt>{name}</dt><dd>{value}</dd></div>")
    lines.append("</dl>")
    return lines


def _section(ident: str, heading: str, n: int | None = None) -> str:
    count = f' <span class="n">({n})</span>' if n is not None else ""
    return f'<section id="{ident}">\n<h2>{escape(heading)}{count}</h2>'


def _term(forecast: Item | Resolved) -> str:
    """A forecast's term and band, the band never broken across lines: `likely (55–75 %)`."""
    text = common.one_line(term_text(forecast.forecast, band=True))
    name, bracket, rest = text.partition(" (")
    if not bracket:
        return f'<span class="nowrap">{escape(text)}</span>'
    return f'{escape(name)} <span class="nowrap">({escape(rest)}</span>'


def _td(label: str, content: str, kind: str = "") -> str:
    """A cell, with its column's name for the narrow layout, where each row is a card."""
    attribute = f' class="{kind}"' if kind else ""
    return f'<td data-label="{escape(label)}"{attribute}>{content}</td>'


def _items(items: tuple[Item, ...], when: str, due: bool) -> list[str]:
    lines = [
        '<div class="wide"><table class="cards">',
        "<thead><tr><th>Forecast</th><th>Closes</th>"
        f"<th>{when}</th><th>Term</th><th>Statement</th></tr></thead>",
        "<tbody>",
    ]
    for item in items:
        f = item.forecast
        days = common.due_text(item.days) if due else common.coming_text(item.days)
        lines.append(
            f'<tr><td class="ref lead">{escape(item.ref)}</td>'
            + _td("Closes", str(f.window.closes), "nowrap")
            + _td(when, days, "nowrap")
            + _td("Term", _term(item))
            + f'<td class="text">{_e(f.statement)}'
            f'<div class="brief">{_e(item.brief.title)}</div></td></tr>'
        )
    lines += ["</tbody>", "</table></div>"]
    return lines


def _resolved(items: tuple[Resolved, ...]) -> list[str]:
    lines = [
        '<div class="wide"><table class="cards">',
        "<thead><tr><th>Forecast</th><th>Outcome</th><th>Term</th>"
        '<th class="num">Brier</th><th>Statement</th></tr></thead>',
        "<tbody>",
    ]
    for item in items:
        f, entry = item.forecast, item.entry
        details = [f"<li>{_e(common.known_text(item))}.</li>"]
        note = common.brier_note(item)
        if note:
            details.append(f"<li>Brier: {_e(note)}.</li>")
        if entry.note:
            details.append(f"<li>Note: {_e(entry.note)}</li>")
        details += [f"<li>Source: {_link(source)}</li>" for source in entry.sources]
        brier = common.brier_value(item)
        outcome = f'<span class="tag {CLASSES.get(item.outcome, "")}">{escape(item.outcome)}</span>'
        lines.append(
            f'<tr><td class="ref lead">{escape(item.ref)}</td>'
            + _td("Outcome", outcome)
            + _td("Term", _term(item))
            + _td("Brier", escape(brier), "num")
            + f'<td class="text">{_e(f.statement)}<div class="brief">{_e(item.brief.title)}</div>'
            f'<ul class="details">{"".join(details)}</ul></td>' + "</tr>"
        )
    lines += ["</tbody>", "</table></div>"]
    return lines


def _calibration(report: Report) -> list[str]:
    c = report.calibration
    lines = [_section("calibration", "Calibration")]
    if not c.n:
        lines.append(f"<p>No forecast to score as of {report.period.last}.</p>")
        lines.append(f"<p>{_e(left_out_text(c.left_out))}</p>")
        return [*lines, "</section>"]
    lines.append(f"<p>{_e(common.calibration_intro(report))}</p>")
    header = "".join(
        f'<th class="num">{escape(h)}</th>' if i in common.NUMERIC else f"<th>{escape(h)}</th>"
        for i, h in enumerate(common.TABLE_HEADER)
    )
    lines += [
        '<div class="wide"><table class="cards figures">',
        f"<thead><tr>{header}</tr></thead>",
        "<tbody>",
    ]
    for row, cells in common.table_rows(c):
        tds = [f'<td class="lead">{_e(cells[0])}</td>']
        for i, cell in enumerate(cells[1:], start=1):
            name = common.TABLE_HEADER[i]
            if i == len(cells) - 1:
                if row.verdict:
                    tag = f'<span class="tag {CLASSES[row.verdict]}">{_e(cell)}</span>'
                    tds.append(_td(name, tag, "verdict"))
                else:
                    tds.append("<td></td>")
            elif i in common.NUMERIC:
                tds.append(_td(name, _e(cell), "num") if cell else '<td class="num"></td>')
            else:
                tds.append(_td(name, _e(cell), "nowrap"))
        attribute = "" if row.n else ' class="unused"'
        lines.append(f"<tr{attribute}>{''.join(tds)}</tr>")
    lines += ["</tbody>", "</table></div>"]
    lines += _diagrams(c)
    lines += [
        '<ul class="scores">',
        *(f"<li>{_e(line)}</li>" for line in score_lines(c)),
        "</ul>",
        f'<p class="move">{_e(common.brier_move(report))}</p>',
        f"<h3>{escape(change.HEADING)}</h3>",
        '<ul class="scores">',
        *(f"<li>{_e(line)}</li>" for line in change.change_lines(c)),
    ]
    advice = change.advice_lines(c)
    if advice:
        items = "".join(f"<li>{_e(line)}</li>" for line in advice)
        lines.append(f"<li>{_e(change.ADVICE_HEADING)}<ul>{items}</ul></li>")
    else:
        lines.append(f"<li>{_e(change.NO_ADVICE)}</li>")
    lines += ["</ul>", *_quarters(report), "</section>"]
    return lines


def _diagrams(c: Calibration) -> list[str]:
    """One reliability diagram per scale, each with its key, then the legend."""
    # Each diagram is one scale's: its rows need not name the scale.
    names = [label(row, False) for row in c.table]
    lines = ['<div class="diagrams">']
    for n, (title, rows, shown) in enumerate(svg.groups(c, names), start=1):
        lines += [
            '<figure class="diagram">',
            f"<figcaption>{escape(title)}</figcaption>",
            svg.diagram(rows, shown, f"Reliability diagram: {title}", f"diagram-{n}"),
            '<ol class="key">',
            *svg.key(rows, shown),
            "</ol>",
            "</figure>",
        ]
    lines += [
        "</div>",
        '<ul class="legend">',
        '<li><span class="swatch band"></span> a term\'s band</li>',
        '<li><span class="swatch diagonal"></span> perfect calibration</li>',
        '<li><span class="mark in-band">1</span> in band</li>',
        '<li><span class="mark consistent">2</span> consistent with its band</li>',
        '<li><span class="mark off-band">3</span> happens more or less often than its band '
        "says</li>",
        "</ul>",
        '<p class="quiet">Each dot is the share of a group\'s forecasts that happened, '
        "numbered as in the key under its diagram, the line through it its Wilson 95 % "
        "interval; a dot inside its term's square is in band. One diagram per scale, so "
        "that each shows its own bands.</p>",
    ]
    return lines


# The quarters' columns as a card names them: its two intervals apart.
QUARTER_LABELS = ("Quarter", "n", "Brier", "Brier 95 % CI", "Slope", "Slope 95 % CI")


def _quarters(report: Report) -> list[str]:
    header = "".join(
        f'<th class="num">{escape(h)}</th>'
        if i in common.QUARTER_NUMERIC
        else f"<th>{escape(h)}</th>"
        for i, h in enumerate(common.QUARTER_HEADER)
    )
    lines = [
        f"<h3>{escape(common.QUARTERS_HEADING)}</h3>",
        f"<p>{_e(common.quarters_intro(report))}</p>",
        '<div class="wide"><table class="cards figures">',
        f"<thead><tr>{header}</tr></thead>",
        "<tbody>",
    ]
    for q in report.quarters:
        cells = common.quarter_cells(q)
        tds = f'<td class="lead">{_e(cells[0])}</td>' + "".join(
            _td(name, _e(cell), "num") if cell else '<td class="num"></td>'
            for name, cell in zip(QUARTER_LABELS[1:], cells[1:], strict=True)
        )
        lines.append(f"<tr>{tds}</tr>")
    lines += ["</tbody>", "</table></div>", f'<p class="quiet">{_e(common.QUARTERS_NOTE)}</p>']
    return lines


def render(report: Report) -> str:
    title = common.title(report)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8" />',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}" />',
        '<meta name="referrer" content="no-referrer" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{escape(common.subtitle(report))}</p>',
        *_counts(report),
        f"<p>{escape(common.counts_text(report))}</p>",
        "</header>",
        _section("due", "Due and overdue", len(report.due)),
    ]
    if report.due:
        lines += _items(report.due, "Overdue", due=True)
    else:
        lines.append('<p class="quiet">Nothing is due.</p>')
    lines += [
        "</section>",
        _section(
            "coming-due",
            f"Coming due in the next {days(report.within)}",
            len(report.coming_due),
        ),
    ]
    if report.coming_due:
        lines += _items(report.coming_due, "When", due=False)
    else:
        lines.append('<p class="quiet">Nothing comes due.</p>')
    lines += ["</section>", _section("resolved", "Resolved in the period", len(report.resolved))]
    if report.resolved:
        lines += _resolved(report.resolved)
    else:
        lines.append('<p class="quiet">No outcome was recorded.</p>')
    lines.append("</section>")
    lines += _calibration(report)
    lines.append(_section("problems", "Problems", len(report.problems)))
    if report.problems:
        text = "\n".join(escape(str(p)) for p in report.problems)
        check = "<code>forecast check</code>"
        lines += [
            f"<pre>{text}</pre>",
            f"<p>{escape(common.PROBLEMS_NOTE).format(check=check)}</p>",
        ]
    else:
        lines.append('<p class="quiet">Every brief is valid.</p>')
    command = f"<code>{escape(common.command(report, 'html'))}</code>"
    lines += [
        "</section>",
        f"<footer>{escape(common.FOOTER).format(command=command)}</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
