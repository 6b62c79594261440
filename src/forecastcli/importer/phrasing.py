"""Reading the sentences of a brief: sentences, clauses, and the event stated.

Used by `forecast import`, beside `cues` (numbers, hedges, dates and other cues).
Everything here is plain text in, plain data out.
"""

from __future__ import annotations

import re
import unicodedata

from forecastcli.importer.cues import CONFIDENCE, DASHES, hedges, numbers, plain_dashes
from forecastcli.scales import Match, Scale


def tidy(text: str) -> str:
    """Whitespace collapsed, and the stray spaces and commas that cutting words leaves."""
    text = " ".join(text.split())
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    text = re.sub(r"[,;:]\s*([,.;:])", r"\1", text)
    return " ".join(text.split())


# -- sentences and clauses -----------------------------------------------------------------

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "approx c ca cf co col dr e.g eg etc gen i.e ie inc jr lt ltd mr mrs ms no prof sgt "  # noqa: SIM905 (a word list reads best as words)
    "sr st u.k u.n u.s vs".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (a full stop after an abbreviation does not end one)."""
    found: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        words = text[start : m.start()].split()
        last = words[-1].lower().lstrip("(\"“‘'") if words else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last):
            continue
        found.append(text[start : m.end()].strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        found.append(rest)
    return found


_CONNECTOR = r"(?:even\s+though|though|although|but|while|whereas|yet|however|and)\b"
# Where a new clause starts: after a comma, semicolon or spaced dash that precedes a
# connector, or after any semicolon.
_CLAUSE_BREAK = re.compile(rf"(?:[,;]|\s-\s)\s*(?={_CONNECTOR})|;\s*", re.IGNORECASE)
# "Although X is highly unlikely, Y is a realistic possibility": the comma ends the first.
_LEADING_CLAUSE = re.compile(
    r"^(?:even\s+though|even\s+if|though|although|while|whereas)\b[^,;]*,\s*", re.IGNORECASE
)
_LEADING_CONNECTOR = re.compile(rf"^{_CONNECTOR}\s*,?\s*", re.IGNORECASE)


def clauses(sentence: str, anchors: list[tuple[int, int]]) -> list[str] | None:
    """The sentence cut into one clause per anchor (a term or a number), or None.

    None means the clauses do not split cleanly: two anchors share a clause, or the
    sentence has no break between them.
    """
    flat = plain_dashes(sentence)
    lead = _LEADING_CLAUSE.match(flat)
    lead_end = lead.end() if lead else 0
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(flat) if m.end() > lead_end]
    cuts = sorted({0, lead_end, *breaks})
    bounds = [*cuts[1:], len(sentence)]
    segments = [(start, end) for start, end in zip(cuts, bounds, strict=True) if end > start]
    owned: list[list[int]] = []
    for start, end in segments:
        inside = [i for i, (a, _) in enumerate(anchors) if start <= a < end]
        if len(inside) > 1:
            return None
        owned.append(inside)
    # A segment without an anchor belongs to the clause before it (or the next one).
    groups: list[tuple[int, int]] = []
    for (start, end), inside in zip(segments, owned, strict=True):
        if inside or not groups:
            if groups and not _has_anchor(groups[-1], anchors):
                groups[-1] = (groups[-1][0], end)
            else:
                groups.append((start, end))
        else:
            groups[-1] = (groups[-1][0], end)
    if len(groups) != len(anchors):
        return None
    # "It is likely, though ..." leaves a clause that says nothing on its own.
    for a, b in groups:
        x, y = next((x, y) for x, y in anchors if a <= x < b)
        rest = sentence[a:x] + " " + sentence[y:b]
        if not set(re.findall(r"[a-z]+", rest.lower())) - _EMPTY_WORDS:
            return None
    return [
        _LEADING_CONNECTOR.sub("", sentence[a:b].strip(" ,;-" + DASHES)).strip() for a, b in groups
    ]


_EMPTY_WORDS = frozenset(
    "it there this that is was will be would seems remains a an very also still and but "  # noqa: SIM905 (a word list reads best as words)
    "though although while whereas yet however even".split()
)


def _has_anchor(span: tuple[int, int], anchors: list[tuple[int, int]]) -> bool:
    return any(span[0] <= a < span[1] for a, _ in anchors)


# -- the statement -----------------------------------------------------------------------

_BE = (
    r"(?:is|are|was|were|will\s+be|would\s+be|will\s+remain|would\s+remain|remains?|"
    r"seems?|appears?|looks?)"
)
_ADVERB = r"(?:(?:very|also|still|most|quite|highly|now|even)\s+)?"
_THERE_IS = re.compile(rf"^(?:there|it)\s+{_BE}\s+(?:(?:a|an)\s+)?{_ADVERB}$", re.IGNORECASE)
_SUBJECT_BE = re.compile(rf"^(?P<subj>.+?)\s+{_BE}\s+(?:(?:a|an)\s+)?{_ADVERB}$", re.IGNORECASE)
_SUBJECT_WILL = re.compile(
    rf"^(?P<subj>.+?)\s+(?P<aux>will|would|shall)\s+{_ADVERB}$", re.IGNORECASE
)
_TAIL_AFTER_BE = re.compile(
    r"^(?P<tail>(?:\s*[,(].*)|(?:\s+(?:in|over|during|within|before|by|for|until)\b.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_CONNECTOR_START = re.compile(rf"^{_CONNECTOR}\s*,?\s*", re.IGNORECASE)


def statement(clause: str, scale: Scale) -> str:
    """The event a clause forecasts, without its probability words.

    "Iran will likely issue sharp rhetoric" -> "Iran will issue sharp rhetoric.";
    "Azerbaijan is likely to join" -> "Azerbaijan will join."; "There is a realistic
    possibility that X" -> "X."; "retaliation will remain unlikely" -> "Retaliation will
    happen.". A hedged part joined on with "and possibly" is left out: the term does not
    apply to it. Anything else keeps the sentence with the term words dropped.
    """
    cuts = [(n.start, n.end) for n in numbers(clause)]
    cuts += [h.cut for h in hedges(clause, scale.find(clause)) if h.cut]
    text = clause
    done: list[tuple[int, int]] = []
    for start, end in sorted(cuts, reverse=True):
        if not any(start < b and a < end for a, b in done):
            text = text[:start] + " " + text[end:]
            done.append((start, end))
    text = CONFIDENCE.sub(" ", text)
    text = _CONNECTOR_START.sub("", " ".join(text.split()))
    text = text.strip(" ,;:.!" + DASHES)
    terms = scale.find(text)
    if terms:
        text = _drop_term(text, terms[0])
    text = tidy(text).strip(" ,;:" + DASHES) or tidy(clause)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if not text.endswith((".", "?", "!")):
        text += "."
    return text


def _drop_term(text: str, term: Match) -> str:
    before, after = text[: term.start], text[term.end :]
    if _THERE_IS.match(before):
        rest = re.sub(
            r"^\s*(?:(?:chance|possibility|prospect)\s+)?(?:that\s+)?", "", after, flags=re.I
        )
        if rest.strip():
            return rest
    subject = _SUBJECT_BE.match(before)
    if subject:
        to = re.match(r"^\s+to\s+(?P<rest>.+)$", after, re.IGNORECASE | re.DOTALL)
        if to:
            return f"{subject['subj']} will {to['rest']}"
        tail = _TAIL_AFTER_BE.match(after)
        if tail:
            return f"{subject['subj']} will happen{tail['tail'] or ''}"
    will = _SUBJECT_WILL.match(before)
    if will and after.strip():
        return f"{will['subj']} {will['aux']} {after}"
    if not before.strip():
        return after.lstrip(" ,")
    return before + after


# -- slugs -------------------------------------------------------------------------------

_ID_STOPWORDS = frozenset(
    "a an the of to in on at for from by with into onto and or but nor so as than that "  # noqa: SIM905 (a word list reads best as words)
    "this these those it its their his her our your there here be is are was were will "
    "would shall should can could may might must do does did has have had been being also "
    "still further very which who whom whose what when where while happen happens".split()
)


def words(text: str) -> list[str]:
    """Lowercase ASCII words: accents dropped, apostrophes closed up ("Kazakhstan's")."""
    text = re.sub(r"[’'`]", "", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def slug(text: str, limit: int = 60) -> str:
    """A slug of every word, cut at a word boundary to at most `limit` characters."""
    out = ""
    for word in words(text):
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words(text)[0][:limit] if words(text) else "")


def short_slug(text: str, count: int = 4, limit: int = 40) -> str:
    """A few significant words of a statement, for a forecast id."""
    significant = [w for w in words(text) if w not in _ID_STOPWORDS]
    return slug(" ".join(significant[:count]), limit)
