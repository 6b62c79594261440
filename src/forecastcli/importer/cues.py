"""The cues a sentence of a brief gives: numbers, hedges, negations, conditions, dates,
horizon phrases and confidence levels.

Used by `forecast import`, beside `phrasing` (sentences, clauses, the event stated).
Plain text in, plain data out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forecastcli.scales import Match

# Every dash a copied text may carry, read as a plain hyphen where only the shape matters.
DASHES = "‐‑‒–—―−"
_DASH_TABLE = str.maketrans(dict.fromkeys(DASHES, "-"))


def plain_dashes(text: str) -> str:
    return text.translate(_DASH_TABLE)


# -- numbers -----------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:\.\d+)?"
_PCT_UNIT = r"(?:\s*%|\s*per\s*cent\b|\s*percent\b)"
_PCT = (
    rf"(?P<pct>(?P<a>{_NUM})(?:{_PCT_UNIT})?\s*(?:[-{DASHES}]|to)\s*(?P<b>{_NUM}){_PCT_UNIT}"
    rf"|(?P<c>{_NUM}){_PCT_UNIT})"
)
_DECIMAL = r"(?P<dec>p\s*[=≈~]\s*(?P<d>0?\.\d+|[01](?:\.0+)?))"
_ABOUT = r"(?:~|≈|c\.|ca\.|circa|approx\.?|approximately|about|around|roughly|some)?\s*"
_PROB_WORD = r"(?:chance|likelihood|probability|odds)"
_NUMBER_FORMS = [
    # "(~70%)", "(70-80 per cent)", "(p = 0.7)", "(70% likelihood)"
    re.compile(rf"\s*\(\s*{_ABOUT}(?:{_PCT}|{_DECIMAL})\s*(?:{_PROB_WORD}|confidence)?\s*\)", re.I),
    # "there is a 70 per cent chance that ..." at the start of a clause: the event follows.
    re.compile(
        rf"^(?:there\s+is|there's|it\s+is)?\s*an?\s+{_ABOUT}(?:{_PCT})\s+{_PROB_WORD}\s+(?:that\s+)?",
        re.I,
    ),
    # "a 70 per cent chance", "70% likely", "70 per cent certain"
    re.compile(
        rf"(?:\ban?\s+)?{_ABOUT}(?:{_PCT})(?=\s+(?:{_PROB_WORD}|likely|certain|probable)\b)",
        re.I,
    ),
    # "with a probability of 70%", "likelihood: about 70 per cent"
    re.compile(
        rf",?\s*(?:with\s+)?(?:an?\s+)?{_PROB_WORD}\s*(?:of|at|is|:)?\s*{_ABOUT}(?:{_PCT})", re.I
    ),
    # "p = 0.7" anywhere
    re.compile(rf",?\s*{_DECIMAL}", re.I),
    # "..., 70 per cent." or "...: 70%" closing the sentence
    re.compile(rf"\s*[,:;{DASHES}-]\s*{_ABOUT}(?:{_PCT})\s*(?=[.!]?\s*$)", re.I),
]
_ANY_PERCENT = re.compile(rf"{_NUM}{_PCT_UNIT}", re.I)


@dataclass(frozen=True)
class Number:
    """A probability written as a number: p as a fraction, the span of the words that give
    it (cut from the statement), and the number as written."""

    p: float
    start: int
    end: int
    text: str
    is_range: bool = False


def numbers(text: str) -> list[Number]:
    """Every probability written as a number, in order; percentages of other things are not.

    A percentage counts as a probability when it stands in brackets, next to a word such as
    "chance" or "likely", or alone at the end of the sentence; "exports rise by 10 %" is a
    quantity, not a forecast's probability.
    """
    found: list[Number] = []
    for form in _NUMBER_FORMS:
        for m in form.finditer(text):
            if any(m.start() < n.end and n.start < m.end() for n in found):
                continue
            number = _number(m)
            if number is not None:
                found.append(number)
    return sorted(found, key=lambda n: n.start)


def _number(m: re.Match[str]) -> Number | None:
    groups = m.groupdict()
    is_range = groups.get("a") is not None
    if groups.get("d") is not None:
        p = float(groups["d"])
    elif is_range:
        low, high = float(groups["a"]), float(groups["b"])
        if low > high:
            return None
        p = (low + high) / 200
    else:
        p = float(groups["c"]) / 100
    if not 0 <= p <= 1:
        return None
    written = groups.get("pct") or groups.get("dec") or m.group(0)
    return Number(round(p, 4), m.start(), m.end(), written, is_range)


def quantities(text: str) -> list[str]:
    """Percentages in the text that were not read as probabilities."""
    taken = numbers(text)
    return [
        m.group(0)
        for m in _ANY_PERCENT.finditer(text)
        if not any(n.start <= m.start() < n.end for n in taken)
    ]


# -- hedges, negation, conditions, dates, horizons, confidence ---------------------------

# Words that hedge without being a term of the scale: they do not say how likely.
HEDGES = (
    "cannot be ruled out",
    "can't be ruled out",
    "not impossible",
    "conceivably",
    "potentially",
    "plausibly",
    "possibly",
    "possible",
    "perhaps",
    "maybe",
    "might",
    "could",
    "may",
)
_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Hedge:
    word: str
    qualifies: str  # the words it hedges, for the mark
    cut: tuple[int, int] | None  # "and possibly X": the span a statement leaves out


_COORDINATED = re.compile(r",?\s+(?:and|or)\s+(?:also\s+|even\s+)?$", re.IGNORECASE)
_HEDGE_END = re.compile(r"[,;:.()]|\b(?:and|or|but|though|although|while)\b")


def hedges(text: str, terms: list[Match]) -> list[Hedge]:
    """Hedging words outside the scale; words that are part of a term found do not count."""
    found = []
    covered = 0  # "could possibly fall" is one hedge, not two
    for m in _HEDGE.finditer(text):
        if m.start() < covered:
            continue
        if any(t.start <= m.start() < t.end or m.start() <= t.start < m.end() for t in terms):
            continue
        word = m.group(0)
        # "May" with a capital inside a sentence, or before a number, is the month.
        after = text[m.end() :]
        if word.lower() == "may" and (
            (word == "May" and m.start() > 0) or re.match(r"\s*\d", after)
        ):
            continue
        stop = _HEDGE_END.search(after)
        tail = after[: stop.start()] if stop else after
        covered = m.end() + len(tail)
        qualifies = " ".join([word, *tail.split()[:6]])
        # Only a hedged part joined on by "and"/"or" can leave the statement cleanly.
        lead = _COORDINATED.search(text[: m.start()])
        cut = (lead.start(), m.end() + len(tail.rstrip())) if lead else None
        found.append(Hedge(word, qualifies, cut))
    return found


_NEGATION = re.compile(r"(?:\bnot|n't|\bnever|\bno\s+longer)\s+(?:\w+\s+)?$", re.IGNORECASE)


def negated(text: str, term: Match) -> bool:
    return bool(_NEGATION.search(text[max(0, term.start - 24) : term.start]))


_CONDITION = re.compile(
    r"\b(?:until|unless|provided\s+that|as\s+long\s+as|so\s+long\s+as|only\s+if|if)\b[^,;.]*",
    re.IGNORECASE,
)


def conditions(text: str) -> list[str]:
    return [" ".join(m.group(0).split()) for m in _CONDITION.finditer(text)]


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_DATE_FORMS = [
    re.compile(
        r"\b(?:(?:by|before|until|till|in|during|after|from|within|through|around|"
        r"ahead\s+of|no\s+later\s+than|not\s+before)\s+)?"
        r"(?:(?:the\s+)?(?:end|start|beginning|middle|first\s+half|second\s+half|close)\s+of\s+)?"
        r"(?:(?:early|late|mid)[\s-]*)?"
        rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?"
        r"(?:[QH][1-4]\s+)?(?:19|20)\d{2}\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:within|in|over|during)\s+the\s+(?:next|coming)\s+(?:\w+\s+)?"
        r"(?:days|weeks|months|years)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bwithin\s+(?:a|an|one|two|three|four|five|six|nine|twelve|eighteen|\d+)\s+"
        r"(?:days?|weeks?|months?|years?)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:by|before|until)\s+the\s+end\s+of\s+(?:the\s+|this\s+|next\s+)?"
        r"(?:year|month|quarter|decade)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:this|next)\s+(?:year|month|quarter|spring|summer|autumn|winter)\b", re.IGNORECASE
    ),
    re.compile(
        r"\b(?i:before|after|until|ahead\s+of|by)\s+(?i:the\s+)?(?i:next\s+|upcoming\s+)?"
        r"(?:[A-Z][\w-]*\s+)?(?:presidential\s+|parliamentary\s+|general\s+|legislative\s+)?"
        r"(?:elections?|summit|vote|referendum|deadline|inauguration)\b",
    ),
]


def date_phrases(text: str) -> list[str]:
    """Phrases that put the event at a date or time ("by 2027", "before the election")."""
    spans: list[tuple[int, int]] = []
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            if not any(m.start() < b and a < m.end() for a, b in spans):
                spans.append((m.start(), m.end()))
    return [" ".join(text[a:b].split()) for a, b in sorted(spans)]


HORIZON_WORDS = {  # the word of a heading or phrase -> the horizon it names
    "short": "short",
    "near": "short",
    "medium": "medium",
    "mid": "medium",
    "long": "long",
}
_IN_THE_TERM = re.compile(
    r"\b(?:in|over|during|for)\s+the\s+(short|near|medium|mid|long)\s*-?\s*term\b", re.IGNORECASE
)


def horizon_words(text: str) -> list[tuple[str, str]]:
    """("in the medium term", "medium") for each such phrase in the sentence."""
    flat = plain_dashes(text)
    return [
        (" ".join(m.group(0).split()), HORIZON_WORDS[m.group(1).lower()])
        for m in _IN_THE_TERM.finditer(flat)
    ]


CONFIDENCE = re.compile(
    r"\s*[(,]?\s*(?:with\s+)?\b(high|moderate|medium|low)\s+confidence\b\s*\)?", re.IGNORECASE
)


def confidences(text: str) -> list[str]:
    return [
        "moderate" if m.group(1).lower() == "medium" else m.group(1).lower()
        for m in CONFIDENCE.finditer(text)
    ]
