"""The portfolio at a glance: home-page lists, series, and figures with credits."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, heading_text, soup, write_site
from mkdocs.exceptions import Abort

SITE = """\
site_name: Test
site_url: https://example.org/
docs_dir: docs
theme: {name: material, font: false}
plugins:
  - blog
  - coachfolio/rubrics
  - coachfolio/standards
  - coachfolio/portfolio:
      latest_count: 2
"""

SERIES = """\
series:
  course:
    title: The <Course> Project
    description: Phases of **one** project.
  empty:
    title: Nothing yet
"""


def post(title: str, date: str, extra: str = "", body: str = "Opening of the post.") -> str:
    return f"---\ndate: {date}\ncategories: [Coaching]\n{extra}---\n\n# {title}\n\n{body}\n\n<!-- more -->\n\nMore.\n"


FILES = {
    "docs/index.md": "# Home\n\n## Latest\n\n::latest-reflections\n\n## Three\n\n::latest-reflections{count=3}\n\n## Series\n\n::series-list\n\n## Coverage\n\n::standards-coverage\n\n## Rubrics\n\n::rubric-index\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/.series.yml": SERIES,
    "docs/blog/posts/a.md": post("Phase one", "2026-01-05", "series: course\nstandards: [1.a]\n"),
    "docs/blog/posts/b.md": post("Phase two", "2026-02-05", "series: course\n"),
    "docs/blog/posts/c.md": post("Prologue", "2026-03-05", "series: course\nseries_order: 0\n"),
    # A quotation before the opening is not what the post is about: its card shows the opening.
    "docs/blog/posts/d.md": post("Unrelated", "2026-04-05", body="> A line to remember.\n\nOpening of the post."),
    "docs/rubrics/r.yml": "title: R\nlevels: [{label: A, points: 1}, {label: B, points: 0}]\ncriteria:\n  - title: C\n    standards: [2.a]\n    descriptors: {A: a, B: b}\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("portfolio")
    return build_site(write_site(root, SITE, FILES), root / "site")


def cards(page, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [" ".join(li.get_text(" ", strip=True).split()) for li in page.select(selector)]


def test_latest_reflections_newest_first_with_date_excerpt_and_categories(site: Path) -> None:
    home = soup(site / "index.html")
    lists = home.select(".cf-post-list")
    assert cards(lists[0], "li") == [
        "Unrelated 2026-04-05 · Coaching Opening of the post.",
        "Prologue 2026-03-05 · Coaching Opening of the post.",
    ]
    assert [a["href"] for a in lists[0].select("a")] == ["blog/2026/04/05/unrelated/", "blog/category/coaching/", "blog/2026/03/05/prologue/", "blog/category/coaching/"]
    assert len(lists[1].select("li")) == 3
    assert [h.name for h in lists[0].select(".cf-post-card__title")] == ["h3", "h3"]


def test_series_list_and_pages(site: Path) -> None:
    home = soup(site / "index.html")
    assert cards(home, ".cf-series-card") == ["The <Course> Project Phases of one project. 3 parts", "Nothing yet 0 parts"]
    assert home.select_one(".cf-series-card a")["href"] == "series/course/"
    page = soup(site / "series/course/index.html")
    assert heading_text(page.find("h1")) == "The <Course> Project"
    assert [heading_text(h) for h in page.select(".cf-series-parts h2")] == ["Prologue", "Phase one", "Phase two"]
    assert soup(site / "series/empty/index.html").select_one("article p").get_text() == "No posts belong to this series yet."


def test_each_part_shows_its_place_and_neighbours(site: Path) -> None:
    page = soup(site / "blog/2026/01/05/phase-one/index.html")
    box = page.select_one("nav.cf-series-box")
    assert box["aria-label"] == "Series: The <Course> Project"
    assert " ".join(box.select_one(".cf-series-box__title").get_text().split()) == "Part 2 of 3 in the series The <Course> Project"
    assert [li.get_text(strip=True) for li in box.select("li")] == ["Prologue", "Phase one", "Phase two"]
    assert box.select_one("[aria-current=page]").get_text() == "Phase one"
    steps = {a["rel"][0]: (a.get_text(), a["href"]) for a in box.select(".cf-series-box__steps a")}
    assert steps == {"prev": ("Previous: Prologue", "../../../03/05/prologue/"), "next": ("Next: Phase two", "../../../02/05/phase-two/")}
    # The box comes right after the title.
    assert page.find("h1").find_next_sibling() is box
    first = soup(site / "blog/2026/03/05/prologue/index.html").select_one(".cf-series-box__steps")
    assert [a["rel"][0] for a in first.select("a")] == ["next"]
    assert soup(site / "blog/2026/04/05/unrelated/index.html").select_one(".cf-series-box") is None


def test_coverage_and_rubric_lists_on_the_home_page(site: Path) -> None:
    home = soup(site / "index.html")
    assert cards(home, ".cf-coverage li") == ["ISTE Standards for Coaches (2019) : 2 of 26 indicators with evidence"]
    assert home.select_one(".cf-coverage ~ p a")["href"] == "standards/matrix/"
    assert [h.name for h in home.select(".cf-rubric-card__title")] == ["h3"]
    assert home.select_one(".cf-rubric-card a")["href"] == "rubrics/r/"


def test_an_unknown_series_is_an_error_naming_the_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    files = dict(FILES, **{"docs/blog/posts/a.md": post("Phase one", "2026-01-05", "series: corse\n")})
    with pytest.raises(Abort):
        build_site(write_site(tmp_path, SITE, files), tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "coachfolio: docs/blog/posts/a.md:4:9: unknown series 'corse' (did you mean 'course'?); series are described in docs/blog/.series.yml"
    ]


def test_a_broken_series_file_stops_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    files = dict(FILES, **{"docs/blog/.series.yml": "series:\n  Course:\n    titel: X\n"})
    with pytest.raises(Abort):
        build_site(write_site(tmp_path, SITE, files), tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "The series file has problems:\n"
        "docs/blog/.series.yml:2:3: series id 'Course' must be lowercase letters, digits and hyphens (such as 'course')\n"
        "docs/blog/.series.yml:3:5: series 'Course' has no 'title'\n"
        "docs/blog/.series.yml:3:5: unknown key 'titel' in series 'Course' (did you mean 'title'?)"
    ]


AUTHORS = "authors:\n  coach:\n    name: Demo Coach\n    description: Coach\n    avatar: a.svg\n"
UNKNOWN_AUTHORS = {
    "docs/blog/.authors.yml": AUTHORS,
    "docs/blog/posts/a.md": post("Phase one", "2026-01-05", "authors: [coach, ghost]\n"),
    "docs/blog/posts/b.md": post("Phase two", "2026-02-05", "authors:\n  - coach\n  - 'nobody'\n"),
    "docs/blog/posts/c.md": post("Prologue", "2026-03-05", "authors: [coach]\n", body="authors: anyone, in the text"),
    "docs/blog/posts/d.md": post("Unsure", "2026-04-05", "authors: [ghost]\ndraft: true\n"),
}


def test_unknown_post_authors_are_named_before_the_blog_makes_profile_pages(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # Material's blog would stop at the first of them with a KeyError and a traceback.
    config = SITE.replace("  - blog\n", "  - blog:\n      authors_profiles: true\n")
    with pytest.raises(Abort):
        build_site(write_site(tmp_path, config, dict(FILES, **UNKNOWN_AUTHORS)), tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "Blog posts name authors the blog does not know:\n"
        "docs/blog/posts/a.md:4:18: unknown author 'ghost'; authors are listed in docs/blog/.authors.yml\n"
        "docs/blog/posts/b.md:6:5: unknown author 'nobody'; authors are listed in docs/blog/.authors.yml"
    ]


def test_an_unknown_post_author_is_named_with_its_post(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # Without profile pages Material's blog says only "Couldn't find author 'ghost'", for the first post it reads.
    with pytest.raises(Abort):
        build_site(write_site(tmp_path, SITE, dict(FILES, **UNKNOWN_AUTHORS)), tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "Error reading page 'blog/posts/a.md':",
        "Blog posts name authors the blog does not know:\n"
        "docs/blog/posts/a.md:4:18: unknown author 'ghost'; authors are listed in docs/blog/.authors.yml",
    ]


FIGURES = """\
# Figures

