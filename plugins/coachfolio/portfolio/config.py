"""Options of the `coachfolio/portfolio` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PortfolioConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from mkdocs.yml."""

    series_file = c.Type(str, default="blog/.series.yml")
    """The file describing the series, inside `docs_dir` (a dot-file, so MkDocs does not publish it)."""

    series_dir = c.Type(str, default="series")
    """Where the series pages are published: `/series/` and `/series/<id>/`."""

    latest_count = c.Type(int, default=5)
    """How many posts `::latest-reflections` lists unless it says `{count=…}`."""
