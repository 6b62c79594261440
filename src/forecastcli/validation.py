"""Check a brief file's text against the format (SPEC section 3) and build its brief."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from forecastcli.archive import did_you_mean
from forecastcli.config import Settings
from forecastcli.dates import parse_timestamp
from forecastcli.errors import Problem
from forecastcli.fields import FieldChecker, describe, is_number
from forecastcli.model import CONFIDENCES, Brief, Forecast, Outcome, Resolution, latest
from forecastcli.safetext import QUOTE_LIMIT, quote
from forecastcli.scales import Term
from forecastcli.windows import PastTheEnd, Window
from forecastcli.yamlfile import Document, YAMLProblem, parse

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# One object per distinct date across all briefs: an archive of ten thousand briefs holds a
# few thousand days, and the parse cache then stores (and rebuilds) each day once per
# chunk instead of once per use, which takes a quarter off reading it back.
_DATES: dict[dt.date, dt.date] = {}


def _same(day: dt.date) -> dt.date:
    return _DATES.setdefault(day, day)


# Likewise one window per distinct pair of days: most forecasts take their horizon's.
_WINDOWS: dict[tuple[dt.date, dt.date], Window] = {}


def _same_window(opens: dt.date, closes: dt.date) -> Window:
    window = _WINDOWS.get((opens, closes))
    if window is None:
        window = _WINDOWS[opens, closes] = Window(_same(opens), _same(closes))
    return window


BRIEF_KEYS = ("title", "author", "published", "url", "scale", "tags", "forecasts", "resolutions")
FORECAST_KEYS = (
    "id",
    "statement",
    "term",
    "p",
    "horizon",
    "opens",
    "closes",
    "confidence",
    "criteria",
    "quote",
    "resolutions",
)
RESOLUTION_KEYS = ("forecast", "outcome", "date", "recorded", "by", "note", "sources")


def check_text(
    shown: str, brief_id: str, text: str, settings: Settings, file: str | None = None
) -> tuple[Brief | None, list[Problem]]:
    """Parse and check the text of a brief file whose id is `brief_id`: `file` is its path
    (`shown` when not given), `shown` that path as problems show it."""
    _, brief, problems = parse_and_check(shown, brief_id, text, settings, file)
    return brief, problems


def parse_and_check(
    shown: str, brief_id: str, text: str, settings: Settings, file: str | None = None
) -> tuple[Document | None, Brief | None, list[Problem]]:
    """`check_text`, with the parsed document too (None when the text is not YAML)."""
    try:
        doc = parse(shown, text)
    except YAMLProblem as exc:
        problems = [Problem(shown, line, column, message) for message, line, column in exc.all()]
        return None, None, problems
    return (doc, *_Checker(doc, brief_id, settings, file or shown).brief())


# "Did you mean" hints for unknown forecast ids: each is a search of the brief's ids, so a
# file of many bad entries gets this many, keeping the check linear in the file's size.
HINTS = 20


class _Checker(FieldChecker):
    """What a brief must hold (SPEC section 3), checked key by key, every problem kept."""

    def __init__(self, doc: Document, brief_id: str, settings: Settings, file: str) -> None:
        super().__init__(doc, settings.date_order)
        self.brief_id = brief_id
        self.settings = settings
        self.file = file
        self.hints = 0  # "did you mean" searches made
        self.windows: dict[str, Window] = {}  # by horizon, from `published`
        self.overflows: set[str] = set()  # horizons whose window runs past the calendar
        # The forecasts that hold their own `resolutions:` list: (index, id as written).
        self.owners: list[tuple[int, Any]] = []

    # -- the brief ------------------------------------------------------------------------

    def brief(self) -> tuple[Brief | None, list[Problem]]:
        data = self.doc.data
        if not isinstance(data, dict):
            self.error(
                f"a brief must be a mapping with title, published and forecasts, "
                f"not {describe(data)}"
            )
            return None, self.problems
        if not SLUG.match(self.brief_id):
            self.error(
                f"the file name {quote(self.brief_id)} is not a brief id: use lowercase "
                "letters, digits and hyphens, such as 2025-12-08-kazakhstan"
            )
        self.keys(data, BRIEF_KEYS, (), "the brief")
        title = self.text(data, "title", (), required=True)
        published = self.date(data, "published", (), required=True)
        authors = self.texts(data, "author", (), single_ok=True)
        tags = self.texts(data, "tags", ())
        url = self.text(data, "url", ())
        scale_name = data.get("scale", self.settings.scale)
        scale = self.settings.scales.get(scale_name) if isinstance(scale_name, str) else None
        if scale is None:
            known = ", ".join(sorted(self.settings.scales))
            self.error(f"unknown scale {describe(scale_name)}; known: {known}", "scale")
        forecasts = self.forecasts(data, published, scale)
        resolutions = self.resolutions(data, forecasts)
        if self.errors or title is None or published is None or scale is None:
            return None, self.problems
        return (
            Brief(
                id=self.brief_id,
                file=self.file,
                shown=self.doc.path,
                title=title,
                published=_same(published),
                scale=scale,
                authors=authors,
                url=url,
                tags=tags,
                forecasts=tuple(forecasts.values()),
                resolutions=tuple(resolutions),
            ),
            self.problems,
        )

    def forecasts(
        self, data: dict[str, Any], published: dt.date | None, scale: Any
    ) -> dict[str, Forecast]:
        items = data.get("forecasts")
        if not isinstance(items, list) or not items:
            if "forecasts" not in data:
                self.error("missing `forecasts` (a list of the brief's forecasts)")
            else:
                self.error("`forecasts` must be a non-empty list", "forecasts")
            return {}
        found: dict[str, Forecast] = {}
        for i, item in enumerate(items):
            forecast = self.forecast(item, ("forecasts", i), published, scale)
            if isinstance(item, dict) and item.get("resolutions") is not None:
                self.owners.append((i, item.get("id")))
            if forecast is None:
                continue
            if forecast.id in found:
                self.error(
                    f"duplicate forecast id {quote(forecast.id)} (first at line "
                    f"{found[forecast.id].line})",
                    "forecasts",
                    i,
                    "id",
                )
                continue
            found[forecast.id] = forecast
        return found

    def forecast(
        self, item: Any, where: tuple[Any, ...], published: dt.date | None, scale: Any
    ) -> Forecast | None:
        before = self.errors
        needs = "id, statement, term and horizon"
        if not self.mapping(item, where, "a forecast", needs, FORECAST_KEYS):
            return None
        fid = item.get("id")
        if fid is None:
            self.error("missing forecast `id`", *where)
        elif not isinstance(fid, str) or not SLUG.match(fid):
            self.error(
                f"forecast id {describe(fid)} must be a slug: lowercase letters, "
                "digits and hyphens",
                *where,
                "id",
            )
        statement = self.text(item, "statement", where, required=True)
        term = self.term(item, where, scale)
        p = self.probability(item, where, term)
        if "term" not in item and "p" not in item:
            self.error("a forecast needs a `term` (or a probability `p`)", *where)
        window = self.window(item, where, published)
        confidence = item.get("confidence")
        if confidence is not None and confidence not in CONFIDENCES:
            self.error(
                f"`confidence` must be one of {', '.join(CONFIDENCES)}, not {describe(confidence)}",
                *where,
                "confidence",
            )
        criteria = self.text(item, "criteria", where)
        quote = self.text(item, "quote", where)
        if self.errors > before or window is None or statement is None:
            return None
        assert isinstance(fid, str)
        return Forecast(
            brief=self.brief_id,
            id=fid,
            statement=statement,
            term=term,
            p=p,
            horizon=item.get("horizon"),
            window=window,
            confidence=confidence,
            criteria=criteria,
            quote=quote,
            line=self.line(*where),
        )

    def term(self, item: dict[str, Any], where: tuple[Any, ...], scale: Any) -> Term | None:
        value = item.get("term")
        if value is None or scale is None:
            return None
        term = scale.term(value) if isinstance(value, str) else None
        if term is None:
            names = ", ".join(t.name for t in scale.terms)
            self.error(
                f"unknown term {describe(value)} for scale {scale.name!r}; known terms: {names}",
                *where,
                "term",
            )
        return term

    def probability(
        self, item: dict[str, Any], where: tuple[Any, ...], term: Term | None
    ) -> float | None:
        if "p" not in item:
            return None
        value = item["p"]
        if not is_number(value) or not 0 <= value <= 1:
            hint = (
                f" (write {value / 100:g} for {value:g} %)"
                if (is_number(value) and 1 < value <= 100)
                else ""
            )
            self.error(
                f"`p` must be a probability from 0 to 1, not {describe(value)}{hint}", *where, "p"
            )
            return None
        p = float(value)
        if term is not None and not term.contains(p):
            self.error(
                f"`p` {p:g} lies outside the band of {term.name!r} ({term.band_text})", *where, "p"
            )
        return p

    def window(
        self, item: dict[str, Any], where: tuple[Any, ...], published: dt.date | None
    ) -> Window | None:
        key = item.get("horizon")
        horizon = None
        if key is not None:
            horizon = self.settings.horizons.get(key) if isinstance(key, str) else None
            if horizon is None:
                known = ", ".join(self.settings.horizons)
                self.error(f"unknown horizon {describe(key)}; known: {known}", *where, "horizon")
                return None
        opens = self.date(item, "opens", where)
        closes = self.date(item, "closes", where)
        if ("opens" in item and opens is None) or ("closes" in item and closes is None):
            return None
        if horizon is None and closes is None:
            if key is None:
                self.error("a forecast needs a `horizon` (or a `closes` date)", *where)
            return None
        if published is None:
            return None
        if horizon is not None:
            default = self.windows.get(horizon.key)
            if default is None:
                # Calendar arithmetic is slow and a brief's forecasts share a few horizons.
                try:
                    default = Window.between(published, horizon)
                except PastTheEnd:
                    self.past_the_end(published, horizon.key)
                    return None
                self.windows[horizon.key] = default
            opens = opens or default.opens
            closes = closes or default.closes
        assert closes is not None
        opens = opens or published
        if opens > closes:
            self.error(
                f"the window opens ({opens}) after it closes ({closes})",
                *where,
                "opens" if "opens" in item else "closes",
            )
            return None
        return _same_window(opens, closes)

    def past_the_end(self, published: dt.date, horizon: str) -> None:
        """A window that would close after 9999-12-31: a problem at `published`, once."""
        if horizon in self.overflows:
            return
        self.overflows.add(horizon)
        self.error(
            f"`published` {published}: the {quote(horizon)} window would close after the "
            "year 9999, where the calendar ends; check the date",
            "published",
        )

    # -- resolutions ----------------------------------------------------------------------

    def resolutions(self, data: dict[str, Any], forecasts: dict[str, Forecast]) -> list[Resolution]:
        """Every entry, in the order of the file: those in each forecast's own list, and
        those of the top-level list that older files keep (SPEC section 3)."""
        found: list[Resolution] = []
        where: dict[int, tuple[Any, ...]] = {}
        items = data["forecasts"] if self.owners else ()
        for i, owner in self.owners:
            own = ("forecasts", i, "resolutions")
            self.entries(items[i]["resolutions"], own, forecasts, found, where, owner=owner)
        if data.get("resolutions") is not None:
            self.entries(data["resolutions"], ("resolutions",), forecasts, found, where)
            if self.owners:
                found.sort(key=lambda entry: entry.line)
        # An entry that a later one has replaced is history: its date no longer matters.
        for entry in latest(found).values():
            self.date_warning(entry, forecasts[entry.forecast], where[id(entry)])
        return found

    def entries(
        self,
        items: Any,
        at: tuple[Any, ...],
        forecasts: dict[str, Forecast],
        found: list[Resolution],
        where: dict[int, tuple[Any, ...]],
        owner: Any = None,
    ) -> None:
        """Check one `resolutions:` list, adding its entries to `found` and their paths to
        `where`; `owner` is the id of the forecast that holds the list, if one does."""
        if not isinstance(items, list):
            self.error("`resolutions` must be a list of entries", *at)
            return
        under = at[0] == "forecasts"
        for j, item in enumerate(items):
            path = (*at, j)
            entry = self.resolution(item, path, forecasts, owner if under else None, under)
            if entry is not None:
                where[id(entry)] = path
                found.append(entry)

    def date_warning(self, entry: Resolution, forecast: Forecast, where: tuple[Any, ...]) -> None:
        """Warn of an outcome dated on the wrong side of its window's close (SPEC section 6)."""
        if entry.outcome is Outcome.YES and entry.date > forecast.window.closes:
            self.warn(
                f"{entry.forecast!r} resolved yes on {entry.date}, after its window closed on "
                f"{forecast.window.closes}",
                *where,
                "date",
            )
        if entry.outcome is Outcome.NO and entry.date < forecast.window.closes:
            self.warn(
                f"{entry.forecast!r} resolved no on {entry.date}, before its window closes on "
                f"{forecast.window.closes}",
                *where,
                "date",
            )

    def resolution(
        self,
        item: Any,
        where: tuple[Any, ...],
        forecasts: dict[str, Forecast],
        owner: Any = None,
        under: bool = False,
    ) -> Resolution | None:
        """One entry; `under` says it sits in the list of the forecast whose id is `owner`."""
        before = self.errors
        needs = "outcome and date" if under else "forecast, outcome and date"
        if not self.mapping(item, where, "a resolution", needs, RESOLUTION_KEYS):
            return None
        fid = item.get("forecast")
        if under:
            forecast = self.owner(item, where, forecasts, owner)
        else:
            forecast = forecasts.get(fid) if isinstance(fid, str) else None
            if fid is None:
                self.error("missing `forecast` (the id of the forecast resolved)", *where)
            elif forecast is None:
                hint = ""
                # Only text can be near an id: a list an alias expanded is never searched.
                if isinstance(fid, str) and len(fid) <= QUOTE_LIMIT and self.hints < HINTS:
                    self.hints += 1
                    hint = did_you_mean(fid, forecasts, shown=quote)
                self.error(f"no forecast {describe(fid)} in this brief{hint}", *where, "forecast")
        raw = item.get("outcome")
        outcome = Outcome.read(raw)
        if raw is None:
            self.error(f"missing `outcome` ({Outcome.words()})", *where)
        elif outcome is None:
            self.error(
                f"`outcome` must be one of {Outcome.words()}, not {describe(raw)}",
                *where,
                "outcome",
            )
        day = self.date(item, "date", where, required=True)
        recorded = None
        if item.get("recorded") is not None:
            recorded = parse_timestamp(item["recorded"])
            if recorded is None:
                self.error(
                    f"`recorded` is not a timestamp: {describe(item['recorded'])}; "
                    "write it as 2026-11-27T10:04:12Z",
                    *where,
                    "recorded",
                )
        by = self.text(item, "by", where)
        note = self.text(item, "note", where)
        sources = self.texts(item, "sources", where)
        if self.errors > before or day is None or forecast is None or outcome is None:
            return None
        return Resolution(
            forecast=forecast.id,
            outcome=outcome,
            date=_same(day),
            recorded=recorded,
            by=by,
            note=note,
            sources=sources,
            line=self.line(*where),
        )

    def owner(
        self,
        item: dict[str, Any],
        where: tuple[Any, ...],
        forecasts: dict[str, Forecast],
        owner: Any,
    ) -> Forecast | None:
        """The forecast an entry in a forecast's own list is about: that forecast. The entry
        needs no `forecast:`; one that gives it must name the forecast it sits under."""
        fid = item.get("forecast", owner)
        if fid != owner and isinstance(owner, str):
            self.error(
                f"this entry sits under forecast {quote(owner)} but names forecast "
                f"{describe(fid)}; delete its `forecast:` line, or move the entry under the "
                "forecast it is about",
                *where,
                "forecast",
            )
            return None
        # A forecast that is itself in error has had its problems named already.
        return forecasts.get(owner) if isinstance(owner, str) else None