::figure[Two colleagues planning at a table]{src="img/plan.png" caption="Planning the rubric." credit="Christina Morillo" link="https://www.pexels.com/photo/1" source="Pexels" source_link="https://www.pexels.com" license="Pexels licence"}

::figure[A gift box <wrapped>]{credit="Daria Shevtsova" source="Pexels"}
"""


def test_figures_with_credits(tmp_path: Path) -> None:
    files = {"docs/index.md": "# Home\n", "docs/figures.md": FIGURES, "docs/img/plan.png": "not really a png"}
    site = build_site(write_site(tmp_path, SITE.replace("  - blog\n", ""), files), tmp_path / "site")
    figures = soup(site / "figures/index.html").select("figure.cf-figure")
    image = figures[0].img
    assert (image["src"], image["alt"]) == ("../img/plan.png", "Two colleagues planning at a table")
    caption = figures[0].figcaption
    assert caption.select_one(".cf-figure__caption").get_text() == "Planning the rubric."
    assert " ".join(caption.select_one(".cf-figure__credit").get_text().split()) == "Photo by Christina Morillo on Pexels · Pexels licence"
    assert [a["href"] for a in caption.select("a")] == ["https://www.pexels.com/photo/1", "https://www.pexels.com"]
    placeholder = figures[1].select_one(".cf-figure__placeholder")
    assert placeholder["role"] == "img" and placeholder["aria-label"] == "A gift box <wrapped>"
    assert placeholder.get_text(strip=True) == "A gift box <wrapped>"
    assert figures[1].img is None
    assert figures[1].figcaption.get_text(" ", strip=True) == "Photo by Daria Shevtsova on Pexels"


def test_a_figure_without_alt_text_or_from_another_host_fails_strict(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = '# Figures\n\n::figure[]{src="img/plan.png" credit="X"}\n\n::figure[Remote]{src="https://cdn.example.org/a.jpg"}\n\n::figure[Typo]{credits="X"}\n\n::figure[Lost]{src="img/lost.png"}\n'
    files = {"docs/index.md": "# Home\n", "docs/figures.md": page, "docs/img/plan.png": "x"}
    with pytest.raises(Abort):
        build_site(write_site(tmp_path, SITE.replace("  - blog\n", ""), files), tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "coachfolio: docs/figures.md:3:1: figure has no alt text; write it in the brackets: ::figure[What the image shows]{…}",
        "coachfolio: docs/figures.md:5:1: figure image 'https://cdn.example.org/a.jpg' would load from another host; save it in the site and link it by path",
        "coachfolio: docs/figures.md:7:1: unknown figure attribute 'credits'; expected src, caption, credit, source, link, source_link, license, license_link",
        "coachfolio: docs/figures.md:9:1: figure image 'img/lost.png' is not in the site (paths are relative to the page)",
    ]


STRAY_DIRECTIVES = """\
# Home

