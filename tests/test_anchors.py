"""Links to anchors on the pages Coachfolio writes are checked by MkDocs as links to any other anchor.

MkDocs checks `page.md#anchor` against the ids it found in the page's
Markdown; rubric rows, indicators, reference entries and series cards are put
in later, and a link to them must neither be reported as leading nowhere nor
slip through when the anchor is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, soup, write_site
from mkdocs.exceptions import Abort

SITE = """\
site_name: Test
site_url: https://example.org/
docs_dir: docs
theme: {name: material, font: false}
plugins:
  - blog
  - coachfolio/rubrics
  - coachfolio/standards:
      frameworks: [frameworks/local.yml]
  - coachfolio/citations:
      bibliography: refs.bib
  - coachfolio/portfolio
validation:
  anchors: warn
"""

RUBRIC = """\
title: Advising
levels:
  - {label: High, points: 2}
  - {label: Low, points: 1}
criteria:
  - title: Trust
    descriptors: {High: Always, Low: Sometimes}
"""

FRAMEWORK = """\
id: local
title: Local
standards:
  - code: A
    name: Relationships
    indicators:
      - {code: A.1, label: Trust}
"""

POST = """\
---
date: 2026-01-05
series: course
standards: [A.1]
---

# Trust

As Foltos put it [@foltos2013, p. 99].

::rubric[advising]
"""

# Every anchor here is put on its page by a Coachfolio plugin, after MkDocs has read the page's Markdown.
LINKS = """\
# Links

- [a rubric's row](rubrics/advising.md#criterion-trust) and [its self-assessment](rubrics/advising.md#self-assessment)
- [a rubric on the rubrics page](rubrics/index.md#advising)
- [an indicator](standards/local.md#indicator-a-1) and [its standard](standards/local.md#standard-a)
- [a framework on the standards page](standards/index.md#local)
- [a post's references](blog/posts/trust.md#references) and [one of them](blog/posts/trust.md#ref-foltos2013)
- [a post's "Cite this" box](blog/posts/trust.md#cite-this) and [its standards](blog/posts/trust.md#standards-addressed)
- [an entry of the bibliography](references.md#ref-foltos2013)
- [a series on the series page](series/index.md#series-course)
- [a rubric embedded in a post](blog/posts/trust.md#cf-embed-advising)
"""

FILES = {
    "refs.bib": "@book{foltos2013, author = {Foltos, L.}, title = {Peer Coaching}, publisher = {Corwin}, year = {2013}}\n",
    "frameworks/local.yml": FRAMEWORK,
    "docs/index.md": "# Home\n",
    "docs/links.md": LINKS,
    "docs/rubrics/advising.yml": RUBRIC,
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/.series.yml": "series:\n  course:\n    title: The course\n",
    "docs/blog/posts/trust.md": POST,
}


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]


def test_links_to_anchors_coachfolio_puts_on_pages_pass_a_strict_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site = build_site(write_site(tmp_path, SITE, FILES), tmp_path / "site")
    assert warnings(caplog) == []
    # The anchors are there: each link's target page has an element with its id.
    for link in soup(site / "links/index.html").select("article li a"):
        page, anchor = link["href"].split("#")
        assert soup(site / "links" / page / "index.html").find(id=anchor) is not None, link["href"]


def test_links_to_anchors_no_coachfolio_page_has_are_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = "- [no such row](rubrics/advising.md#criterion-nope)\n- [no such entry](references.md#ref-nobody)\n"
    config = write_site(tmp_path, SITE, dict(FILES, **{"docs/links.md": LINKS + broken}))
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert warnings(caplog) == [
        "Doc file 'links.md' contains a link 'rubrics/advising.md#criterion-nope', "
        "but the doc 'rubrics/advising.md' does not contain an anchor '#criterion-nope'.",
        "Doc file 'links.md' contains a link 'references.md#ref-nobody', "
        "but the doc 'references.md' does not contain an anchor '#ref-nobody'.",
    ]


def test_a_theme_whose_templates_give_the_sections_no_id_keeps_their_addresses(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # Overrides written before the sections had addresses: the links and the table of contents still lead somewhere.
    overrides = {
        "overrides/coachfolio/standards-box.html": "<aside class=mine><h2>{{ title }}</h2></aside>\n",
        "overrides/coachfolio/references.html": "<h2>{{ title }}</h2>\n{% for key, entry in entries %}<p id=\"ref-{{ key }}\">{{ entry | safe }}</p>{% endfor %}\n",
        "overrides/coachfolio/cite-this.html": "<section class=mine><h2>{{ title }}</h2></section>\n",
    }
    config = write_site(tmp_path, SITE.replace("font: false}", "font: false, custom_dir: overrides}"), {**FILES, **overrides})
    site = build_site(config, tmp_path / "site")
    assert warnings(caplog) == []
    post = soup(site / "blog/2026/01/05/trust/index.html")
    for anchor in ("standards-addressed", "references", "cite-this"):
        assert post.find(id=anchor).name == "div", anchor
    toc = [a["href"] for a in post.select(".md-sidebar--secondary .md-nav--secondary a")]
    assert toc == ["#standards-addressed", "#references", "#cite-this"]
