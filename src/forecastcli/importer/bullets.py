"""From a bullet to forecasts: the term, p and horizon of each clause, and the marks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from forecastcli.config import Settings
from forecastcli.importer import cues, phrasing
from forecastcli.importer.draft import DraftForecast, Heading
from forecastcli.importer.section import Bullet
from forecastcli.render.words import percent
from forecastcli.scales import Scale, Term
from forecastcli.windows import PastTheEnd, Window


@dataclass(frozen=True)
class Context:
    """What every bullet is read against: the settings, the scale and the publication day."""

    settings: Settings
    scale: Scale
    published: dt.date

    def window(self, key: str) -> str:
        """The window horizon `key` gives, for a mark ("medium: 2026-03-08 to 2026-12-08")."""
        try:
            window = Window.between(self.published, self.settings.horizons[key])
        except PastTheEnd:
            return f"{key}: a window past the end of the calendar"
        return f"{key}: {window.opens} to {window.closes}"


def _quoted_words(items: list[str]) -> str:
    return ", ".join(f'"{i}"' for i in items)


def _hedge_marks(text: str, ctx: Context) -> list[str]:
    return [
        f'"{h.word}" is a hedge outside scale {ctx.scale.name}: "{h.qualifies}" is '
        + ("left out of the statement" if h.cut else "not a forecast as written")
        + "; give it a term of its own if it is one"
        for h in cues.hedges(text, ctx.scale.find(text))
    ]


def _horizon_for(heading: Heading | None, text: str, ctx: Context) -> tuple[str | None, list[str]]:
    if heading is not None and heading.key is not None:
        return heading.key, []
    if heading is not None:
        return None, [
            f'stands under the heading "{heading.text}", which names no configured horizon: '
            f"give it a horizon ({', '.join(ctx.settings.horizons)}) or a closes date"
        ]
    named = [(p, k) for p, k in cues.horizon_words(text) if k in ctx.settings.horizons]
    if named:
        phrase, key = named[0]
        return key, [f'stands under no horizon heading: horizon {key} taken from "{phrase}"']
    return None, [
        "stands under no horizon heading: give it a horizon "
        f"({', '.join(ctx.settings.horizons)}) or a closes date"
    ]


def _one(
    clause: str, horizon: str | None, ctx: Context
) -> tuple[Term | None, float | None, list[str]]:
    """The term, p and marks of one clause that states a probability."""
    terms = ctx.scale.find(clause)
    term = terms[0].term if terms else None
    marks: list[str] = []
    if terms and cues.negated(clause, terms[0]):
        before = clause[max(0, terms[0].start - 24) : terms[0].end].split()
        marks.append(f'the term is negated ("{" ".join(before[-3:])}"): check the term')
    marks.extend(_hedge_marks(clause, ctx))
    p = None
    found = cues.numbers(clause)
    if found:
        first = found[0]
        if len(found) > 1:
            marks.append(
                f"several numbers ({_quoted_words([n.text for n in found])}): "
                f"p taken from the first"
            )
        if term is None or term.contains(first.p):
            p = first.p
            if first.is_range:
                marks.append(f'a range ("{first.text}"): p set to its midpoint, {percent(p)} %')
        else:
            marks.append(
                f'the number "{first.text}" lies outside the band of {term.name} '
                f"({term.band_text}): p not set; decide which the brief means"
            )
    for phrase in cues.date_phrases(clause):
        where = f" ({ctx.window(horizon)})" if horizon else ""
        marks.append(
            f'names a time ("{phrase}"): the window still comes from the heading{where}; '
            "set opens/closes if the time should decide"
        )
    for phrase, key in cues.horizon_words(clause):
        if horizon is not None and key != horizon:
            marks.append(
                f'says "{phrase}" but stands under a {horizon} heading, which sets the horizon'
            )
    for condition in cues.conditions(clause):
        marks.append(
            f'condition "{condition}": the statement keeps it; move it to criteria if it '
            "reads better there"
        )
    return term, p, marks


def forecasts_of(bullet: Bullet, ctx: Context) -> list[DraftForecast]:
    """The forecasts a bullet states (one a clause with a term or number), ids not yet set."""
    text = bullet.text
    horizon, horizon_marks = _horizon_for(bullet.heading, text, ctx)

    def draft(
        statement: str,
        quote: str,
        term: Term | None,
        p: float | None,
        confidence: str | None,
        marks: list[str],
    ) -> DraftForecast:
        return DraftForecast(
            "", statement, quote, bullet.heading, horizon, term, p, confidence,
            tuple(dict.fromkeys(marks)), bullet.line,
        )  # fmt: skip

    scale = ctx.scale
    stated = [s for s in phrasing.sentences(text) if scale.find(s) or cues.numbers(s)]
    if not stated:
        marks = [*horizon_marks, *_hedge_marks(text, ctx)]
        marks.extend(f'"{q}" reads as a quantity, not a probability' for q in cues.quantities(text))
        marks.append(
            f"no term of scale {scale.name} and no probability: not a forecast as written; "
            "add a term (or p) and uncomment it"
        )
        return [draft(phrasing.statement(text, scale), text, None, None, None, marks)]
    found: list[DraftForecast] = []
    for sentence in stated:
        terms = scale.find(sentence)
        anchors = [(m.start, m.end) for m in terms] or [
            (n.start, n.end) for n in cues.numbers(sentence)
        ]
        parts = phrasing.clauses(sentence, anchors) if len(anchors) > 1 else [sentence]
        split_marks: list[str] = []
        if parts is None:
            parts = [sentence]
            if len(terms) > 1:
                split_marks.append(
                    f"two terms in one sentence ({_quoted_words([m.text for m in terms])}) that "
                    f'do not split cleanly: kept whole with "{terms[0].text}"; split it by hand'
                )
        levels = list(dict.fromkeys(cues.confidences(sentence)))
        if len(levels) > 1:
            split_marks.append(f"several confidence levels ({', '.join(levels)}): kept the first")
        for part in parts:
            term, p, marks = _one(part, horizon, ctx)
            found.append(
                draft(
                    phrasing.statement(part, scale),
                    sentence,
                    term,
                    p,
                    levels[0] if levels else None,
                    [*horizon_marks, *split_marks, *marks],
                )
            )
    # A hedge in a sentence left out may be a forecast the scale cannot express.
    for sentence in phrasing.sentences(text):
        if sentence not in stated:
            extra = _hedge_marks(sentence, ctx)
            if extra:
                first = found[0]
                found[0] = replace(first, marks=tuple(dict.fromkeys([*first.marks, *extra])))
    return found


def with_ids(forecasts: list[DraftForecast]) -> list[DraftForecast]:
    """Ids from a few words of each statement, unique in the brief (-2, -3 when repeated)."""
    taken: set[str] = set()
    out = []
    for f in forecasts:
        base = phrasing.short_slug(f.statement) or "forecast"
        fid, n = base, 1
        while fid in taken:
            n += 1
            fid = f"{base}-{n}"
        taken.add(fid)
        out.append(replace(f, id=fid))
    return out
