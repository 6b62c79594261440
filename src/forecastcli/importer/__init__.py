"""Draft a brief file from a brief's text: title, byline, and the bullets of its Forecast section.

The draft is checked like any brief before it is written, and every doubt the reading
leaves is kept as a mark: a `# REVIEW:` comment in the file and a line of the summary.

Text in, text out: reading the input and writing the file are the `import` command's.
  text.py       the lines as read, the kinds of line, the title, byline and date
  section.py    the Forecast section: horizon headings and the bullets under them
  bullets.py    from a bullet to forecasts (term, p, horizon) and their marks
  reading.py    read_draft: the whole text to a Draft, or a refusal naming what is missing
  draft.py      Draft, DraftForecast, Heading: what the reading makes
  brieffile.py  the draft as a brief file's text, checked before it is written
"""

from forecastcli.importer.brieffile import brief_yaml, checked_yaml
from forecastcli.importer.draft import Draft, DraftForecast, Heading
from forecastcli.importer.reading import read_draft
from forecastcli.importer.text import normalise

__all__ = [
    "Draft",
    "DraftForecast",
    "Heading",
    "brief_yaml",
    "checked_yaml",
    "normalise",
    "read_draft",
]
