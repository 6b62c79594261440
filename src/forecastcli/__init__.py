"""forecastcli: hold analysis briefs to account."""

__version__ = "0.1.0"
