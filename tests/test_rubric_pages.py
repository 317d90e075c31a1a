"""Rubric pages, embeds and downloads, read from real builds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from coachfolio.core.rubrics import parse_rubric
from conftest import build_site, heading_text, soup, write_site

RUBRIC = """\
title: Advisor <Skills> & more
description: What **good advising** looks like.
version: 2
authors: [Ana, Rachel]
levels:
  - label: Exemplary
    points: 4
    description: A model for others
  - label: Proficient
    points: 3
  - label: Beginning
    points: 1
criteria:
  - title: Builds trust
    section: Relationships
    weight: 2
    description: Students feel known.
    look_fors:
      - Greets each student by name
      - Follows up on last session
    descriptors:
      Exemplary: Students *seek* the advisor out.
      Proficient: Students speak openly.
      Beginning: <script>alert("x")</script>
  - title: Norms
    id: norms
    section: Relationships
    description: Agreed ways of talking.
    descriptors:
      Exemplary: Written down, revisited.
      Proficient: Agreed, followed.
      Beginning: ""
  - title: Goal setting
    section: Planning
    descriptors:
      Exemplary: Student-owned, "tracked".
      Proficient: Agreed, reviewed.
      Beginning: None yet.
"""

UNSCORED = """\
title: Lesson matrix
scoring: unscored
levels:
  - label: Developed
  - label: Emerging
criteria:
  - title: Goals
    descriptors: {Developed: Clear., Emerging: Vague.}
"""

SITE = """\
site_name: Test
site_url: https://example.org/
docs_dir: docs
theme: {name: material, font: false}
plugins:
  - coachfolio/rubrics
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rubrics")
    config = write_site(
        root,
        SITE,
        {
            "docs/index.md": "# Home\n\nOur rubric:\n\n::rubric[advisor]\n\n```\n::rubric[not-a-directive-in-code]\n```\n",
            "docs/plan.md": "# Plan\n\nWe agreed on this rubric:\n::rubric[advisor]\nand will revisit it.\n",
            "docs/rubrics/advisor.yml": RUBRIC,
            "docs/rubrics/lesson.yml": UNSCORED,
        },
    )
    return build_site(config, root / "site")


def test_the_index_lists_every_rubric_with_its_facts(site: Path) -> None:
    page = soup(site / "rubrics/index.html")
    cards = page.select(".cf-rubric-card")
    assert [heading_text(c.find("h2")) for c in cards] == ["Advisor <Skills> & more", "Lesson matrix"]
    assert cards[0].find("a")["href"] == "advisor/"
    assert cards[0].select_one(".cf-rubric-card__description").decode_contents().strip() == "<p>What <strong>good advising</strong> looks like.</p>"
    facts = [" ".join(c.select_one(".cf-rubric-card__facts").get_text().split()) for c in cards]
    assert facts == [
        "3 criteria · Levels: Exemplary, Proficient, Beginning · Up to 16 points",
        "1 criterion · Levels: Developed, Emerging · Unscored",
    ]


def test_the_rubric_table_is_semantic(site: Path) -> None:
    page = soup(site / "rubrics/advisor/index.html")
    table = page.select_one("table.cf-rubric-table")
    assert table.caption.get_text() == "Advisor <Skills> & more"
    columns = table.select("thead th[scope=col]")
    # Words of a header's parts stay apart in its text (what screen readers and the search index read), not only on screen.
    assert [" ".join(th.get_text().split()) for th in columns] == [
        "Criterion", "Exemplary 4 points A model for others", "Proficient 3 points", "Beginning 1 point",
    ]
    groups = table.find_all("tbody")
    assert [g.select_one("th[scope=rowgroup]").get_text() for g in groups] == ["Relationships", "Planning"]
    rows = table.select("tbody tr[id]")
    assert [r["id"] for r in rows] == ["criterion-builds-trust", "criterion-norms", "criterion-goal-setting"]
    assert [r.select_one("th[scope=row] .cf-criterion-title").get_text() for r in rows] == ["Builds trust", "Norms", "Goal setting"]
    assert rows[0].select_one(".cf-weight").get_text() == "weight ×2"
    assert " ".join(rows[0].th.get_text().split()) == "Builds trust weight ×2 Students feel known."
    cells = rows[0].find_all("td")
    assert cells[0].decode_contents() == "<p>Students <em>seek</em> the advisor out.</p>"
    # A table wider than a phone scrolls in its own labelled, focusable region.
    region = table.parent
    assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-labelledby"] == table.caption["id"]


