"""Options of the `coachfolio/rubrics` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class RubricsConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from mkdocs.yml."""

    rubrics_dir = c.Type(str, default="rubrics")
    """Folder of the rubric files, inside `docs_dir`; their pages are published under it."""

    self_assessment = c.Type(bool, default=True)
    """Offer the in-browser self-assessment on every rubric page."""
