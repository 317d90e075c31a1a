"""Placeholders shown away from the page they were made on.

A post's opening is also shown, as an excerpt, on the blog's index and archive
pages, and other plugins copy pages into feeds and search indexes. A plugin
that leaves placeholders takes these hooks and says, in `render_elsewhere`,
what a value looks like on another page.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from coachfolio.integration.anchors import note_anchors
from coachfolio.integration.copies import rewrite_copies
from coachfolio.integration.placeholders import Placeholders


class FillsExcerpts:
    """MkDocs hooks for a plugin's tokens wherever a page's excerpt went (mixed in before `BasePlugin`)."""

    config: Any  # the plugin's options; `enabled` is read
    placeholders: Placeholders

    def render_elsewhere(self, value: object, page: Page, origin: str) -> str:
        """The HTML for `value`, made on the page whose source is `origin`, shown on `page`."""
        raise NotImplementedError

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        return self.placeholders.fill_any(output, lambda value, origin: note_anchors(page, self.render_elsewhere(value, page, origin)))

    @event_priority(-100)  # after the search and feed plugins have written their files
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.enabled:  # they may have copied a page before its tokens were filled: those belong on the page
            rewrite_copies(config.site_dir, self.placeholders.marker, lambda text, _is_json: self.placeholders.remove(text))
        # MkDocs calls only the first `on_post_build` of the class's bases: it hands on to the next mixin's (`ChecksDataLinks`).
        if (after := getattr(super(), "on_post_build", None)) is not None:
            after(config)
