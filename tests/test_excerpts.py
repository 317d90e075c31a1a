"""A post's opening, shown as an excerpt on the blog's index and archive pages, keeps its embeds."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from conftest import build_site, soup, write_site

SITE = """\
site_name: Test
site_url: https://example.org/
docs_dir: docs
theme: {name: material, font: false}
plugins:
  - search
  - blog
  - rss:
      match_path: blog/posts/.*
      use_git: false
      date_from_meta: {as_creation: date}
      json_feed_enabled: true
  - coachfolio/rubrics
  - coachfolio/standards
  - coachfolio/portfolio
"""

RUBRIC = """\
title: Advising <Trust>
levels:
  - label: High
    points: 2
  - label: Low
    points: 1
criteria:
  - title: Builds trust
    standards: [1.c]
    descriptors:
      High: Greets each student by name
      Low: Rarely
"""

POST = """\
---
date: 2024-02-03
---

# Planning together

::figure[Two colleagues at a table]{src="../../images/planning.png" caption="Planning the rubric." credit="A. Person"}

::rubric[advising]

::standards-coverage

::latest-reflections

<!-- more -->

The rest of the reflection.
"""

PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("excerpts")
    files = {"docs/index.md": "# Home\n", "docs/blog/index.md": "# Blog\n", "docs/rubrics/advising.yml": RUBRIC, "docs/blog/posts/planning.md": POST}
    config = write_site(root, SITE, files)
    (root / "docs/images").mkdir()
    (root / "docs/images/planning.png").write_bytes(base64.b64decode(PIXEL))
    return build_site(config, root / "site")


@pytest.mark.parametrize(
    ("page", "to_root"),
    [("blog/index.html", "../"), ("blog/archive/2024/index.html", "../../../"), ("blog/2024/02/03/planning-together/index.html", "../../../../../")],
)
def test_embeds_in_an_opening_are_filled_wherever_it_is_shown(site: Path, page: str, to_root: str) -> None:
    html = (site / page).read_text(encoding="utf-8")
    assert "COACHFOLIO" not in html
    article = soup(site / page).select_one("article") or soup(site / page)
    # The figure's image is found from the post's folder and linked from the page showing it.
    assert [img["src"] for img in article.select("figure.cf-figure img")] == [f"{to_root}images/planning.png"]
    assert article.select_one("table.cf-rubric-table caption").get_text(" ", strip=True).startswith("Advising <Trust>")
    rubric_links = [a["href"] for a in article.select("a") if a["href"].endswith("rubrics/advising/")]
    assert rubric_links and set(rubric_links) == {f"{to_root}rubrics/advising/"}
    coverage = [a["href"] for a in article.select(".cf-coverage a")]
    assert coverage and all(href.startswith(f"{to_root}standards/") for href in coverage)


def test_feeds_and_the_search_index_keep_the_text_and_drop_the_tokens(site: Path) -> None:
    copies = ["feed_rss_created.xml", "feed_json_created.json", "search/search_index.json"]
    for name in copies:
        text = (site / name).read_text(encoding="utf-8")
        assert "COACHFOLIO" not in text, name
        assert "The rest of the reflection." in text or "Planning together" in text, name


def test_a_list_of_posts_skips_an_opening_that_is_only_a_directive(site: Path) -> None:
    # The post opens with a figure, a rubric and lists: its summary is its first paragraph of prose.
    items = soup(site / "blog/2024/02/03/planning-together/index.html").select(".cf-post-list li")
    assert len(items) == 1
    assert "The rest of the reflection." in items[0].get_text(" ", strip=True)


def test_the_same_rubric_embedded_twice_on_a_page_gets_ids_of_its_own(tmp_path: Path) -> None:
    second = POST.replace("# Planning together", "# Planning again").replace("2024-02-03", "2024-03-04")
    files = {"docs/index.md": "# Home\n", "docs/blog/index.md": "# Blog\n", "docs/rubrics/advising.yml": RUBRIC,
             "docs/blog/posts/one.md": POST, "docs/blog/posts/two.md": second}
    config = write_site(tmp_path, SITE, files)
    (tmp_path / "docs/images").mkdir()
    (tmp_path / "docs/images/planning.png").write_bytes(base64.b64decode(PIXEL))
    site = build_site(config, tmp_path / "site")
    index = soup(site / "blog/index.html")
    regions = index.select(".cf-rubric--embedded [role=region]")
    assert [region["aria-labelledby"] for region in regions] == ["cf-embed-advising", "cf-embed-advising-2"]
    assert [caption["id"] for caption in index.select(".cf-rubric--embedded caption")] == ["cf-embed-advising", "cf-embed-advising-2"]
    # On each post's own page, its one table keeps the plain id.
    post = soup(site / "blog/2024/03/04/planning-again/index.html")
    assert [caption["id"] for caption in post.select(".cf-rubric--embedded caption")] == ["cf-embed-advising"]
