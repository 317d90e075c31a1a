"""Standards alignment on real builds: evidence pages, the matrix, its CSV, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, heading_text, soup, write_site
from mkdocs.exceptions import Abort

SITE = """\
site_name: Test
site_url: https://example.org/portfolio/
docs_dir: docs
theme: {name: material, font: false}
plugins:
  - blog
  - coachfolio/rubrics
  - coachfolio/standards:
      frameworks: [standards/advisor.yml, iste-coaches-2019]
      default: advisor-competencies
"""

FRAMEWORK = """\
id: advisor-competencies
title: Advisor Competencies
edition: "2026"
publisher: Pathways Team
standards:
  - code: A
    name: Relationships
    description: How advisors work with <students>.
    indicators:
      - code: A.1
        label: Builds "trust" with students
        text: Students *seek out* the advisor.
      - code: A.2
        label: Agrees norms
  - code: B
    name: Planning
    indicators:
      - code: B.1
        label: Sets goals with students
"""

RUBRIC = """\
title: Advisor skills
levels:
  - {label: High, points: 2}
  - {label: Low, points: 1}
criteria:
  - title: Trust
    standards: [A.1, iste-coaches-2019:3.a]
    descriptors: {High: a, Low: b}
  - title: Goals
    id: goals
    standards: {A1: meets}
    descriptors: {High: a, Low: b}
"""

OLDER_POST = """\
---
date: 2026-01-10
standards: [A.1, a2]
---

# First steps

Opening paragraph of the first post.

<!-- more -->

More text.
"""

NEWER_POST = """\
---
date: 2026-02-20
standards:
  A.1: meets
  iste-coaches-2019:4.1.c: begun
---

# Trust grows

How trust grew this term.

<!-- more -->

As :standard[A.1] says, and `:standard[Z.9]` in code is not a mention.
"""

PAGE = """\
# Project

We worked on :standard[iste-coaches-2019:3.a] this year.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("standards")
    config = write_site(
        root,
        SITE,
        {
            "standards/advisor.yml": FRAMEWORK,
            "docs/index.md": "# Home\n",
            "docs/project.md": PAGE,
            "docs/blog/index.md": "# Blog\n",
            "docs/blog/posts/first.md": OLDER_POST,
            "docs/blog/posts/second.md": NEWER_POST,
            "docs/rubrics/advisor.yml": RUBRIC,
        },
    )
    return build_site(config, root / "site")


def test_the_index_shows_each_framework_with_its_coverage(site: Path) -> None:
    page = soup(site / "standards/index.html")
    cards = page.select(".cf-framework-card")
    assert [heading_text(c.find("h2")) for c in cards] == ["Advisor Competencies (2026)", "ISTE Standards for Coaches (2019)"]
    facts = [" ".join(c.select_one(".cf-framework-card__facts").get_text().split()) for c in cards]
    assert facts == [
        "2 standards · 3 indicators · 2 of 3 indicators with evidence · 5 pieces of evidence",
        "7 standards · 26 indicators · 2 of 26 indicators with evidence · 3 pieces of evidence",
    ]
    assert page.select_one('a[href="matrix/"]') is not None
    assert page.select_one('a[href="matrix.csv"]') is not None


def test_a_framework_page_lists_evidence_per_indicator(site: Path) -> None:
    page = soup(site / "standards/advisor-competencies/index.html")
    a1 = page.select_one("#indicator-a-1")
    assert heading_text(a1.find("h3")) == 'A.1 Builds "trust" with students'
    assert a1.select_one(".cf-indicator__text").decode_contents().strip() == "<p>Students <em>seek out</em> the advisor.</p>"
    # The item's own text, as screen readers and the search index read it: the date and the status stay two words.
    items = [" ".join("".join(part.get_text() for part in li.children if part.name != "p").split()) for li in a1.select(".cf-evidence__item")]
    assert items == [
        "Reflection Trust grows 2026-02-20 meets",
        "Reflection First steps 2026-01-10",
        "Rubric Advisor skills: Trust",
        "Rubric Advisor skills: Goals meets",
    ]
    assert [p.get_text() for p in a1.select(".cf-evidence__excerpt")] == ["How trust grew this term.", "Opening paragraph of the first post."]
    links = [a["href"] for a in a1.select(".cf-evidence a")]
    assert links == [
        "../../blog/2026/02/20/trust-grows/",
        "../../blog/2026/01/10/first-steps/",
        "../../rubrics/advisor/#criterion-trust",
        "../../rubrics/advisor/#criterion-goals",
    ]
    # The description of the standard is Markdown from data: HTML in it is text.
    assert "How advisors work with &lt;students&gt;." in str(page.select_one("#standard-a").parent)


