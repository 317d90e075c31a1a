"""Links in data files' Markdown (rubrics, frameworks, series) work on every page that shows the text."""

from __future__ import annotations

import logging
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
      frameworks: [frameworks/local.yml, docs/frameworks/shared.yml]
  - coachfolio/portfolio
"""

# Links are written relative to the data file's own folder in docs_dir, as in a page's Markdown.
RUBRIC = """\
title: Advising
description: Drafted in [our sessions](../blog/posts/trust.md#the-rubric "The post").
levels:
  - {label: High, points: 2, description: "As in [the handout](handout.pdf)"}
  - {label: Low, points: 1}
criteria:
  - title: Trust
    description: See [the standard](../standards/local.md#indicator-a-1).
    descriptors:
      High: Like [the lesson](../lesson.md), [elsewhere](https://example.com/x.md), [here](#trust), [mail](mailto:a@b.org).
      Low: "[Home](../index.md?x=1&y=2)"
"""


def framework(framework_id: str, link: str) -> str:
    return (
        f"id: {framework_id}\ntitle: {framework_id}\nstandards:\n  - code: A\n    name: Relationships\n"
        f"    description: Read [the lesson]({link}).\n    indicators:\n      - {{code: A.1, label: Trust}}\n"
    )


SERIES = "series:\n  course:\n    title: The course\n    description: Begins with [the lesson](../lesson.md).\n"

POST = """\
---
date: 2026-01-05
series: course
---

# Trust

Our rubric:

::rubric[advising]

<!-- more -->

## The rubric

More.
"""

FILES = {
    "docs/index.md": "# Home\n",
    "docs/lesson.md": "# Lesson\n",
    "docs/rubrics/handout.pdf": "%PDF-1.4\n",
    "docs/rubrics/advising.yml": RUBRIC,
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/.series.yml": SERIES,
    "docs/blog/posts/trust.md": POST,
    # Outside docs_dir, links start from docs_dir; inside, from the file's folder.
    "frameworks/local.yml": framework("local", "lesson.md"),
    "docs/frameworks/shared.yml": framework("shared", "../lesson.md"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("data-links")
    return build_site(write_site(root, SITE, FILES), root / "site")


def hrefs(path: Path, selector: str) -> list[str]:
    return [a.get("href") or a.get("src") for a in soup(path).select(selector)]


def test_rubric_links_point_at_their_targets_from_each_page(site: Path) -> None:
    assert hrefs(site / "rubrics/advising/index.html", ".cf-rubric-description a, .cf-rubric-table a") == [
        "../../blog/2026/01/05/trust/#the-rubric",
        "../handout.pdf",
        "../../standards/local/#indicator-a-1",
        "../../lesson/",
        "https://example.com/x.md",
        "#trust",
        "mailto:a@b.org",
        "../../?x=1&y=2",
    ]
    assert hrefs(site / "rubrics/index.html", ".cf-rubric-card__description a") == ["../blog/2026/01/05/trust/#the-rubric"]
    # Embedded in a post, and in that post's opening on the blog's index.
    assert hrefs(site / "blog/2026/01/05/trust/index.html", ".cf-rubric-table a")[:4] == [
        "../../../../../rubrics/handout.pdf",
        "../../../../../standards/local/#indicator-a-1",
        "../../../../../lesson/",
        "https://example.com/x.md",
    ]
    assert hrefs(site / "blog/index.html", ".cf-rubric-table a")[:3] == ["../rubrics/handout.pdf", "../standards/local/#indicator-a-1", "../lesson/"]
    # The self-assessment repeats the descriptors.
    assert hrefs(site / "rubrics/advising/index.html", ".cf-sa-descriptor a")[:2] == ["../../lesson/", "https://example.com/x.md"]
    assert (site / "rubrics/handout.pdf").is_file()


def test_framework_and_series_links_point_at_their_targets(site: Path) -> None:
    assert hrefs(site / "standards/local/index.html", ".cf-framework a[href*=lesson]") == ["../../lesson/"]
    assert hrefs(site / "standards/shared/index.html", ".cf-framework a[href*=lesson]") == ["../../lesson/"]
    assert hrefs(site / "series/course/index.html", ".cf-series-description a") == ["../../lesson/"]
    assert hrefs(site / "series/index.html", ".cf-series-card__description a") == ["../lesson/"]


def test_links_to_no_file_fail_a_strict_build_naming_file_line_and_column(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    files = dict(
        FILES,
        **{
            "docs/rubrics/advising.yml": RUBRIC.replace("../lesson.md", "../lessons.md").replace("handout.pdf", "../../handout.pdf"),
            "frameworks/local.yml": framework("local", "nope.md"),
            "docs/blog/.series.yml": SERIES.replace("../lesson.md", "lesson.md"),
        },
    )
    config = write_site(tmp_path, SITE, files)
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "coachfolio: docs/rubrics/advising.yml:4:64: the link '../../handout.pdf' points outside docs_dir"
        " (a link is relative to the file's own folder in docs_dir)",
        "coachfolio: docs/rubrics/advising.yml:10:31: the link '../lessons.md' points to 'lessons.md', which is not a file in docs_dir"
        " (a link is relative to the file's own folder in docs_dir)",
        "coachfolio: frameworks/local.yml:6:36: the link 'nope.md' points to 'nope.md', which is not a file in docs_dir"
        " (a link is relative to the file's own folder in docs_dir)",
        "coachfolio: docs/blog/.series.yml:4:43: the link 'lesson.md' points to 'blog/lesson.md', which is not a file in docs_dir"
        " (a link is relative to the file's own folder in docs_dir)",
    ]
    # Without --strict the site is built, the broken links left as written.
    site = build_site(config, tmp_path / "lenient", strict=False)
    assert "../lessons.md" in hrefs(site / "rubrics/advising/index.html", ".cf-rubric-table a")


def test_links_are_reported_as_mkdocs_reports_them_in_pages(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # A folder link is left as written and not reported (MkDocs: an unrecognized link, at info level).
    folder = dict(FILES, **{"docs/rubrics/advising.yml": RUBRIC.replace("../lesson.md", "../blog/")})
    site = build_site(write_site(tmp_path / "folder", SITE, folder), tmp_path / "folder/site")
    assert "../blog/" in hrefs(site / "rubrics/advising/index.html", ".cf-rubric-table a")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []
    # A site that lowers MkDocs's level for links to missing files lowers it for data files too.
    missing = dict(FILES, **{"docs/rubrics/advising.yml": RUBRIC.replace("../lesson.md", "../lessons.md")})
    relaxed = SITE + "validation:\n  links:\n    not_found: info\n"
    caplog.set_level(logging.INFO, logger="mkdocs")
    build_site(write_site(tmp_path / "relaxed", relaxed, missing), tmp_path / "relaxed/site")
    assert [r.getMessage() for r in caplog.records if "lessons.md" in r.getMessage()] == [
        "coachfolio: docs/rubrics/advising.yml:10:31: the link '../lessons.md' points to 'lessons.md', which is not a file in docs_dir"
        " (a link is relative to the file's own folder in docs_dir)"
    ]
    assert [r.levelname for r in caplog.records if "lessons.md" in r.getMessage()] == ["INFO"]


def test_links_to_anchors_no_page_has_are_reported_as_mkdocs_reports_them(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    files = dict(
        FILES,
        **{
            "docs/rubrics/advising.yml": RUBRIC.replace("#the-rubric", "#the-rubrics"),
            "frameworks/local.yml": framework("local", "lesson.md#nowhere"),
            "docs/blog/.series.yml": SERIES.replace("../lesson.md", "../lesson.md#lessons"),
        },
    )
    expected = [
        "coachfolio: docs/blog/.series.yml:4:43: the link '../lesson.md#lessons' points to an anchor '#lessons' that 'lesson.md' does not contain",
        "coachfolio: docs/rubrics/advising.yml:2:40: the link '../blog/posts/trust.md#the-rubrics' points to an anchor '#the-rubrics'"
        " that 'blog/posts/trust.md' does not contain",
        "coachfolio: frameworks/local.yml:6:36: the link 'lesson.md#nowhere' points to an anchor '#nowhere' that 'lesson.md' does not contain",
    ]
    # At MkDocs's level for links to anchors in pages: `info` unless a site asks for more.
    caplog.set_level(logging.INFO, logger="mkdocs")
    build_site(write_site(tmp_path / "default", SITE, files), tmp_path / "default/site")
    reported = [r for r in caplog.records if "an anchor" in r.getMessage()]
    assert sorted(r.getMessage() for r in reported) == expected
    assert {r.levelname for r in reported} == {"INFO"}
    caplog.clear()
    with pytest.raises(Abort):
        build_site(write_site(tmp_path / "warn", SITE + "validation:\n  anchors: warn\n", files), tmp_path / "warn/site")
    assert sorted(r.getMessage() for r in caplog.records if r.levelname == "WARNING") == expected


def test_links_to_anchors_in_data_files_pass_a_strict_build_that_checks_anchors(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # The fixture's links lead to a heading of a post and to an indicator the standards plugin renders.
    build_site(write_site(tmp_path, SITE + "validation:\n  anchors: warn\n", FILES), tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []
