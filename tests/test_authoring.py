"""The authoring commands: `coachfolio new`, `check` and `import`, on real project folders."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from coachfolio.authoring.reports import standard_mentions
from coachfolio.cli import main
from coachfolio.core.rubrics import load_rubric
from conftest import REPO, build_site, soup, write_site
from mkdocs.commands.build import get_files
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

FIXTURES = Path(__file__).parent / "fixtures"

SITE = """\
site_name: Test portfolio
site_url: https://example.org/
docs_dir: content
theme: {name: material, font: false}
plugins:
  - blog
  - coachfolio/rubrics
  - coachfolio/standards:
      frameworks: [iste-coaches-2019]
  - coachfolio/citations:
      bibliography: refs.bib
  - coachfolio/portfolio
"""

FILES = {
    "refs.bib": "@book{foltos2013, author = {Foltos, L.}, title = {Peer Coaching}, publisher = {Corwin}, year = {2013}}\n",
    "content/index.md": "# Home\n",
    "content/blog/index.md": "# Blog\n",
    "content/blog/.authors.yml": "authors:\n  coach:\n    name: Demo Coach\n    description: Coach\n    avatar: assets/a.svg\n",
    "content/assets/a.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_site(tmp_path, SITE, FILES)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*arguments: str) -> int:
    return main(list(arguments))


def test_new_reflection_writes_a_post_that_builds(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("new", "reflection", "My first coaching cycle", "--date", "2026-01-15") == 0
    path = project / "content/blog/posts/2026-01-15-my-first-coaching-cycle.md"
    assert capsys.readouterr().out == "wrote content/blog/posts/2026-01-15-my-first-coaching-cycle.md\n"
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        'title: "My first coaching cycle"\n'
        "date:\n"
        "  created: 2026-01-15\n"
        "authors: [coach]\n"
        "categories: []\n"
        "tags: []\n"
        "standards: []\n"
        "---\n"
        "\n"
        "# My first coaching cycle\n"
        "\n"
        "The opening paragraph: it is the excerpt shown on the blog index.\n"
        "\n"
        "<!-- more -->\n"
        "\n"
        "The rest of the reflection.\n"
    )
    site = build_site(project / "mkdocs.yml", project / "site")
    assert soup(site / "blog/2026/01/15/my-first-coaching-cycle/index.html").find("h1").get_text().startswith("My first coaching cycle")


def test_new_reflection_is_dated_today_and_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("new", "reflection", "Trust") == 0
    path = project / f"content/blog/posts/{date.today().isoformat()}-trust.md"
    assert path.exists()
    path.write_text("mine", encoding="utf-8")
    assert run("new", "reflection", "Trust") == 2
    assert capsys.readouterr().err == f"coachfolio: content/blog/posts/{date.today().isoformat()}-trust.md already exists; nothing was written\n"
    assert path.read_text(encoding="utf-8") == "mine"


def test_new_rubric_validates_builds_and_points_editors_at_the_schema(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("new", "rubric", "advisor-skills") == 0
    assert capsys.readouterr().out == "wrote content/rubrics/advisor-skills.yml\nwrote content/rubrics/rubric.schema.json\n"
    path = project / "content/rubrics/advisor-skills.yml"
    assert path.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=rubric.schema.json"
    rubric = load_rubric(path, "advisor-skills.yml")
    assert (rubric.title, len(rubric.levels), len(rubric.criteria)) == ("Advisor skills", 4, 1)
    site = build_site(project / "mkdocs.yml", project / "site")
    assert (site / "rubrics/advisor-skills/index.html").exists()
    assert run("new", "rubric", "Advisor Skills") == 2
    assert "'Advisor Skills' is not a rubric name: use lowercase letters, digits and hyphens, such as 'advisor-skills'" in capsys.readouterr().err


def test_commands_find_mkdocs_yml_or_say_where_to_look(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("check") == 2
    assert capsys.readouterr().err == "coachfolio: no mkdocs.yml here: run coachfolio in the folder that holds it, or give its path with -f\n"
    write_site(tmp_path / "elsewhere", SITE, FILES)
    assert run("check", "-f", "elsewhere/mkdocs.yml") == 0


def test_check_passes_the_demo_quickly() -> None:
    result = subprocess.run([sys.executable, "-m", "coachfolio", "check", "-f", str(REPO / "mkdocs.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("6 pages and 2 rubrics checked in ")
    assert result.stderr.endswith("s: no problems\n")


BROKEN_POST = """\
---
title: Broken
authors: [coach, ghost]
standards: [1.f]
series: corse
---

