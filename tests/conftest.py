"""Every test runs in its own folder, with plain output, a fixed width and a fixed day."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TODAY


@pytest.fixture(autouse=True)
def isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("FORECAST_BRIEFS", raising=False)
    # The parse cache goes to the test's own folder, never to the user's cache.
    monkeypatch.setenv("FORECAST_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("forecastcli.clock.today", lambda: TODAY)
    (tmp_path / "briefs").mkdir()
    return tmp_path
