"""Closed navigation sections rendered once: pages come out exactly as Material renders them, only sooner."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import coachfolio.integration.navigation_cache as navigation_cache
import pytest
from conftest import REPO, build_site, write_site

RUBRIC = """\
title: Advisor skills
levels: [{label: Strong, points: 2}, {label: Growing, points: 1}]
criteria:
  - title: Trust
    standards: [iste-coaches-2019:1.a]
    look_fors: [Greets each student]
    descriptors: {Strong: Always., Growing: Sometimes.}
"""

BIB = "@book{foltos2013, author = {Foltos, L.}, title = {Peer Coaching}, publisher = {Corwin}, year = {2013}}\n"


def post(day: int) -> str:
    return f"---\ndate: 2024-03-{day:02d}\ncategories: [Coaching]\nstandards: [1.a]\n---\n\n# Post {day}\n\nTrust first [@foltos2013].\n"


SITE = """\
site_name: Test
site_url: https://example.org/
docs_dir: docs
use_directory_urls: {directory_urls}
theme: {{name: material, font: false, features: [{features}]}}
plugins:
  - blog: {{blog_dir: {blog_dir}}}
  - coachfolio/rubrics
  - coachfolio/standards:
      frameworks: [iste-coaches-2019]
  - coachfolio/citations:
      bibliography: [refs.bib]
  - coachfolio/portfolio
{nav}"""

# An explicit navigation, with a link to another site among its top-level entries.
NAV = """\
nav:
  - Home: index.md
  - About: [about/index.md, about/teaching.md]
  - Blog: blog/index.md
  - Rubrics: rubrics/index.md
  - Standards: standards/index.md
  - References: references.md
  - Elsewhere: https://example.com/coaching/
"""


def pages(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave Material's template as it is, as for a site that overrides it."""
    monkeypatch.setattr(navigation_cache, "_CALL", "a call that is not in the template")


def served(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the entries the cache renders and those it hands out again."""
    counts: Counter[str] = Counter()
    call = navigation_cache.NavigationCache.__call__

    def counting(self, render, nav_item, path, page):  # type: ignore[no-untyped-def]
        key = self._key(nav_item, page)
        counts["rendered" if key is None or key not in self._html else "reused"] += 1
        return call(self, render, nav_item, path, page)

    monkeypatch.setattr(navigation_cache.NavigationCache, "__call__", counting)
    return counts


@pytest.mark.parametrize(
    ("blog_dir", "directory_urls", "features", "nav"),
    [
        ("blog", "true", "", ""),
        ("blog", "false", "navigation.sections, navigation.expand, navigation.indexes", ""),
        ("blog", "true", "navigation.tabs, navigation.prune", ""),
        ("blog", "true", "navigation.indexes", NAV),
        # A blog at the top of the site: its posts are in no section's folder.
        (".", "true", "navigation.indexes", ""),
    ],
)
def test_every_page_is_byte_for_byte_what_material_renders_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blog_dir: str, directory_urls: str, features: str, nav: str
) -> None:
    blog = "docs/" if blog_dir == "." else "docs/blog/"
    files = {
        "refs.bib": BIB,
        "docs/index.md": "# Home\n",
        "docs/about/index.md": "# About\n",
        "docs/about/teaching.md": "# Teaching\n",
        f"{blog}index.md": "# Blog\n",
        "docs/rubrics/advisor.yml": RUBRIC,
        **{f"{blog}posts/post-{day}.md": post(day) for day in (1, 2, 3)},
    }
    config = write_site(tmp_path, SITE.format(blog_dir=blog_dir, directory_urls=directory_urls, features=features, nav=nav), files)
    counts = served(monkeypatch)
    cached = pages(build_site(config, tmp_path / "cached"))
    assert counts["reused"] > 0  # closed sections were handed out again, not rendered for each page
    uncached(monkeypatch)
    counts.clear()
    alone = pages(build_site(config, tmp_path / "alone"))
    assert counts == Counter()
    assert list(cached) == list(alone)
    assert [name for name in cached if cached[name] != alone[name]] == []


def test_the_demo_portfolio_is_byte_for_byte_what_material_renders_alone(
    demo_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached(monkeypatch)
    alone = pages(build_site(REPO / "mkdocs.yml", tmp_path / "alone"))
    cached = pages(demo_site)
    assert list(cached) == list(alone)
    assert [name for name in cached if cached[name] != alone[name]] == []


def test_a_site_that_overrides_the_navigation_template_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    material = navigation_cache.package_folder("material")
    assert material is not None
    own = (material / "templates" / navigation_cache.TEMPLATE).read_text(encoding="utf-8").replace(
        '<ul class="md-nav__list" data-md-scrollfix>', '<ul class="md-nav__list my-own-nav" data-md-scrollfix>', 1
    )
    files = {"refs.bib": BIB, "docs/index.md": "# Home\n", "docs/rubrics/advisor.yml": RUBRIC, "overrides/partials/nav.html": own}
    config = write_site(
        tmp_path, SITE.format(blog_dir="blog", directory_urls="true", features="", nav="").replace("font: false,", "font: false, custom_dir: overrides,"), files
    )
    counts = served(monkeypatch)
    site = build_site(config, tmp_path / "site")
    assert counts == Counter()
    assert 'class="md-nav__list my-own-nav"' in (site / "rubrics/advisor/index.html").read_text(encoding="utf-8")