# Broken

See [@foltos213] and :standard[9.z].

::rubric[advisor-skils]

::figure[]{src="missing.png"}

::latest-reflection{count=3}

::latest-reflections{count=none}

::rubric[advisor-skills

Mentioned: :standard[].

Quoted [@foltos2013, p. ] before the page was looked up.
"""


def test_check_reports_every_problem_with_file_line_and_column(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content/blog/posts").mkdir(parents=True)
    (project / "content/blog/posts/broken.md").write_text(BROKEN_POST, encoding="utf-8")
    (project / "content/blog/.series.yml").write_text("series:\n  course:\n    title: Course\n", encoding="utf-8")
    (project / "content/rubrics").mkdir()
    (project / "content/rubrics/advisor-skills.yml").write_text("title: A\nlevels: [{label: X, points: 1}]\ncriteria: []\n", encoding="utf-8")
    (project / "content/bad-yaml.md").write_text("---\ntitle: [unclosed\n---\n\n# Bad\n", encoding="utf-8")
    assert run("check") == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "content/bad-yaml.md:2:17: YAML syntax error: expected ',' or ']', but got '<stream end>'",
        "content/blog/posts/broken.md:1:1: a post needs 'date' in its front matter (date: 2026-01-15, or created: under date)",
        "content/blog/posts/broken.md:3:18: unknown author 'ghost'; authors are listed in content/blog/.authors.yml",
        "content/blog/posts/broken.md:4:13: '1.f' is not an indicator of iste-coaches-2019 (did you mean 1.e or 1.d?)",
        "content/blog/posts/broken.md:5:9: unknown series 'corse' (did you mean 'course'?); series are described in content/blog/.series.yml",
        "content/blog/posts/broken.md:10:5: unknown citation key 'foltos213' (did you mean 'foltos2013'?)",
        "content/blog/posts/broken.md:10:22: '9.z' is not an indicator of iste-coaches-2019",
        "content/blog/posts/broken.md:12:1: unknown rubric 'advisor-skils' (did you mean 'advisor-skills'?); rubrics are the .yml files in content/rubrics/",
        "content/blog/posts/broken.md:14:1: figure has no alt text; write it in the brackets: ::figure[What the image shows]{…}",
        "content/blog/posts/broken.md:14:1: figure image 'missing.png' is not in the site (paths are relative to the page)",
        "content/blog/posts/broken.md:16:1: unknown directive '::latest-reflection' (did you mean ::latest-reflections?); the directives are"
        " ::bibliography, ::figure, ::latest-reflections, ::rubric, ::rubric-index, ::series-list, ::series-parts, ::standards-coverage",
        "content/blog/posts/broken.md:18:1: count of ::latest-reflections must be a whole number of at least 1, not 'none'",
        "content/blog/posts/broken.md:20:1: '::rubric[advisor-skills' is not a well-formed directive; expected ::rubric, then [argument] and"
        ' {key="value"} if it takes them, closed and alone on its line',
        "content/blog/posts/broken.md:22:12: :standard[] names no indicator; write its code in the brackets, such as :standard[1.a]",
        "content/blog/posts/broken.md:24:8: citation '[@foltos2013, p. ]' has an unfinished locator: give the page (as in 'p. 12') or leave it out",
        "content/rubrics/advisor-skills.yml:2:9: a rubric needs at least 2 levels, found 1",
        "content/rubrics/advisor-skills.yml:3:11: a rubric needs at least 1 criterion, found 0",
    ]
    assert captured.err.endswith("s: 17 problems\n")


LINKING_RUBRIC = """\
title: Advisor skills
description: From [our sessions](../blog/posts/2026-01-05-trust.md), [the standards](../standards/iste-coaches-2019.md#indicator-1-a),
  [this table](advisor-skills.csv), [the references](../references.md) and [the course](../series/course.md).
levels: [{label: High, points: 2}, {label: Low, points: 1}]
criteria:
  - title: Trust
    look_fors: [Greets each student]
    descriptors:
      High: See [the checklist](advisor-skills/observation.md) and [the file](advisor-skills.yml).
      Low: See [nothing](../blog/posts/missing.md) and [a hidden file](../blog/.authors.yml).
"""


def test_check_reports_the_links_of_data_files_the_build_reports(
    project: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    (project / "content/blog/posts").mkdir(parents=True)
    (project / "content/blog/posts/2026-01-05-trust.md").write_text("---\ndate: 2026-01-05\nseries: course\n---\n\n# Trust\n\nText.\n", encoding="utf-8")
    # A draft is a file in docs_dir, but Material's blog leaves it out of a build.
    (project / "content/blog/posts/2026-01-09-plans.md").write_text("---\ndate: 2026-01-09\ndraft: true\n---\n\n# Plans\n", encoding="utf-8")
    (project / "content/blog/.series.yml").write_text(
        "series:\n  course:\n    title: Course\n"
        "    description: Starts [here](posts/2026-01-05-trust.md), not [there](posts/nope.md) or [in plans](posts/2026-01-09-plans.md).\n",
        encoding="utf-8",
    )
    (project / "content/rubrics").mkdir()
    (project / "content/rubrics/advisor-skills.yml").write_text(LINKING_RUBRIC, encoding="utf-8")
    expected = [
        "content/blog/.series.yml:4:72: the link 'posts/nope.md' points to 'blog/posts/nope.md', which is not a file in docs_dir"
        " (a link is relative to the file's own folder in docs_dir)",
        "content/blog/.series.yml:4:101: the link 'posts/2026-01-09-plans.md' points to 'blog/posts/2026-01-09-plans.md', which is in docs_dir"
        " but not published: a draft, a hidden file or a rubric's YAML",
        "content/rubrics/advisor-skills.yml:9:79: the link 'advisor-skills.yml' points to 'rubrics/advisor-skills.yml', which is in docs_dir"
        " but not published: a draft, a hidden file or a rubric's YAML",
        "content/rubrics/advisor-skills.yml:10:26: the link '../blog/posts/missing.md' points to 'blog/posts/missing.md', which is not a file in docs_dir"
        " (a link is relative to the file's own folder in docs_dir)",
        "content/rubrics/advisor-skills.yml:10:72: the link '../blog/.authors.yml' points to 'blog/.authors.yml', which is in docs_dir"
        " but not published: a draft, a hidden file or a rubric's YAML",
    ]
    assert run("check") == 1
    assert capsys.readouterr().out.splitlines() == expected
    # The build warns of the same links, and of nothing else.
    build_site(project / "mkdocs.yml", project / "site", strict=False)
    assert sorted(r.getMessage() for r in caplog.records if r.levelname == "WARNING") == sorted(f"coachfolio: {line}" for line in expected)


def _generated_by_coachfolio(config_file: Path) -> set[str]:
    """The pages and downloads Coachfolio's plugins add to the site (not their stylesheet and script), as a build has them."""
    MkDocsConfig.plugins.plugin_cache.clear()
    config = load_config(config_file=str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
    finally:
        config.plugins.on_shutdown()
    return {f.src_uri for f in files if (f.generated_by or "").startswith("coachfolio/") and not f.src_uri.startswith("assets/")}


def test_check_accepts_a_link_to_every_file_the_plugins_generate(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content/blog/posts").mkdir(parents=True)
    (project / "content/blog/posts/2026-01-05-trust.md").write_text("---\ndate: 2026-01-05\nseries: course\n---\n\n# Trust\n\nText.\n", encoding="utf-8")
    (project / "content/rubrics").mkdir()
    (project / "content/rubrics/advisor-skills.yml").write_text(LINKING_RUBRIC.replace("../blog/posts/missing.md", "../index.md").replace(
        "[the file](advisor-skills.yml)", "[the file](advisor-skills.json)").replace("[a hidden file](../blog/.authors.yml)", "text"), encoding="utf-8")
    series = project / "content/blog/.series.yml"
    series.write_text("series:\n  course:\n    title: Course\n", encoding="utf-8")
    generated = _generated_by_coachfolio(project / "mkdocs.yml")
    # Every kind of generated file is among them: a new kind the plugins add would be listed here too.
    assert {
        "rubrics/index.md", "rubrics/advisor-skills.md", "rubrics/advisor-skills/observation.md", "rubrics/advisor-skills.csv",
        "standards/index.md", "standards/iste-coaches-2019.md", "standards/matrix.md", "standards/matrix.csv",
        "references.md", "series/index.md", "series/course.md",
    } <= generated
    # The series' description links to each of them, relative to the series file's folder (content/blog).
    links = ", ".join(f"[file {n}](../{name})" for n, name in enumerate(sorted(generated)))
    series.write_text(f"series:\n  course:\n    title: Course\n    description: >-\n      {links}\n", encoding="utf-8")
    assert run("check") == 0, capsys.readouterr().out
    assert capsys.readouterr().out == ""
    build_site(project / "mkdocs.yml", project / "site")  # strict: the build finds no broken link either


@pytest.mark.parametrize(
    ("options", "left_out"),
    [
        ({}, ["posts/draft.md"]),
        ({"draft_if_future_date": True}, ["posts/draft.md", "posts/future.md"]),
        ({"draft": True, "draft_if_future_date": True}, []),  # the blog publishes its drafts
    ],
)
def test_check_leaves_out_the_posts_the_blog_leaves_out(
    project: Path, options: dict[str, bool], left_out: list[str], capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    blog = "  - blog:\n" + "".join(f"      {key}: {str(value).lower()}\n" for key, value in options.items()) if options else "  - blog\n"
    (project / "mkdocs.yml").write_text(SITE.replace("  - blog\n", blog), encoding="utf-8")
    posts = {
        "draft.md": "date: 2026-01-09\ndraft: true",
        "future.md": "date: {created: 2999-01-01}",
        "kept.md": "date: 2999-01-01\ndraft: false",  # marked, so its date does not decide
    }
    for name, front in posts.items():
        (project / "content/blog/posts").mkdir(parents=True, exist_ok=True)
        (project / f"content/blog/posts/{name}").write_text(f"---\n{front}\n---\n\n# {name}\n", encoding="utf-8")
    links = ", ".join(f"[{name}](posts/{name})" for name in posts)
    (project / "content/blog/.series.yml").write_text(f"series:\n  course:\n    title: Course\n    description: See {links}.\n", encoding="utf-8")
    expected = [
        f"content/blog/.series.yml:4:{column}: the link '{link}' points to 'blog/{link}', which is in docs_dir but not published:"
        " a draft, a hidden file or a rubric's YAML"
        for link, column in (("posts/draft.md", 33), ("posts/future.md", 62))
        if link in left_out
    ]
    assert run("check") == (1 if expected else 0)
    assert [line for line in capsys.readouterr().out.splitlines() if "series.yml" in line] == expected
    build_site(project / "mkdocs.yml", project / "site", strict=False)
    assert sorted(r.getMessage() for r in caplog.records if r.levelname == "WARNING") == [f"coachfolio: {line}" for line in expected]


# WordPress ---------------------------------------------------------------------------------


def test_import_wordpress(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uploads = project / "wp-uploads"
    for image in ("2019/12/collaboration.jpg", "2019/11/women.jpg"):
        (uploads / image).parent.mkdir(parents=True, exist_ok=True)
        (uploads / image).write_bytes(b"\xff\xd8 not a real jpeg")
    assert run("import", "wordpress", str(FIXTURES / "wordpress.xml"), "--uploads", str(uploads), "--pages") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "wrote content/blog/posts/2019-12-16-the-gift-of-peer-coaching.md",
        "wrote content/blog/posts/2019-11-18-communication.md",
        "wrote content/blog/posts/2020-01-05-notes-toward-a-rubric.md",
        "wrote content/pages/about.md",
        "In-text citations to turn into keys ([@key]):",
        "  content/blog/posts/2019-12-16-the-gift-of-peer-coaching.md:21: (Foltos, 2013, pp.99)",
        "  content/blog/posts/2019-11-18-communication.md:22: (Chaudhry & Sivakamasundari, 2004)",
        "4 written, 0 skipped, 1 drafts, 1 pages, 2 images copied, 0 images missing, authors added: marisol",
    ]
    posts = project / "content/blog/posts"
    gift = (posts / "2019-12-16-the-gift-of-peer-coaching.md").read_text(encoding="utf-8")
    assert gift.startswith(
        '---\ntitle: "The Gift of Peer Coaching"\ndate:\n  created: 2019-12-16\nauthors: [marisol]\nslug: the-gift-of-peer-coaching\n'
        'categories: ["Peer Coaching"]\ntags: ["trust", "équité"]\n'
        '# The address of the original post, for redirects.\noriginal_url: "https://coach.example.blog/2019/12/16/the-gift-of-peer-coaching/"\n---\n'
    )
    assert "<!-- wp:" not in gift
    assert "Everyone should have the opportunity to collaborate with co-workers in **meaningful** ways.\n\n<!-- more -->" in gift
    assert '::figure[two colleagues at a table]{src="uploads/2019/12/collaboration.jpg" credit="Christina Morillo" source="Pexels"}' in gift
    assert gift.endswith("## References\n\nFoltos, L. (2013). *Peer Coaching: Unlocking the Power of Collaboration*. Corwin.\n")
    classic = (posts / "2019-11-18-communication.md").read_text(encoding="utf-8")
    assert "My colleague, Rachel and I just met to discuss her goals.  \nShe had little time." in classic
    assert '::figure[two women laughing]{src="uploads/2019/11/women.jpg" credit="The Coach Space" source="Pexels"}' in classic
    assert "categories: []" in classic  # "Uncategorized" is WordPress's placeholder
    assert "draft: true" in (posts / "2020-01-05-notes-toward-a-rubric.md").read_text(encoding="utf-8")
    assert (posts / "uploads/2019/12/collaboration.jpg").exists()
    assert (project / "content/pages/about.md").read_text(encoding="utf-8").endswith("# About me\n\nI coach advisors.\n")
    assert "collaboration" not in [p.stem for p in posts.glob("*.md")]  # the attachment
    authors = (project / "content/blog/.authors.yml").read_text(encoding="utf-8")
    assert authors.endswith('  marisol:\n    name: "Marisol Peña"\n    description: ""\n    avatar: assets/coachfolio-avatar.svg\n')
    # What was imported builds as it is.
    site = build_site(project / "mkdocs.yml", project / "site")
    page = soup(site / "blog/2019/12/16/the-gift-of-peer-coaching/index.html")
    assert page.select_one("figure.cf-figure img")["src"] == "../../../../uploads/2019/12/collaboration.jpg"
    # The author's avatar, as Material's blog reads its path: from the site's root.
    avatar = page.select_one(".md-author img")
    assert (avatar["alt"], avatar["src"]) == ("Marisol Peña", "../../../../../assets/coachfolio-avatar.svg")
    assert (site / "assets/coachfolio-avatar.svg").is_file()
    assert not (site / "blog/2020/01/05/notes-toward-a-rubric").exists()  # a draft

    # Importing again changes nothing; --force overwrites.
    gift_path = posts / "2019-12-16-the-gift-of-peer-coaching.md"
    gift_path.write_text(gift + "\nMy own edit.\n", encoding="utf-8")
    assert run("import", "wordpress", str(FIXTURES / "wordpress.xml")) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 written, 3 skipped, 0 drafts, 0 pages, 0 images copied, 0 images missing"
    assert gift_path.read_text(encoding="utf-8").endswith("My own edit.\n")
    assert run("import", "wordpress", str(FIXTURES / "wordpress.xml"), "--force") == 0
    assert "My own edit." not in gift_path.read_text(encoding="utf-8")


def test_a_malformed_export_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = project / "broken.xml"
    broken.write_text((FIXTURES / "wordpress.xml").read_text(encoding="utf-8").replace("</channel>", ""), encoding="utf-8")
    assert run("import", "wordpress", str(broken)) == 2
    assert capsys.readouterr().err == f"coachfolio: {broken}:93:3: the export is not well-formed XML (mismatched tag); nothing was written\n"
    assert not (project / "content/blog/posts").exists()
    other = project / "other.xml"
    other.write_text("<html><body/></html>", encoding="utf-8")
    assert run("import", "wordpress", str(other)) == 2
    assert capsys.readouterr().err == f"coachfolio: {other}: not a WordPress export (expected <rss><channel>…); nothing was written\n"


# Plain text --------------------------------------------------------------------------------


def test_import_text_brings_in_the_seed_reflections(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))  # the two original posts, as copied from their blog
    assert run("import", "text", *map(str, seeds), "--date", "2019-12-16") == 0
    out = capsys.readouterr().out
    assert "wrote content/blog/posts/2019-12-16-the-gift-of-peer-coaching.md" in out
    assert "(Foltos, 2013, pp.99)" in out
    # The indicators the post names in its prose, to align it with them.
    assert out.splitlines()[-4:-1] == [
        "Standards named in the text, to list under standards: or mark as :standard[1.a]:",
        "  content/blog/posts/2019-12-16-the-gift-of-peer-coaching.md:28: ISTE Coaching standard 1.a, 1.b, and 1.c",
        "  content/blog/posts/2019-12-16-the-gift-of-peer-coaching.md:28: ISTE Coaching Standard 1.d",
    ]
    gift = (project / "content/blog/posts/2019-12-16-the-gift-of-peer-coaching.md").read_text(encoding="utf-8")
    assert gift.startswith('---\ntitle: "The Gift of Peer Coaching"\ndate:\n  created: 2019-12-16\nauthors: [coach]\n')
    assert "Comments are closed" not in gift
    assert '::figure[asian female black and white black women collaboration]{credit="Christina Morillo"}' in gift
    assert "\n## References\n\nFoltos, L. (2013). Peer Coaching" in gift
    site = build_site(project / "mkdocs.yml", project / "site")
    assert soup(site / "blog/2019/12/16/the-gift-of-peer-coaching/index.html").select_one(".cf-figure__placeholder")["aria-label"] == (
        "asian female black and white black women collaboration"
    )


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("Next come Standard 2c and 4.1.d.", ["Standard 2c and 4.1.d"]),
        ("It meets indicators 4.1.c and 4.1.d, then more.", ["indicators 4.1.c and 4.1.d"]),
        ("ISTE-C 1.A guided us.", ["ISTE-C 1.A"]),
        ("We focused on our communication standards and norms.", []),
        ("ISTE Standards for Coaches | ISTE. Retrieved December 16, 2019", []),
        ("standards: [1.a]", []),
    ],
)
def test_standards_named_in_prose_are_reported(line: str, named: list[str]) -> None:
    assert standard_mentions("post.md", line) == [f"post.md:1: {text}" for text in named]


def test_import_text_needs_a_date_when_it_cannot_ask(project: Path) -> None:
    source = project / "post.txt"
    source.write_text("Title\n\nBody.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "coachfolio", "import", "text", str(source)], capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=project)
    assert result.returncode == 1
    assert result.stderr == "coachfolio: give the posts' date with --date YYYY-MM-DD\n"


def test_check_refuses_a_default_framework_the_build_would_refuse(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("frameworks: [iste-coaches-2019]", "frameworks: [iste-coaches-2019]\n      default: iste-coaches-2011"), encoding="utf-8")
    assert run("check") == 1
    assert capsys.readouterr().out == (
        "mkdocs.yml: coachfolio/standards: default framework 'iste-coaches-2011' is not among the configured frameworks "
        "(did you mean 'iste-coaches-2019'?): iste-coaches-2019\n"
    )


def test_check_names_the_plugin_a_directive_needs_and_leaves_turned_off_plugins_out(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # mkdocs.yml may give its plugins as one mapping; `enabled: false` turns one off.
    (project / "mkdocs.yml").write_text(
        "site_name: Test\ndocs_dir: content\nplugins:\n  blog: {}\n  coachfolio/rubrics: {}\n  coachfolio/standards: {enabled: false}\n", encoding="utf-8"
    )
    (project / "content/rubrics").mkdir()
    (project / "content/rubrics/skills.yml").write_text("title: S\nlevels: [{label: X, points: 1}, {label: Y, points: 0}]\ncriteria: [{title: C, descriptors: {X: x, Y: y}}]\n", encoding="utf-8")
    (project / "content/index.md").write_text("# Home\n\n::rubric[skils]\n\n::latest-reflections\n\nAligned to :standard[1.a].\n", encoding="utf-8")
    assert run("check") == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/index.md:3:1: unknown rubric 'skils' (did you mean 'skills'?); rubrics are the .yml files in content/rubrics/",
        "content/index.md:5:1: ::latest-reflections needs the coachfolio/portfolio plugin; add it to the plugins in mkdocs.yml",
        "content/index.md:7:12: :standard needs the coachfolio/standards plugin; add it to the plugins in mkdocs.yml",
    ]
