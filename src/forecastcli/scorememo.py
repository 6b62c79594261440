"""The leave-one-brief-out score, kept between runs beside the parse cache.

Scoring each brief with the fit of all the others costs a fit per kind of brief: on an
archive of tens of thousands of briefs, more than everything else `calibration` does. It
depends only on the forecasts counted, so an archive served whole from an unchanged index
(`Reader.generation` names that very cache file) and asked the same question again (the
same as-of day, the same windows) has the same answer. It is kept in a small JSON file
beside the cache file: numbers and words, never code. A file that is missing, damaged,
altered or of another generation is ignored and written anew; one that cannot be written
is skipped. What `calibration` and `report` print is the same with it and without it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

MOST = 64  # answers kept: the latest questions asked of one generation of the cache

Value = tuple[float | None, str | None]


class ScoreMemo:
    """The answers kept for one generation of one cache file; `Entry` reads and adds one."""

    def __init__(self, path: Path, generation: str) -> None:
        self.path = path
        self.generation = generation
        self._kept: dict[str, list[object]] | None = None

    def _read(self) -> dict[str, list[object]]:
        if self._kept is None:
            import json

            self._kept = {}
            try:
                data = json.loads(self.path.read_bytes())
            except (OSError, ValueError):
                return self._kept
            if isinstance(data, dict) and data.get("generation") == self.generation:
                answers = data.get("answers")
                if isinstance(answers, dict):
                    self._kept = {k: v for k, v in answers.items() if _valid(v)}
        return self._kept

    def get(self, question: str) -> Value | None:
        found = self._read().get(question)
        if found is None:
            return None
        score, why = found
        return (
            None if score is None else float(score),  # type: ignore[arg-type]
            why if isinstance(why, str) else None,
        )

    def put(self, question: str, value: Value) -> None:
        kept = self._read()
        kept.pop(question, None)
        kept[question] = list(value)
        while len(kept) > MOST:
            del kept[next(iter(kept))]
        import json

        text = json.dumps({"generation": self.generation, "answers": kept})
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            temp.write_text(text, encoding="utf-8")
            temp.replace(self.path)
        except OSError:  # a read-only or full cache folder: the answer stands all the same
            with contextlib.suppress(OSError):
                temp.unlink()

    def entry(self, question: str) -> Entry:
        return Entry(self, question)


class Entry:
    """One question's answer (`scoring.LeaveOneOutMemo`)."""

    def __init__(self, memo: ScoreMemo, question: str) -> None:
        self.memo = memo
        self.question = question

    def get(self) -> Value | None:
        return self.memo.get(self.question)

    def put(self, value: Value) -> None:
        self.memo.put(self.question, value)


def _valid(value: object) -> bool:
    if not (isinstance(value, list) and len(value) == 2):
        return False
    score, why = value
    number = isinstance(score, (int, float)) and not isinstance(score, bool)
    if number and not 0 <= score <= 1:  # a mean squared error
        return False
    return (score is None or number) and (why is None or isinstance(why, str))