def test_text_from_yaml_is_escaped(site: Path) -> None:
    raw = (site / "rubrics/advisor/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert "&lt;script&gt;alert(&ldquo;x&rdquo;)&lt;/script&gt;" in raw
    assert "<title>Advisor &lt;Skills&gt; &amp; more - Test</title>" in raw
    page = soup(site / "rubrics/advisor/index.html")
    cell = page.select("#criterion-builds-trust td")[2]
    assert cell.get_text() == '<script>alert(“x”)</script>'


def test_a_blank_descriptor_is_marked_blank(site: Path) -> None:
    cell = soup(site / "rubrics/advisor/index.html").select("#criterion-norms td")[2]
    assert cell.select_one(".cf-blank")["aria-label"] == "No descriptor"


def test_the_page_links_its_downloads_and_checklist(site: Path) -> None:
    page = soup(site / "rubrics/advisor/index.html")
    links = {a.get_text(): a["href"] for a in page.select(".cf-actions a")}
    assert links == {
        "Observation checklist": "observation/",
        "Download for Canvas (CSV)": "../advisor.csv",
        "Download as JSON": "../advisor.json",
    }
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in page.select(".cf-facts dt")}
    assert facts == {"Authors": "Ana, Rachel", "Version": "2"}
    # No checklist for a rubric without look-fors.
    assert not (site / "rubrics/lesson/observation").exists()
    assert "Observation checklist" not in soup(site / "rubrics/lesson/index.html").get_text()


def test_the_self_assessment_form_is_hidden_until_scripts_run(site: Path) -> None:
    page = soup(site / "rubrics/advisor/index.html")
    section = page.select_one("section#self-assessment")
    assert section.has_attr("hidden")
    assert page.select_one("[data-cf-selfassess-toggle]").has_attr("hidden")
    fieldsets = section.select("fieldset")
    assert [f.legend.get_text(" ", strip=True) for f in fieldsets] == ["Builds trust weight ×2", "Norms", "Goal setting"]
    radios = fieldsets[0].select("input[type=radio]")
    assert [(r["name"], r["value"], r["data-cf-points"]) for r in radios] == [
        ("cf-advisor-builds-trust", "Exemplary", "4"),
        ("cf-advisor-builds-trust", "Proficient", "3"),
        ("cf-advisor-builds-trust", "Beginning", "1"),
    ]
    notes = fieldsets[0].select_one("textarea")
    assert page.select_one(f"label[for={notes['id']}]").get_text() == "Evidence and notes"
    assert section["data-cf-max"] == "12" and section["data-cf-max-weighted"] == "16"
    summary = " ".join(section.select_one(".cf-sa-summary").get_text().split())
    assert summary == "0 of 3 criteria assessed. Total: 0 of 12 points. Weighted: 0 of 16 points (0%)."
    scripts = [s["src"] for s in page.select("script[src]")]
    assert "../../assets/coachfolio/coachfolio.js" in scripts


def test_an_unscored_rubric_shows_no_total(site: Path) -> None:
    page = soup(site / "rubrics/lesson/index.html")
    assert [" ".join(th.get_text().split()) for th in page.select("thead th")] == ["Criterion", "Developed", "Emerging"]
    summary = " ".join(page.select_one(".cf-sa-summary").get_text().split())
    assert summary == "0 of 1 criteria assessed."


def test_the_observation_checklist(site: Path) -> None:
    page = soup(site / "rubrics/advisor/observation/index.html")
    assert heading_text(page.find("h1")) == "Observation checklist: Advisor <Skills> & more"
    labels = [page.select_one(f"label[for={i['id']}]").get_text() for i in page.select(".cf-obs-fields input")]
    assert labels == ["Date", "Observer", "Observed"]
    criteria = page.select("fieldset.cf-obs-criterion")
    assert [c.legend.get_text(" ", strip=True) for c in criteria] == ["Builds trust (Relationships)"]
    look_fors = [li.get_text(strip=True) for li in criteria[0].select("li") if li.select_one("input[type=checkbox]")]
    assert look_fors == ["Greets each student by name", "Follows up on last session"]
    assert criteria[0].select_one("textarea")


def test_an_embed_renders_the_table_where_the_directive_stood(site: Path) -> None:
    page = soup(site / "index.html")
    article = page.select_one("article")
    embedded = article.select_one(".cf-rubric--embedded")
    assert embedded.find_previous_sibling("p").get_text() == "Our rubric:"
    assert embedded.select_one("caption").get_text() == "Advisor <Skills> & more"
    assert embedded.select("tr[id]") == []  # ids belong to the rubric's own page
    assert embedded.select_one(".cf-rubric-links a")["href"] == "rubrics/advisor/"
    # A directive inside a code block is shown, not run.
    assert article.select_one("pre code").get_text().strip() == "::rubric[not-a-directive-in-code]"


def test_an_embed_with_no_blank_line_around_it_ends_the_paragraph_and_starts_another(site: Path) -> None:
    article = soup(site / "plan/index.html").select_one("article")
    embedded = article.select_one(".cf-rubric--embedded")
    assert embedded.find_parent("p") is None  # a table inside a <p> is not HTML
    assert embedded.find_previous_sibling("p").get_text() == "We agreed on this rubric:"
    assert embedded.find_next_sibling("p").get_text() == "and will revisit it."


