"""Render each closed section of Material's navigation once, not once per page.

Material writes the whole site navigation into every page. A top-level
section that does not hold the page being rendered (the Rubrics section on a
reflection) comes out the same on every page whose links start with the same
number of `../`: its entries are closed and inactive, and their links are
relative to the page's folder. Coachfolio adds such sections (rubrics,
standards, references) to every page of a site, and with a few hundred
reflections rendering them again and again was the largest part of what
Coachfolio added to a build.

Material's `partials/nav.html` renders the top-level entries with
`{{ item.render(nav_item, path, 1) }}`. When it is loaded from Material's own
templates, that call goes through `NavigationCache` instead, which renders
with the same macro and keeps the HTML of entries the page is not in. A site
that overrides `partials/nav.html` in its `custom_dir`, or a Material whose
template reads differently, keeps the template as it is: nothing is cached
and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from coachfolio.core.packages import package_folder

TEMPLATE = "partials/nav.html"
_CALL = "{{ item.render(nav_item, path, 1) }}"
_CACHED_CALL = "{{ coachfolio_nav_item(item.render, nav_item, path, page) }}"
_GLOBAL = "coachfolio_nav_item"


class NavigationCache:
    """Top-level navigation entries rendered once per depth of the page's folder, for the pages they do not hold."""

    def __init__(self) -> None:
        self._html: dict[tuple[int, str], str] = {}
        # By the entry's id, with the entry itself: held here, no other object can come to have its id.
        self._first_segments: dict[int, tuple[StructureItem, frozenset[str]]] = {}
        # The page being rendered, its first folder and its way back to the site's root
        # (`../` once per folder): asked for at each top-level entry, worked out once.
        self._page: Page | None = None
        self._page_place = ("", "")

    def __call__(self, render: Callable[..., str], nav_item: StructureItem, path: str, page: Page | None) -> str:
        key = self._key(nav_item, page)
        if key is None:
            return render(nav_item, path, 1)
        html = self._html.get(key)
        if html is None:
            html = self._html[key] = render(nav_item, path, 1)
        return html

    def _key(self, nav_item: StructureItem, page: Page | None) -> tuple[int, str] | None:
        """What the entry's HTML depends on for `page`, or None when it must be rendered for this page alone."""
        if page is None or nav_item.active or nav_item is page or getattr(nav_item, "pages", None):
            return None  # the page is in this entry (it is open and marks the page), or a blog view's pages are
        if page is not self._page:
            # A link relative to the page is `../` once per folder the page is in (MkDocs's own count).
            self._page, self._page_place = page, (page.url.split("/", 1)[0], normalize_url(".", page))
        segment, to_root = self._page_place
        if segment in self._segments(nav_item):
            return None  # links that share the page's first folder are not just `../` times the depth
        return id(nav_item), to_root

    def _segments(self, nav_item: StructureItem) -> frozenset[str]:
        """The first folders of every link in the entry."""
        known = self._first_segments.get(id(nav_item))
        if known is None:
            known = self._first_segments[id(nav_item)] = (nav_item, frozenset((item.url or "").split("/", 1)[0] for item in _links(nav_item)))
        return known[1]


def _links(item: StructureItem) -> Iterator[Any]:
    if isinstance(item, Section):
        for child in item.children:
            yield from _links(child)
    else:
        yield item


class _CachingLoader(jinja2.BaseLoader):
    """The theme's loader, with Material's own `partials/nav.html` calling the cache."""

    def __init__(self, loader: jinja2.BaseLoader, material: Path) -> None:
        self.loader = loader
        self.material = material

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template == TEMPLATE and filename and Path(filename).resolve().parent.parent == self.material and source.count(_CALL) == 1:
            source = source.replace(_CALL, _CACHED_CALL)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def cache_navigation(env: jinja2.Environment) -> None:
    """Make `env` render closed navigation sections once (each build's environment, once)."""
    if _GLOBAL in env.globals or env.loader is None:
        return
    material = package_folder("material")
    if material is None:
        return
    env.globals[_GLOBAL] = NavigationCache()
    env.loader = _CachingLoader(env.loader, (material / "templates").resolve())