def test_indicators_without_evidence_are_marked(site: Path) -> None:
    page = soup(site / "standards/advisor-competencies/index.html")
    gaps = [s["id"] for s in page.select(".cf-indicator--gap")]
    assert gaps == ["indicator-b-1"]
    assert page.select_one("#indicator-b-1 .cf-gap-note").get_text() == "No evidence yet."


def test_aligned_posts_show_the_standards_they_address(site: Path) -> None:
    page = soup(site / "blog/2026/02/20/trust-grows/index.html")
    box = page.select_one("aside.cf-standards-box")
    assert box["aria-labelledby"] == "cf-standards-box-title"
    assert box.h2.get_text() == "Standards addressed"
    assert box["id"] == "standards-addressed"  # an address to link to, listed in the table of contents
    assert [(a.get_text(strip=True), a["href"]) for a in page.select(".md-nav--secondary a")] == [("Standards addressed", "#standards-addressed")]
    assert [p.get_text() for p in box.select(".cf-standards-box__framework")] == ["Advisor Competencies (2026)", "ISTE Standards for Coaches (2019)"]
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in box.select("li")]
    # 4.1.c is ISTE's own numbering of the coaches' indicator 1.c.
    assert items == ['A.1 Builds "trust" with students meets', "1.c Grows a coaching culture where trying new practices is safe begun"]
    assert [a["href"] for a in box.select("a")] == [
        "../../../../../standards/advisor-competencies/#indicator-a-1",
        "../../../../../standards/iste-coaches-2019/#indicator-1-c",
    ]


