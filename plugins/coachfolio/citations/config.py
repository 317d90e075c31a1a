"""Options of the `coachfolio/citations` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CitationsConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from mkdocs.yml."""

    bibliography = c.Type((str, list), default=[])
    """One or more .bib, CSL-JSON (.json) or CSL-YAML (.yaml) files, relative to mkdocs.yml."""

    style = c.Type(str, default="apa")
    """A CSL style: a name from the citation style repository (`apa` is APA 7th) or a path to a .csl file."""

    nocite = c.ListOfItems(c.Type(str), default=[])
    """Keys to list in the site bibliography even if never cited; `"*"` lists every entry."""

    references_page = c.Type(str, default="references.md")
    """The site bibliography page, generated unless it exists (it may hold `::bibliography`)."""

    references_title = c.Type(str, default="References")
    """Heading of the reference list at the end of each page that cites."""

    cite_this = c.Type(bool, default=True)
    """Add "Cite this reflection" (APA and BibTeX) and citation_* meta tags to blog posts."""

    cite_this_title = c.Type(str, default="Cite this reflection")
    """Heading of the "Cite this" box at the end of each blog post."""
