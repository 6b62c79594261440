"""Write N synthetic briefs to the SPEC's format, as an institute's archive would hold them.

    python benchmarks/generate.py 10000 benchmarks/out/briefs-10000 --seed 1

Each brief has six forecasts, a mix of horizons (and some explicit closing dates) and of
terms, with quotes, criteria and confidences as analysts write them. Publication days
spread over the ten years before --today. Resolutions are those of a team that keeps up:
each outcome is recorded within a month of becoming known (the day the event happened, or
the window's close), one in two hundred is forgotten, and a few carry a correction. So
nearly every forecast whose window closed more than a month before --today is resolved.
The same N, seed and day always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import unicodedata
from pathlib import Path

from dateutil.relativedelta import relativedelta

TODAY = dt.date(2026, 11, 27)
YEARS = 10

HORIZONS = {"short": (0, 3), "medium": (3, 12), "long": (12, 24)}
HORIZON_WEIGHTS = (0.4, 0.4, 0.2)

# (term as written, band low, band high) for the scales the archive uses.
TERMS = {
    "bisi": [
        ("remote chance", 0, 5),
        ("highly unlikely", 10, 20),
        ("unlikely", 25, 35),
        ("realistic possibility", 40, 50),
        ("likely", 55, 75),
        ("probably", 55, 75),
        ("highly likely", 80, 90),
        ("almost certainly", 95, 100),
    ],
    "icd203": [
        ("very unlikely", 5, 20),
        ("unlikely", 20, 45),
        ("roughly even chance", 45, 55),
        ("likely", 55, 80),
        ("very likely", 80, 95),
        ("almost certain", 95, 99),
    ],
}
TERM_WEIGHTS = {
    "bisi": (0.03, 0.08, 0.2, 0.15, 0.25, 0.07, 0.14, 0.08),
    "icd203": (0.1, 0.25, 0.1, 0.3, 0.15, 0.1),
}

PLACES = (
    "Kazakhstan", "Azerbaijan", "Armenia", "Georgia", "Uzbekistan", "Kyrgyzstan", "Mongolia",
    "Iran", "Iraq", "Jordan", "Egypt", "Libya", "Tunisia", "Morocco", "Algeria", "Sudan",
    "Ethiopia", "Kenya", "Somalia", "Nigeria", "Ghana", "Senegal", "Mali", "Niger", "Chad",
    "Serbia", "Kosovo", "Moldova", "Ukraine", "Belarus", "Poland", "Hungary", "Romania",
    "Bulgaria", "Greece", "Türkiye", "Cyprus", "Lebanon", "Syria", "Israel", "Qatar", "Oman",
    "Yemen", "Pakistan", "India", "Bangladesh", "Myanmar", "Thailand", "Vietnam", "Indonesia",
    "Malaysia", "Philippines", "Taiwan", "Japan", "Brazil", "Argentina", "Chile", "Peru",
    "Colombia", "Venezuela", "Mexico", "Cuba", "Haiti", "Jamaica", "Guyana",
)  # fmt: skip
ACTORS = (
    "the European Union",
    "the United States",
    "China",
    "Russia",
    "the African Union",
    "NATO",
    "the Gulf Cooperation Council",
    "ASEAN",
    "the IMF",
    "the World Bank",
)
EVENTS = (
    ("signs a trade agreement with {actor}", "trade"),
    ("holds early parliamentary elections", "elections"),
    ("joins a regional security framework led by {actor}", "security"),
    ("receives a new loan programme from {actor}", "finance"),
    ("expels diplomats of {actor}", "diplomacy"),
    ("announces a ceasefire with armed groups in its border regions", "conflict"),
    ("raises its central bank policy rate", "economy"),
    ("opens a new pipeline or transport corridor with its neighbours", "energy"),
    ("faces nationwide protests over fuel prices", "protests"),
    ("hosts a summit with {actor}", "diplomacy"),
    ("imposes export controls on critical minerals", "trade"),
    ("sees its government fall in a confidence vote", "politics"),
)
TOPICS = (
    "Elections and Reform",
    "Energy Corridors",
    "Debt and Diplomacy",
    "A New Security Bargain",
    "Trade Under Pressure",
    "The Politics of Protest",
    "Minerals and Markets",
    "Between Blocs",
)
AUTHORS = (
    "Amira Haddad",
    "Tomasz Wiśniewski",
    "Nadia Okafor",
    "Lena Brandt",
    "Ravi Menon",
    "Sofia Lindqvist",
    "Kwame Asante",
    "Mei Tanaka",
    "Daniel Ortega Ruiz",
    "Yerlan Abenov",
)
CONFIDENCE = (None, None, "high", "moderate", "moderate", "low")


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in out.split("-") if part)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (the text holds no control characters)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stamp(day: dt.date, rng: random.Random) -> str:
    hour, minute, second = rng.randrange(7, 19), rng.randrange(60), rng.randrange(60)
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}Z"


def brief_text(
    index: int, published: dt.date, today: dt.date, rng: random.Random
) -> tuple[str, str]:
    """The brief's id and its file text."""
    place, other = rng.sample(PLACES, 2)
    topic = rng.choice(TOPICS)
    title = f"{place}: {topic}"
    brief_id = f"{published.isoformat()}-{slugify(title)}-{index:05d}"
    scale = "icd203" if rng.random() < 0.15 else "bisi"
    authors = rng.sample(AUTHORS, 2 if rng.random() < 0.2 else 1)
    events = rng.sample(EVENTS, 6)
    tags = sorted({slugify(place), slugify(other), *(tag for _, tag in events[:2])})
    lines = [
        f"# Transcribed from the brief's Forecast section ({published:%d %B %Y}).",
        f"title: {quoted(title)}",
        f"author: {authors[0]}" if len(authors) == 1 else f"author: [{', '.join(authors)}]",
        f"published: {published.isoformat()}",
        f"url: https://example.org/briefs/{brief_id}",
    ]
    if scale != "bisi" or rng.random() < 0.5:
        lines.append(f"scale: {scale}")
    lines += [f"tags: [{', '.join(tags)}]", "forecasts:"]
    windows = []
    for n, (event, _tag) in enumerate(events):
        subject = place if n % 3 else other
        actor = rng.choice(ACTORS)
        statement = f"{subject} {event.format(actor=actor)}."
        term, low, high = rng.choices(TERMS[scale], TERM_WEIGHTS[scale])[0]
        fid = slugify(f"{subject} {event.split(' {')[0]}")[:48].rstrip("-") + f"-{n + 1}"
        lines.append(f"  - id: {fid}")
        if rng.random() < 0.1:
            closes = published + dt.timedelta(days=rng.randrange(30, 540))
            opens = published
            lines.append(f"    closes: {closes.isoformat()}")
        else:
            horizon = rng.choices(list(HORIZONS), HORIZON_WEIGHTS)[0]
            start, end = HORIZONS[horizon]
            opens = published + relativedelta(months=start)
            closes = published + relativedelta(months=end)
            lines.append(f"    horizon: {horizon}")
        lines.append(f"    term: {term}")
        p = None
        if rng.random() < 0.1:
            p = round(rng.uniform(low, high)) / 100
            lines.append(f"    p: {p}")
        confidence = rng.choice(CONFIDENCE)
        if confidence:
            lines.append(f"    confidence: {confidence}")
        lines.append(f"    statement: {quoted(statement)}")
        if rng.random() < 0.3:
            criteria = "Counts as yes only if reported by two independent sources."
            lines.append(f"    criteria: {quoted(criteria)}")
        verb = event.format(actor=actor).replace("s ", " ", 1)
        if term.endswith("ly") and term not in ("likely", "unlikely", "highly likely"):
            quote = f"{subject} will {term} {verb}"
        else:
            quote = f"It is {term} that {subject} will {verb}"
        quote += ", as pressures on its leadership grow over the coming months."
        lines.append(f"    quote: {quoted(quote)}")
        chance = p if p is not None else (low + high) / 200
        windows.append((fid, opens, closes, chance))
    resolutions = []
    for fid, opens, closes, chance in windows:
        # The outcome is known on the day the event happens, or when the window closes
        # without it; the team records it within a month, and forgets one in two hundred.
        if rng.random() < 0.005:
            continue
        if rng.random() < chance:
            outcome = "yes"
            day = opens + dt.timedelta(days=rng.randrange((closes - opens).days + 1))
        else:
            outcome = "no"
            day = closes
        if rng.random() < 0.03:
            outcome = rng.choice(("ambiguous", "void"))
        recorded = day + dt.timedelta(days=rng.randrange(0, 31))
        if recorded > today:
            continue
        resolutions.append((recorded, fid, outcome, day))
        if rng.random() < 0.02:
            # A correction recorded later: the last entry is the outcome.
            later = recorded + dt.timedelta(days=rng.randrange(1, 60))
            if later <= today:
                fixed = "void" if outcome != "void" else "ambiguous"
                resolutions.append((later, fid, fixed, day))
    if resolutions:
        lines.append("resolutions:")
        for recorded, fid, outcome, day in sorted(resolutions):
            lines += [
                f"  - forecast: {fid}",
                f"    outcome: {outcome}",
                f"    date: {day.isoformat()}",
                f"    recorded: {stamp(recorded, rng)}",
                f"    by: {rng.choice(AUTHORS)}",
                f"    note: {quoted(f'Checked against the news record of {day:%B %Y}.')}",
                f"    sources: [https://example.org/news/{rng.randrange(10**6)}]",
            ]
    return brief_id, "\n".join(lines) + "\n"


def generate(n: int, folder: Path, seed: int = 1, today: dt.date = TODAY) -> list[Path]:
    rng = random.Random(seed)
    first = today - relativedelta(years=YEARS)
    span = (today - first).days
    days = sorted(first + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(n))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, published in enumerate(days):
        brief_id, text = brief_text(index, published, today, rng)
        path = folder / f"{brief_id}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many briefs")
    parser.add_argument("folder", type=Path, help="where to write them (created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=TODAY)
    args = parser.parse_args()
    if any(args.folder.glob("*.yaml")):
        parser.error(f"{args.folder} already holds briefs; give an empty or new folder")
    written = generate(args.n, args.folder, args.seed, args.today)
    print(f"wrote {len(written)} briefs to {args.folder}")


if __name__ == "__main__":
    main()