def test_rubric_pages_are_in_the_automatic_nav(site: Path) -> None:
    nav = soup(site / "index.html").select(".md-nav--primary .md-nav__link")
    titles = [" ".join(a.get_text().split()) for a in nav]
    assert "Advisor <Skills> & more" in titles and "Lesson matrix" in titles
    assert not any(t.startswith("Observation checklist") for t in titles)


def test_the_yaml_sources_are_not_published(site: Path) -> None:
    assert sorted(p.name for p in (site / "rubrics").iterdir() if p.is_file()) == ["advisor.csv", "advisor.json", "index.html", "lesson.csv", "lesson.json"]


def test_the_canvas_csv_layout(site: Path) -> None:
    text = (site / "rubrics/advisor.csv").read_bytes().decode("utf-8")
    assert text.startswith(
        "Rubric Name,Criteria Name,Criteria Description,Criteria Enable Range,"
        "Rating Name,Rating Description,Rating Points,Rating Name,Rating Description,Rating Points,"
        "Rating Name,Rating Description,Rating Points\r\n"
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1:] == [
        ["Advisor <Skills> & more", "Builds trust", "Students feel known.", "false",
         "Exemplary", "Students *seek* the advisor out.", "8",
         "Proficient", "Students speak openly.", "6",
         "Beginning", '<script>alert("x")</script>', "2"],
        ["Advisor <Skills> & more", "Norms", "Agreed ways of talking.", "false",
         "Exemplary", "Written down, revisited.", "4", "Proficient", "Agreed, followed.", "3", "Beginning", "", "1"],
        ["Advisor <Skills> & more", "Goal setting", "", "false",
         "Exemplary", 'Student-owned, "tracked".', "4", "Proficient", "Agreed, reviewed.", "3", "Beginning", "None yet.", "1"],
    ]


def test_canvas_ratings_run_from_the_highest_points(tmp_path: Path) -> None:
    rubric = parse_rubric(RUBRIC.replace("points: 4", "points: 0").replace("points: 1", "points: 5"), "advisor", "advisor.yml")
    from coachfolio.core.rubric_export import canvas_csv

    row = list(csv.reader(io.StringIO(canvas_csv(rubric))))[2]
    assert row[4::3] == ["Beginning", "Proficient", "Exemplary"]
    assert row[6::3] == ["5", "3", "0"]


def test_the_json_download_round_trips(site: Path) -> None:
    text = (site / "rubrics/advisor.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["criteria"][1] == {
        "title": "Norms",
        "id": "norms",
        "section": "Relationships",
        "description": "Agreed ways of talking.",
        "weight": 1,
        "descriptors": {"Exemplary": "Written down, revisited.", "Proficient": "Agreed, followed.", "Beginning": ""},
    }
    original = parse_rubric(RUBRIC, "advisor", "docs/rubrics/advisor.yml")
    again = parse_rubric(text, "advisor", "docs/rubrics/advisor.yml")
    assert again.to_data() == original.to_data() == data


EXPLICIT_NAV = SITE.replace("font: false}", "font: false, features: [navigation.footer]}") + """\
nav:
  - Home: index.md
  - Rubrics: rubrics/index.md
"""


def test_with_an_explicit_nav_rubrics_go_under_their_index(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_site(tmp_path, EXPLICIT_NAV, {"docs/index.md": "# Home\n", "docs/rubrics/advisor.yml": RUBRIC, "docs/rubrics/lesson.yml": UNSCORED})
    site = build_site(config, tmp_path / "site")
    page = soup(site / "rubrics/lesson/index.html")
    links = [" ".join(a.get_text().split()) for a in page.select(".md-nav--primary .md-nav__link")]
    assert links[-3:] == ["Rubrics", "Advisor <Skills> & more", "Lesson matrix"]
    assert not any("not included in the" in r.getMessage() for r in caplog.records)
    # Previous and next links follow the new order.
    assert page.select_one("a.md-footer__link--prev")["href"] == "../advisor/"
    assert page.select_one("a.md-footer__link--next") is None


def test_a_site_can_override_a_template(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        SITE.replace("theme: {name: material, font: false}", "theme: {name: material, font: false, custom_dir: overrides}"),
        {
            "docs/index.md": "# Home\n",
            "docs/rubrics/lesson.yml": UNSCORED,
            "overrides/coachfolio/rubric-index.html": "<p class=mine>{{ rubrics | length }} rubric(s)</p>\n",
        },
    )
    site = build_site(config, tmp_path / "site")
    assert soup(site / "rubrics/index.html").select_one("p.mine").get_text() == "1 rubric(s)"


def test_the_demo_embeds_the_advisor_rubric(demo_site: Path) -> None:
    page = soup(demo_site / "projects/advisor-rubric/index.html")
    assert page.select_one(".cf-rubric--embedded caption").get_text() == "First-Year Advisor Skills"
    assert len(page.select(".cf-rubric--embedded tbody tr th[scope=row]")) == 5
    index = soup(demo_site / "rubrics/index.html")
    assert [heading_text(h) for h in index.select(".cf-rubric-card h2")] == ["First-Year Advisor Skills", "Lesson Design Matrix"]
