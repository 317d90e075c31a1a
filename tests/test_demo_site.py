"""The demo portfolio: the two seed reflections as a Material blog with feeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO, build_site, heading_text, soup

GIFT = "blog/2019/12/16/the-gift-of-peer-coaching/index.html"
COMMUNICATION = "blog/2019/11/18/communication-and-collaboration/index.html"
GIFT_TITLE = "The Gift of Peer Coaching"
COMMUNICATION_TITLE = "Communication & Collaboration- When ‘REAL’ conversations show results."
GIFT_EXCERPT = "Everyone should have the opportunity to collaborate with co-workers in meaningful ways."
COMMUNICATION_EXCERPT = "My colleague,\xa0Rachel and I just met to discuss her goals for our coaching session."


def text_of(path: Path) -> str:
    return soup(path).get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("page", "title", "paragraph"),
    [
        (GIFT, GIFT_TITLE, "Bridget and I were able to practice our lesson design and coaching skills"),
        (COMMUNICATION, COMMUNICATION_TITLE, "Rachel and I are okay with difficult conversations."),
    ],
)
def test_each_reflection_has_its_url_title_and_paragraphs(demo_site: Path, page: str, title: str, paragraph: str) -> None:
    html = soup(demo_site / page)
    assert heading_text(html.find("h1")) == title
    paragraphs = [p.get_text() for p in html.select("article p")]
    assert any(paragraph in p for p in paragraphs)


def test_reflections_keep_quotations_references_and_photo_credits(demo_site: Path) -> None:
    communication = soup(demo_site / COMMUNICATION)
    quote = communication.select_one("article blockquote").get_text().strip()
    assert quote.startswith("“successful Peer Coaches don’t push for one big, dramatic change")
    assert communication.find(id="references") is not None
    figures = [
        (f.select_one("[role=img]")["aria-label"], f.figcaption.get_text(" ", strip=True)) for f in communication.select("figure.cf-figure")
    ]
    assert figures == [
        ("two women having", "Photo by The Coach Space on Pexels"),
        ("photo of two women sitting while laughing", "Photo by The Coach Space on Pexels"),
    ]
    gift = text_of(demo_site / GIFT)
    assert "Photo by Christina Morillo on Pexels" in gift
    # The hand-typed reference list became citation keys; the list is generated in APA.
    entry = soup(demo_site / GIFT).select_one("#ref-foltos2013").get_text()
    assert " ".join(entry.split()) == "Foltos, L. (2013). Peer coaching: Unlocking the power of collaboration. Corwin."
    assert "Comments are closed" not in gift
    assert "Comments are closed" not in text_of(demo_site / COMMUNICATION)


def test_blog_index_shows_both_excerpts_newest_first(demo_site: Path) -> None:
    index = soup(demo_site / "blog/index.html")
    excerpts = [a.get_text(" ", strip=True) for a in index.select("article.md-post--excerpt")]
    assert len(excerpts) == 2
    assert GIFT_EXCERPT in excerpts[0]
    assert COMMUNICATION_EXCERPT in excerpts[1]
    # Only the excerpt, not the whole reflection.
    assert "Bridget" not in excerpts[0]


@pytest.mark.parametrize(
    "page",
    [
        "blog/category/peer-coaching/index.html",
        "blog/category/edtc-6105-community-engagement-project/index.html",
        "blog/archive/2019/index.html",
        "blog/author/coach/index.html",
    ],
)
def test_category_archive_and_author_pages_list_both_posts(demo_site: Path, page: str) -> None:
    listed = [h.get_text(strip=True) for h in soup(demo_site / page).select("article.md-post--excerpt h2")]
    assert listed == [GIFT_TITLE, COMMUNICATION_TITLE]


def test_tags_index_lists_every_tag(demo_site: Path) -> None:
    tags = soup(demo_site / "tags/index.html")
    headings = {heading_text(h) for h in tags.select("article h2")}
    assert {"trust", "collaboration", "rubrics", "communication"} <= headings


def test_rss_and_json_feeds_list_both_posts(demo_site: Path) -> None:
    channel = ET.parse(demo_site / "feed_rss_created.xml").getroot().find("channel")
    rss_items = {item.findtext("title"): item.findtext("link") for item in channel.iter("item")}
    assert rss_items == {
        GIFT_TITLE: "https://coachfolio.example/blog/2019/12/16/the-gift-of-peer-coaching/",
        COMMUNICATION_TITLE: "https://coachfolio.example/blog/2019/11/18/communication-and-collaboration/",
    }
    feed = json.loads((demo_site / "feed_json_created.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in feed["items"]] == [GIFT_TITLE, COMMUNICATION_TITLE]
    assert feed["items"][0]["date_published"].startswith("2019-12-16")


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_links_both_feeds_in_its_head(demo_site: Path) -> None:
    for page in all_pages(demo_site):
        head = soup(page).head
        types = sorted(link["type"] for link in head.select('link[rel="alternate"]'))
        assert types == ["application/feed+json"] * 2 + ["application/rss+xml"] * 2, page


# Link relations that make a browser fetch something.
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest"}


def test_no_page_loads_anything_from_another_host(demo_site: Path) -> None:
    for page in all_pages(demo_site):
        html = soup(page)
        sources = [tag.get("src") for tag in html.find_all(["script", "img", "iframe", "audio", "video", "source"])]
        sources += [
            link.get("href") for link in html.find_all("link") if LOADING_RELS & set(link.get("rel", []))
        ]
        remote = [s for s in sources if s and (urlsplit(s).netloc or s.startswith("//"))]
        assert remote == [], page
    for stylesheet in demo_site.rglob("*.css"):
        assert "url(http" not in stylesheet.read_text(encoding="utf-8").replace("url(\"http", "url(http"), stylesheet


def test_every_link_from_page_to_page_leads_to_a_file(demo_site: Path) -> None:
    """Links within the site, however they were made (Markdown, templates, data files), lead somewhere."""
    broken = []
    for page in all_pages(demo_site):
        html = soup(page)
        addresses = [tag.get("href") for tag in html.find_all(["a", "link"])] + [tag.get("src") for tag in html.find_all(["img", "script"])]
        for address in addresses:
            parts = urlsplit(address or "")
            if not parts.path or parts.scheme or parts.netloc or parts.path.startswith("/"):
                continue  # another site, a place on the same page, or no address
            target = (page.parent / unquote(parts.path)).resolve()
            if not (target / "index.html" if target.is_dir() else target).is_file():
                broken.append(f"{page.relative_to(demo_site)}: {address}")
    assert broken == []
    rubric = soup(demo_site / "rubrics/first-year-advisor-skills/index.html").select_one(".cf-rubric-description a")
    assert (rubric.get_text(), rubric["href"]) == ("peer coaching", "../../blog/2019/12/16/the-gift-of-peer-coaching/")


def test_two_builds_of_the_same_sources_give_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Feeds and the sitemap stamp the build time; SOURCE_DATE_EPOCH pins it,
    # as reproducible builds do everywhere.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build_site(REPO / "mkdocs.yml", tmp_path / "first")
    second = build_site(REPO / "mkdocs.yml", tmp_path / "second")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_the_bibliography_inside_the_content_folder_is_not_published(demo_site: Path) -> None:
    # content/references.bib is data for the citations, not a download.
    assert not list(demo_site.rglob("*.bib"))
