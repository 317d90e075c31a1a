"""Options of the `coachfolio/standards` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class StandardsConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from mkdocs.yml."""

    frameworks = c.ListOfItems(c.Type(str), default=["iste-coaches-2019"])
    """Bundled framework ids (`iste-coaches-2019`) or paths to framework files, relative to mkdocs.yml."""

    default = c.Optional(c.Type(str))
    """The framework a bare code such as `1.a` belongs to; the first framework when not set."""

    standards_dir = c.Type(str, default="standards")
    """Where the standards pages are published: `/standards/`, `/standards/<framework>/`, `/standards/matrix/`."""

    box_title = c.Type(str, default="Standards addressed")
    """Heading of the box listing a page's indicators."""