def test_a_page_with_a_standards_addressed_heading_of_its_own_keeps_its_id(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    own = PAGE + "\n## Standards addressed\n\nIn my own words.\n\n[The box](#standards-addressed-box), [my words](#standards-addressed).\n"
    files = {"standards/advisor.yml": FRAMEWORK, "docs/index.md": "# Home\n", "docs/project.md": own, "docs/blog/index.md": "# Blog\n"}
    config = write_site(tmp_path, SITE.replace("plugins:", "validation: {anchors: warn}\nplugins:"), files)
    page = soup(build_site(config, tmp_path / "site") / "project/index.html")
    assert [w for w in caplog.records if w.levelname == "WARNING"] == []
    assert page.find(id="standards-addressed").name == "h2"
    assert page.find(id="standards-addressed-box").name == "aside"
    toc = [(a.get_text(strip=True), a["href"]) for a in page.select(".md-sidebar--secondary .md-nav--secondary a")]
    assert toc == [("Standards addressed", "#standards-addressed"), ("Standards addressed", "#standards-addressed-box")]


def test_inline_mentions_link_to_the_indicator_with_its_label(site: Path) -> None:
    article = soup(site / "blog/2026/02/20/trust-grows/index.html").select_one("article")
    mention = article.find("a", string="A.1")
    assert mention["href"] == "../../../../../standards/advisor-competencies/#indicator-a-1"
    assert mention["title"] == 'Builds "trust" with students'
    assert article.find("code").get_text() == ":standard[Z.9]"
    page = soup(site / "project/index.html")
    assert page.find("a", string="3.a")["title"] == "Builds trusting, respectful coaching relationships"
    # An inline mention is evidence too, so the page gets a box.
    assert [li.get_text(" ", strip=True) for li in page.select(".cf-standards-box li")] == ["3.a Builds trusting, respectful coaching relationships"]


def test_the_matrix_table(site: Path) -> None:
    page = soup(site / "standards/matrix/index.html")
    table = page.select_one("table.cf-matrix-table")
    columns = [" ".join(th.get_text(" ", strip=True).split()) for th in table.select("thead th")]
    assert columns == [
        "Indicator",
        "Evidence",
        "Trust grows Reflection, 2026-02-20",
        "First steps Reflection, 2026-01-10",
        "Project Page",
        "Advisor skills Rubric",
    ]
    groups = [th.get_text(" ", strip=True) for th in table.select("th[scope=rowgroup]")]
    assert groups[:3] == ["Advisor Competencies (2026) · A. Relationships", "Advisor Competencies (2026) · B. Planning", "ISTE Standards for Coaches (2019) · 1. Change Agent"]
    rows = {tr.th.get_text(" ", strip=True): tr for tr in table.select("tbody tr[data-cf-evidence]")}
    assert len(rows) == 29
    # The cells' text as written, which the search index reads: the tick is a word of its own.
    a1 = [" ".join(td.get_text().split()) for td in rows['A.1 Builds "trust" with students'].find_all("td")]
    assert a1 == ["4", "✓ Evidence meets", "✓ Evidence", "", "✓ Evidence meets Trust; Goals"]
    # What a screen reader reads in each cell: the tick is hidden from it, and no two words run together.
    spoken = [
        " ".join("".join(text for text in td.find_all(string=True) if not text.find_parent(attrs={"aria-hidden": "true"})).split())
        for td in rows['A.1 Builds "trust" with students'].find_all("td")
    ]
    assert spoken == ["4", "Evidence meets", "Evidence", "", "Evidence meets Trust; Goals"]
    # Kept as character references, which take half the memory on a large portfolio.
    raw = (site / "standards/matrix/index.html").read_text(encoding="utf-8")
    assert "&#10003;" in raw and "✓" not in raw
    b1 = rows["B.1 Sets goals with students"]
    assert b1["class"] == ["cf-gap"] and b1["data-cf-evidence"] == "0"
    assert b1.select_one("td").get_text() == "0 (no evidence)"
    region = table.parent
    assert region["role"] == "region" and region["tabindex"] == "0"


def test_the_matrix_csv(site: Path) -> None:
    lines = (site / "standards/matrix.csv").read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == "framework,code,label,evidence_count,evidence"
    assert lines[1:4] == [
        'advisor-competencies,A.1,"Builds ""trust"" with students",4,'
        "https://example.org/portfolio/blog/2026/02/20/trust-grows/; https://example.org/portfolio/blog/2026/01/10/first-steps/; "
        "https://example.org/portfolio/rubrics/advisor/#criterion-trust; https://example.org/portfolio/rubrics/advisor/#criterion-goals",
        "advisor-competencies,A.2,Agrees norms,1,https://example.org/portfolio/blog/2026/01/10/first-steps/",
        "advisor-competencies,B.1,Sets goals with students,0,",
    ]
    assert "iste-coaches-2019,3.a,\"Builds trusting, respectful coaching relationships\",2,https://example.org/portfolio/project/; https://example.org/portfolio/rubrics/advisor/#criterion-trust" in lines
    assert len([line for line in lines if line]) == 1 + 3 + 26


def test_standards_pages_sit_under_their_index_in_the_nav(site: Path) -> None:
    nav = [" ".join(a.get_text().split()) for a in soup(site / "standards/matrix/index.html").select(".md-nav--primary .md-nav__link")]
    assert "Advisor Competencies (2026)" in nav and "Coverage matrix" in nav


ERRORS = """\
---
date: 2026-01-10
standards:
  - A.3
  - nope:A.1
  - A.1: meant
---

# Post

Text with :standard[C.1] in it.
"""


def test_unknown_codes_are_located_errors_that_fail_strict(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_site(
        tmp_path,
        SITE,
        {
            "standards/advisor.yml": FRAMEWORK,
            "docs/index.md": "# Home\n",
            "docs/blog/index.md": "# Blog\n",
            "docs/blog/posts/bad.md": ERRORS,
            "docs/rubrics/advisor.yml": RUBRIC.replace("iste-coaches-2019:3.a", "iste-coaches-2019:3.e"),
        },
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        "coachfolio: docs/rubrics/advisor.yml:7:22: criterion 'Trust': '3.e' is not an indicator of iste-coaches-2019 (did you mean 3.d or 3.c?)",
        "coachfolio: docs/blog/posts/bad.md:6:5: 'standards' of the page lists a mapping; expected an indicator code such as 1.a",
        "coachfolio: docs/blog/posts/bad.md:4:5: 'A.3' is not an indicator of advisor-competencies (did you mean A.2 or A.1?)",
        "coachfolio: docs/blog/posts/bad.md:5:5: unknown framework 'nope'; configured frameworks: advisor-competencies, iste-coaches-2019",
        "coachfolio: docs/blog/posts/bad.md:11:11: 'C.1' is not an indicator of advisor-competencies (did you mean B.1 or A.1?)",
    ]


def test_a_wrong_status_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_site(
        tmp_path,
        SITE,
        {
            "standards/advisor.yml": FRAMEWORK,
            "docs/index.md": "---\nstandards:\n  A.1: meet\n---\n\n# Home\n",
        },
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == ["coachfolio: docs/index.md:3:8: status 'meet' of A.1 in the page is not one of begun, partial, meets (did you mean 'meets'?)"]


def test_configuration_errors_name_the_framework(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_site(
        tmp_path,
        SITE.replace("frameworks: [standards/advisor.yml, iste-coaches-2019]", "frameworks: [standards/missing.yml, iste-coaches-2091]"),
        {"docs/index.md": "# Home\n"},
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    message = "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert message == (
        "Standards frameworks have problems:\n"
        "mkdocs.yml: coachfolio/standards: frameworks: file 'standards/missing.yml' does not exist (paths are relative to mkdocs.yml)\n"
        "mkdocs.yml: coachfolio/standards: frameworks: unknown framework 'iste-coaches-2091' (did you mean 'iste-coaches-2019' or 'iste-coaches-2011' or 'iste-students-2016'?); "
        "use a bundled id (iste-coaches-2011, iste-coaches-2019, iste-educators-2017, iste-students-2016) or a path to a .yml file"
    )


def test_the_demo_reflections_are_aligned_to_the_indicators_they_name(demo_site: Path) -> None:
    gift = soup(demo_site / "blog/2019/12/16/the-gift-of-peer-coaching/index.html")
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in gift.select(".cf-standards-box li")]
    assert [item.split()[0] for item in items] == ["1.a", "1.b", "1.c", "1.d"]
    assert items[3].endswith("begun")
    # The codes named in the text are links to their indicators, still reading as written.
    paragraph = gift.find("p", string=lambda s: False) or next(p for p in gift.select("article p") if "anchored in the intentional use" in p.get_text())
    assert "ISTE Coaching standard 1.a, 1.b, and 1.c." in paragraph.get_text()
    assert [a["href"].rsplit("/", 2)[-2:] for a in paragraph.find_all("a")] == [
        ["iste-coaches-2011", "#indicator-1-a"],
        ["iste-coaches-2011", "#indicator-1-b"],
        ["iste-coaches-2011", "#indicator-1-c"],
        ["iste-coaches-2011", "#indicator-1-d"],
    ]
    matrix = (demo_site / "standards/matrix.csv").read_bytes().decode("utf-8")
    assert matrix.count("\r\n") == 1 + 28 + 26


def test_a_default_that_is_not_configured_stops_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_site(
        tmp_path,
        SITE.replace("default: advisor-competencies", "default: iste-coaches-2011"),
        {"standards/advisor.yml": FRAMEWORK, "docs/index.md": "# Home\n"},
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "Standards frameworks have problems:\n"
        "mkdocs.yml: coachfolio/standards: default framework 'iste-coaches-2011' is not among the configured frameworks "
        "(did you mean 'iste-coaches-2019'?): advisor-competencies, iste-coaches-2019"
    ]