::latest-reflection{count=3}

::rubric-index{count=2}

::bibliography

::standards-coverage

Mentioned: :standard[].

```markdown
::nonsense in a code block is shown as it is
```

::before {
"""


def test_directives_no_plugin_reads_fail_strict_each_reported_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    files = {"docs/index.md": STRAY_DIRECTIVES}
    with pytest.raises(Abort):
        build_site(write_site(tmp_path, SITE.replace("  - blog\n", ""), files), tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == [
        "coachfolio: docs/index.md:3:1: unknown directive '::latest-reflection' (did you mean ::latest-reflections?); the directives are"
        " ::bibliography, ::figure, ::latest-reflections, ::rubric, ::rubric-index, ::series-list, ::series-parts, ::standards-coverage",
        "coachfolio: docs/index.md:5:1: unknown attribute 'count' of ::rubric-index; it takes none",
        "coachfolio: docs/index.md:7:1: ::bibliography needs the coachfolio/citations plugin; add it to the plugins in mkdocs.yml",
        "coachfolio: docs/index.md:11:12: :standard[] names no indicator; write its code in the brackets, such as :standard[1.a]",
    ]


def test_the_demo_home_page_shows_the_work(demo_site: Path) -> None:
    home = soup(demo_site / "index.html")
    assert [heading_text(h) for h in home.select("article h2")] == ["Latest reflections", "Course series", "Rubrics", "Standards coverage"]
    assert [heading_text(h) for h in home.select(".cf-post-card__title")] == [
        "The Gift of Peer Coaching",
        "Communication & Collaboration- When ‘REAL’ conversations show results.",
    ]
    assert [heading_text(h) for h in home.select(".cf-series-card__title")] == ["EDTC 6105 Community Engagement Project"]
    gift = soup(demo_site / "blog/2019/12/16/the-gift-of-peer-coaching/index.html")
    assert " ".join(gift.select_one(".cf-series-box__title").get_text().split()) == "Part 2 of 2 in the series EDTC 6105 Community Engagement Project"
