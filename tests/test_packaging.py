"""What pip records about the installed package matches the package itself."""

from __future__ import annotations

from importlib.metadata import version

import forecastcli


def test_the_version_is_written_once() -> None:
    # pyproject.toml takes its version from forecastcli.__version__; an editable install
    # records it when installed, so after changing it, install again.
    assert version("forecastcli") == forecastcli.__version__
