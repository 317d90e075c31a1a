"""Put generated pages into a site's navigation.

With an automatic nav, MkDocs lists generated pages by itself. With an explicit
`nav:` in mkdocs.yml, a user lists only the section's index page
(`- Rubrics: rubrics/index.md`) and the generated pages are added under it.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import (
    Navigation,
    Section,
    _add_parent_links,
    _add_previous_and_next_links,
    _get_by_type,
)
from mkdocs.structure.pages import Page


def _find(items: Sequence[StructureItem], page: Page) -> tuple[list[StructureItem], int] | None:
    """The list holding `page` and its index there, searched depth first."""
    for index, item in enumerate(items):
        if item is page:
            return items, index  # type: ignore[return-value]
        if isinstance(item, Section):
            found = _find(item.children, page)
            if found:
                return found
    return None


def add_under_index(nav: Navigation, index: Page | None, pages: list[Page]) -> None:
    """Place `pages` after `index` in its section (making one if `index` stands alone)."""
    if index is None or not pages or any(page in nav.pages for page in pages):
        return  # no index to hang them on, or the user placed them by hand
    found = _find(nav.items, index)
    if found is None:
        return
    siblings, position = found
    if siblings is nav.items:
        # A top-level page becomes the index of a new section of the same name.
        siblings[position] = Section(index.title or "", [index, *pages])
    else:
        siblings[position + 1 : position + 1] = pages
    # Keep MkDocs's own bookkeeping right: the page order, previous/next links and parents.
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)
    _add_parent_links(nav.items)
