"""Citations on real builds: APA 7 strings, links, reference lists, the bibliography, errors."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path

import coachfolio.citations.plugin as plugin_module
import coachfolio.core.citations.formatter as formatter_module
import pytest
from coachfolio.citations.plugin import CitationsPlugin, _Progress
from coachfolio.core.background import InBackground
from coachfolio.core.citations.bibliography import Bibliography
from coachfolio.core.citations.formatter import CitationFormatter, Formatted
from conftest import build_site, heading_text, soup, write_site
from mkdocs.exceptions import Abort

BIB = r"""
@book{foltos2013,
  author = {Foltos, L.}, title = {Peer Coaching: Unlocking the Power of Collaboration},
  publisher = {Corwin}, year = {2013}
}
@inproceedings{chaudhry2004,
  author = {Chaudhry, A. S. and Sivakamasundari, B.}, title = {Perceptions of Teachers About Knowledge Sharing in Schools},
  booktitle = {Innovations Through Information Technology}, publisher = {Idea Group Publishing}, year = {2004}, pages = {201}
}
@article{knight-coaching,
  author = {Knight, Jim}, title = {Instructional Coaching}, journaltitle = {Principal Leadership},
  year = {2007}, doi = {10.1000/xyz123}
}
@article{knight-another,
  author = {Knight, Jim}, title = {Another Look at Coaching}, journaltitle = {Journal of Staff Development}, year = {2007}
}
@book{smith-john, author = {Smith, John}, title = {Coaching Conversations}, publisher = {Corwin}, year = {2010}}
@book{smith-robert, author = {Smith, Robert}, title = {Coaching Cycles}, publisher = {Corwin}, year = {2010}}
@article{three-authors,
  author = {Alvarez, Ana and Baker, Ben and Chen, Cai}, title = {Three Voices}, journaltitle = {Journal of Coaching}, year = {2015}
}
@online{iste,
  author = {{International Society for Technology in Education}}, title = {{ISTE} Standards for Coaches},
  url = {https://www.iste.org/standards/for-coaches}, urldate = {2019-12-16}
}
@book{never-cited, author = {Nobody, N.}, title = {Uncited}, publisher = {P}, year = {2001}}
"""

PAGE = """\
# Trust

Parenthetical [@foltos2013, p. 99]. Narrative @chaudhry2004 and with a locator @chaudhry2004 [p. 203].
Parenthetical pair [@chaudhry2004]. Several [see @foltos2013, pp. 33-35; @chaudhry2004].
Suppressed: Foltos [-@foltos2013]. Same author, same year [@knight-coaching; @knight-another].
Same family name [@smith-john; @smith-robert]. Three authors [@three-authors], narrative @three-authors.
Corporate [@iste]. Chapter [@foltos2013, chap. 5].
"""

SITE = """\
site_name: Test portfolio
site_url: https://example.org/
docs_dir: docs
theme: {name: material, font: false}
plugins:
  - coachfolio/citations:
      bibliography: [refs.bib]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("citations")
    config = write_site(
        root,
        SITE,
        {"refs.bib": BIB, "docs/index.md": "# Home\n", "docs/trust.md": PAGE, "docs/other.md": "# Other\n\nAgain [@foltos2013].\n"},
    )
    return build_site(config, root / "site")


def citations(path: Path) -> list[str]:
    return [" ".join(c.get_text().split()) for c in soup(path).select("span.citation")]


def test_apa_in_text_citations(site: Path) -> None:
    assert citations(site / "trust/index.html") == [
        "(Foltos, 2013, p. 99)",
        "Chaudhry and Sivakamasundari (2004)",
        "Chaudhry and Sivakamasundari (2004, p. 203)",
        "(Chaudhry & Sivakamasundari, 2004)",
        "(see Foltos, 2013, pp. 33–35; Chaudhry & Sivakamasundari, 2004)",
        "(2013)",
        "(Knight, 2007a, 2007b)",
        "(J. Smith, 2010; R. Smith, 2010)",
        "(Alvarez et al., 2015)",
        "Alvarez et al. (2015)",
        "(International Society for Technology in Education, n.d.)",
        "(Foltos, 2013, Chapter 5)",
    ]


def test_apa_reference_list_of_the_page(site: Path) -> None:
    page = soup(site / "trust/index.html")
    assert heading_text(page.select_one("h2#references")) == "References"
    entries = page.select("div.references.hanging-indent > div.csl-entry")
    assert [e["id"] for e in entries] == [
        "ref-three-authors", "ref-chaudhry2004", "ref-foltos2013", "ref-iste",
        "ref-knight-another", "ref-knight-coaching", "ref-smith-john", "ref-smith-robert",
    ]
    texts = [" ".join(e.get_text().split()) for e in entries]
    assert texts[0] == "Alvarez, A., Baker, B., & Chen, C. (2015). Three voices. Journal of Coaching."
    assert texts[2] == "Foltos, L. (2013). Peer coaching: Unlocking the power of collaboration. Corwin."
    assert texts[3] == (
        "International Society for Technology in Education. (n.d.). ISTE standards for coaches. "
        "Retrieved December 16, 2019, from https://www.iste.org/standards/for-coaches"
    )
    assert texts[4] == "Knight, J. (2007a). Another look at coaching. Journal of Staff Development."
    assert texts[5] == "Knight, J. (2007b). Instructional coaching. Principal Leadership. https://doi.org/10.1000/xyz123"
    # DOIs and URLs are links.
    assert entries[5].find("a")["href"] == "https://doi.org/10.1000/xyz123"
    assert entries[3].find("a")["href"] == "https://www.iste.org/standards/for-coaches"
    # The list is in the table of contents.
    toc = [a.get_text(strip=True) for a in page.select(".md-nav--secondary a")]
    assert "References" in toc


def test_citations_link_to_their_entry_with_the_full_reference_as_tooltip(site: Path) -> None:
    first = soup(site / "trust/index.html").select_one("span.citation a")
    assert first["href"] == "#ref-foltos2013"
    assert first["title"] == "Foltos, L. (2013). Peer coaching: Unlocking the power of collaboration. Corwin."


def test_each_page_lists_only_what_it_cites(site: Path) -> None:
    other = soup(site / "other/index.html")
    assert [e["id"] for e in other.select(".csl-entry")] == ["ref-foltos2013"]
    assert soup(site / "index.html").select(".csl-entry") == []


def test_the_bibliography_links_back_to_every_citing_page(site: Path) -> None:
    page = soup(site / "references/index.html")
    entries = page.select(".cf-bibliography .csl-entry")
    assert "ref-never-cited" not in [e["id"] for e in entries]
    foltos = page.select_one("#ref-foltos2013")
    assert [(a.get_text(), a["href"]) for a in foltos.select(".cf-cited-in a")] == [("Other", "../other/"), ("Trust", "../trust/")]


def test_a_bibliography_directive_needs_no_blank_lines_around_it(tmp_path: Path) -> None:
    pages = {
        "docs/reading.md": "# Reading\n\nEverything cited here:\n::bibliography\nThanks for reading.\n",
        "docs/listed.md": "# Listed\n\n- Works cited:\n  ::bibliography\n",
    }
    config = write_site(tmp_path, SITE, {"refs.bib": BIB, "docs/index.md": "# Home\n\nCited [@foltos2013].\n", **pages})
    site = build_site(config, tmp_path / "site")
    reading = soup(site / "reading/index.html").select_one("article")
    bibliography = reading.select_one(".cf-bibliography")
    assert bibliography.find_parent("p") is None
    assert bibliography.find_previous_sibling("p").get_text() == "Everything cited here:"
    assert bibliography.find_next_sibling("p").get_text() == "Thanks for reading."
    listed = soup(site / "listed/index.html").select_one("article")
    assert [e["id"] for e in listed.select("li .cf-bibliography .csl-entry")] == ["ref-foltos2013"]
    assert "COACHFOLIO" not in (site / "reading/index.html").read_text() + (site / "listed/index.html").read_text()


def test_the_bibliography_file_is_not_published(site: Path) -> None:
    assert not list(site.rglob("*.bib"))


def test_nocite_lists_uncited_works(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        SITE.replace("bibliography: [refs.bib]", "bibliography: [refs.bib]\n      nocite: ['*']"),
        {"refs.bib": BIB, "docs/index.md": "# Home\n", "docs/page.md": "---\nnocite: '@iste'\n---\n\n# Page\n\nNo citation here.\n"},
    )
    site = build_site(config, tmp_path / "site")
    assert "ref-never-cited" in [e["id"] for e in soup(site / "references/index.html").select(".csl-entry")]
    assert [e["id"] for e in soup(site / "page/index.html").select(".csl-entry")] == ["ref-iste"]


def warnings_of_strict_build(tmp_path: Path, caplog: pytest.LogCaptureFixture, page: str) -> list[str]:
    """The warnings that stop a strict build of the test site whose home page is `page`."""
    config = write_site(tmp_path, SITE, {"refs.bib": BIB, "docs/index.md": page})
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


def test_unknown_keys_fail_a_strict_build_and_show_as_unresolved(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = "---\ntitle: Seed\n---\n\n# Seed\n\nFigure 5.1 Fetter, 2017) stays text, but\n[@fetter2017] and @foltos213 are reported.\n"
    assert warnings_of_strict_build(tmp_path, caplog, page) == [
        "coachfolio: docs/index.md:8:1: unknown citation key 'fetter2017'",
        "coachfolio: docs/index.md:8:19: unknown citation key 'foltos213' (did you mean 'foltos2013'?)",
    ]
    site = build_site(tmp_path / "mkdocs.yml", tmp_path / "lenient", strict=False)
    assert citations(site / "index.html") == ["(fetter2017?)", "(foltos213?)"]


def test_an_unfinished_locator_fails_a_strict_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = "# Home\n\nQuoted [@foltos2013, p. ] and\nagain @chaudhry2004 [p.], but [@foltos2013, p. 4] is whole.\n"
    assert warnings_of_strict_build(tmp_path, caplog, page) == [
        "coachfolio: docs/index.md:3:8: citation '[@foltos2013, p. ]' has an unfinished locator: give the page (as in 'p. 12') or leave it out",
        "coachfolio: docs/index.md:4:7: citation '@chaudhry2004 [p.]' has an unfinished locator: give the page (as in 'p. 12') or leave it out",
    ]


def test_a_pages_citation_problems_are_reported_in_the_order_they_stand(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = "---\nnocite: [nobody]\n---\n\n# Home\n\nQuoted [@foltos2013, p. ], then @foltos213 and [@chaudhry2004,].\n"
    assert warnings_of_strict_build(tmp_path, caplog, page) == [
        "coachfolio: docs/index.md:1:1: nocite names unknown citation key 'nobody'",
        "coachfolio: docs/index.md:7:8: citation '[@foltos2013, p. ]' has an unfinished locator: give the page (as in 'p. 12') or leave it out",
        "coachfolio: docs/index.md:7:33: unknown citation key 'foltos213' (did you mean 'foltos2013'?)",
        "coachfolio: docs/index.md:7:48: citation '[@chaudhry2004,]' has an unfinished locator: give the page (as in 'p. 12') or leave it out",
    ]


def test_a_citation_in_a_links_text_has_no_link_of_its_own(tmp_path: Path) -> None:
    page = (
        "# Home\n\nAs [@foltos2013] shows, [as @chaudhry2004 says](https://example.org/talk) and\n"
        "[see @foltos2013, p. 9][talk], a link cannot hold another.\n\n[talk]: https://example.org/talk\n"
    )
    config = write_site(tmp_path, SITE, {"refs.bib": BIB, "docs/index.md": page})
    site = build_site(config, tmp_path / "site")
    paragraph = soup(site / "index.html").select_one("article p")
    assert [a["href"] for a in paragraph.find_all("a")] == ["#ref-foltos2013", "https://example.org/talk", "https://example.org/talk"]
    assert [" ".join(a.get_text().split()) for a in paragraph.find_all("a")[1:]] == [
        "as Chaudhry and Sivakamasundari (2004) says",
        "see Foltos (2013), p. 9",  # the brackets are the link's: the citation is the narrative @foltos2013
    ]
    assert paragraph.select("a a") == []


def test_pages_are_read_while_a_large_bibliography_is_still_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A whole Zotero library takes pandoc seconds to read: the pages are read
    # meanwhile, and their keys checked once the bibliography is in.
    page_read = threading.Event()
    order: list[str] = []
    real_load, real_markdown = plugin_module.load_bibliography, CitationsPlugin.on_page_markdown

    def slow_load(sources: list[tuple[Path, str]]) -> Bibliography:
        order.append("a page read, then the bibliography" if page_read.wait(10) else "the bibliography first")
        return real_load(sources)

    def reading(self: CitationsPlugin, markdown: str, page: object, config: object, files: object) -> str | None:
        page_read.set()
        return real_markdown(self, markdown, page, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(plugin_module, "load_bibliography", slow_load)
    monkeypatch.setattr(CitationsPlugin, "on_page_markdown", reading)
    page = "# Seed\n\nText.\n\n[@foltos2013] and @foltos213, and [@knight-coaching].\n"
    config = write_site(tmp_path, SITE, {"refs.bib": BIB, "docs/index.md": page, "docs/empty.md": "# Empty\n\nOnly [@nobody].\n"})
    site = build_site(config, tmp_path / "site", strict=False)
    assert order == ["a page read, then the bibliography"]
    assert sorted(r.getMessage() for r in caplog.records if r.levelname == "WARNING") == [
        "coachfolio: docs/empty.md:3:6: unknown citation key 'nobody'",
        "coachfolio: docs/index.md:5:19: unknown citation key 'foltos213' (did you mean 'foltos2013'?)",
    ]
    assert citations(site / "index.html") == ["(Foltos, 2013)", "(foltos213?)", "(Knight, 2007)"]
    assert [e["id"] for e in soup(site / "index.html").select(".csl-entry")] == ["ref-foltos2013", "ref-knight-coaching"]
    assert soup(site / "empty/index.html").select(".references") == []  # no list of nothing


def test_bibliography_errors_name_the_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    duplicate = "@book{foltos2013, author = {Other, O.}, title = {Dup}, year = {2020}}\n"
    same = "@book{x1, title = {A}, year = {2000}}\n@book{x1, title = {B}, year = {2001}}\n"
    broken = "@book{a, title = {A}, year = {2001}}\n\n@book{b,\n  title = {Unclosed,\n  year = {2002}\n}\n"
    config = write_site(
        tmp_path,
        SITE.replace("bibliography: [refs.bib]", "bibliography: [refs.bib, more.bib, same.bib, broken.bib, missing.json]"),
        {"refs.bib": BIB, "more.bib": "\n\n" + duplicate + "\n" + duplicate, "same.bib": same, "broken.bib": broken, "docs/index.md": "# Home\n"},
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "Bibliography files have problems:\n"
        "broken.bib:8:1: pandoc could not read this BibTeX file: unexpected end of input\n"
        "missing.json:1:1: bibliography file not found (paths are relative to mkdocs.yml)\n"
        "more.bib:3:1: citation key 'foltos2013' is already defined on line 2 of refs.bib\n"
        "more.bib:5:1: citation key 'foltos2013' is already defined on line 2 of refs.bib\n"
        "same.bib:2:1: citation key 'x1' is already defined on line 1"
    ]


def test_an_unknown_style_suggests_names(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = write_site(tmp_path, SITE.replace("bibliography: [refs.bib]", "bibliography: [refs.bib]\n      style: apaa"), {"refs.bib": BIB, "docs/index.md": "# Home\n"})
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    message = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"][0]
    assert message.startswith("coachfolio/citations: unknown citation style 'apaa' (did you mean 'apa'")


def test_csl_json_and_yaml_bibliographies(tmp_path: Path) -> None:
    json_bib = '[{"id": "doe2020", "type": "book", "title": "Coaching", "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]}}]'
    yaml_bib = "references:\n  - id: roe2021\n    type: book\n    title: Mentoring\n    author: [{family: Roe, given: Rick}]\n    issued: {date-parts: [[2021]]}\n"
    config = write_site(
        tmp_path,
        SITE.replace("bibliography: [refs.bib]", "bibliography: [a.json, b.yaml]"),
        {"a.json": json_bib, "b.yaml": yaml_bib, "docs/index.md": "# Home\n\n[@doe2020; @roe2021]\n"},
    )
    site = build_site(config, tmp_path / "site")
    assert citations(site / "index.html") == ["(Doe, 2020; Roe, 2021)"]


def test_uncited_entries_are_counted_and_a_few_named(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    works = [{"id": f"work{n:02}", "type": "book", "title": "T", "author": [{"family": "Doe"}], "issued": {"date-parts": [[2000 + n]]}} for n in range(13)]
    config = write_site(
        tmp_path,
        SITE.replace("bibliography: [refs.bib]", "bibliography: [a.json]"),
        {"a.json": json.dumps(works), "docs/index.md": "# Home\n\n[@work05]\n"},
    )
    caplog.set_level(logging.INFO, logger="mkdocs")
    build_site(config, tmp_path / "site")
    assert [r.getMessage() for r in caplog.records if "not cited" in r.getMessage()] == [
        "coachfolio: 12 bibliography entries are not cited: work00, work01, work02, work03, work04, work06, work07, work08, work09, work10 and 2 more"
    ]


def test_csl_json_fields_are_read_as_csl_markup_not_markdown(tmp_path: Path) -> None:
    # Zotero's CSL-JSON keeps asterisks, underscores and backslashes as written
    # and marks italics as <i>: none of it is Markdown.
    json_bib = (
        '[{"id": "doe2020", "type": "book", "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2020]]},'
        ' "title": "The 4*3 *model*: coaching_notes, <i>Sic</i> and a \\\\ slash", "publisher": "A & B"}]'
    )
    config = write_site(
        tmp_path,
        SITE.replace("bibliography: [refs.bib]", "bibliography: [a.json]"),
        {"a.json": json_bib, "docs/index.md": "# Home\n\n[@doe2020]\n"},
    )
    site = build_site(config, tmp_path / "site")
    entry = soup(site / "index.html").select_one("#ref-doe2020")
    assert entry.get_text(" ", strip=True) == "Doe, J. (2020). The 4*3 *model*: coaching_notes, Sic and a \\ slash . A & B."
    assert [str(tag) for tag in entry.select("em em")] == ["<em>Sic</em>"]


def formatting_reports(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the builds so far said of formatting their citations (`mkdocs build --verbose` shows it)."""
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("coachfolio: citations formatted")]


def test_one_pandoc_call_formats_a_whole_site_and_a_rebuild_reuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.coachfolio.citations.plugin")
    calls: list[str] = []
    real = formatter_module.run_pandoc

    def counting(arguments: list[str], text: str) -> str:
        calls.append(text)
        return real(arguments, text)

    monkeypatch.setattr(formatter_module, "run_pandoc", counting)
    monkeypatch.setattr(CitationFormatter, "_cache", {})
    pages = {f"docs/page-{n}.md": f"# Page {n}\n\nCited [@foltos2013, p. {n}] and @chaudhry2004.\n" for n in range(30)}
    config = write_site(tmp_path, SITE, {"refs.bib": BIB, "docs/index.md": "# Home\n", **pages})
    build_site(config, tmp_path / "first")
    assert len(calls) == 1
    assert len(re.findall(r"^CFCLUSTER\d+ ", calls[0], re.MULTILINE)) == 31  # 30 locators and one narrative
    [first] = formatting_reports(caplog)
    assert re.fullmatch(
        r"coachfolio: citations formatted by pandoc in 1 call, \d+\.\d\d s beside the build; the build waited \d+\.\d\d s for them", first
    )
    build_site(config, tmp_path / "second")
    assert len(calls) == 1  # nothing changed, nothing reformatted
    assert formatting_reports(caplog)[1:] == ["coachfolio: citations formatted by an earlier build: pandoc did not run"]
    (tmp_path / "docs/page-0.md").write_text("# Page 0\n\nNow [@foltos2013, p. 500].\n", encoding="utf-8")
    site = build_site(config, tmp_path / "third")
    assert len(calls) == 2
    assert re.findall(r"^CFCLUSTER\d+ .*$", calls[1], re.MULTILINE) == ["CFCLUSTER0 [@foltos2013, p. 500]"]
    assert citations(site / "page-0/index.html") == ["(Foltos, 2013, p. 500)"]
    assert citations(site / "page-1/index.html") == ["(Foltos, 2013, p. 1)", "Chaudhry and Sivakamasundari (2004)"]


def test_formatted_citations_are_kept_for_the_latest_sets_of_cited_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Under `mkdocs serve`, every newly cited work starts a new run of the whole
    # site's citations; a long session keeps only the latest few.
    formatted: list[list[str]] = []

    def fake_pandoc(self: CitationFormatter, run: object, clusters: list[str], items: list[dict], **_: object) -> None:
        formatted.append(clusters)
        run.clusters.update({text: text.upper() for text in clusters})  # type: ignore[attr-defined]
        run.order = [item["id"] for item in items]  # type: ignore[attr-defined]

    monkeypatch.setattr(CitationFormatter, "_run_pandoc", fake_pandoc)
    monkeypatch.setattr(CitationFormatter, "_cache", {})
    (tmp_path / "style.csl").write_text("<style/>", encoding="utf-8")
    works = Bibliography({key: {"id": key, "type": "book"} for key in "abcde"})
    formatter = CitationFormatter(works, tmp_path / "style.csl")
    for key in "abcde":
        assert formatter.format([f"[@{key}]"], [key]).clusters == {f"[@{key}]": f"[@{key.upper()}]"}
    assert len(formatted) == 5
    formatter.format(["[@b]"], ["b"])  # among the latest four
    assert len(formatted) == 5
    formatter.format(["[@a]"], ["a"])  # the oldest, let go
    assert formatted[-1] == ["[@a]"] and len(formatted) == 6


def test_a_posts_own_entry_is_not_formatted_again_when_only_the_bibliography_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Under `mkdocs serve`, adding a work to the .bib must not reformat every post's "Cite this".
    formatted: list[list[str]] = []

    def fake_pandoc(self: CitationFormatter, run: object, clusters: list[str], items: list[dict], **_: object) -> None:
        formatted.append([item["id"] for item in items])
        run.entries = {item["id"]: item["title"] for item in items}  # type: ignore[attr-defined]

    monkeypatch.setattr(CitationFormatter, "_run_pandoc", fake_pandoc)
    monkeypatch.setattr(CitationFormatter, "_standalone", {})
    (tmp_path / "style.csl").write_text("<style/>", encoding="utf-8")
    post = {"id": "coachfolio-post-trust", "type": "post-weblog", "title": "Trust"}
    before = CitationFormatter(Bibliography({"a": {"id": "a", "type": "book"}}), tmp_path / "style.csl")
    assert before.format_entries([post]) == {"coachfolio-post-trust": "Trust"}
    after = CitationFormatter(Bibliography({"a": {"id": "a", "type": "book"}, "b": {"id": "b", "type": "book"}}), tmp_path / "style.csl")
    assert after.format_entries([post]) == {"coachfolio-post-trust": "Trust"}
    assert formatted == [["coachfolio-post-trust"]]
    # Another style, or the post changed, is formatted anew.
    (tmp_path / "other.csl").write_text("<style version='1.0'/>", encoding="utf-8")
    CitationFormatter(Bibliography({}), tmp_path / "other.csl").format_entries([post])
    after.format_entries([{**post, "title": "Trust, again"}])
    assert formatted == [["coachfolio-post-trust"]] * 3
    # Only the entries asked for last are kept: edits through a long `mkdocs serve` session leave none behind.
    assert list(CitationFormatter._standalone.values()) == ["Trust, again"]


BLOG_SITE = """\
site_name: Test portfolio
site_url: https://example.org/
docs_dir: docs
theme: {name: material, font: false}
plugins:
  - blog
  - coachfolio/citations:
      bibliography: [refs.bib]
"""

POST = """\
---
date: 2019-12-16
authors: [coach]
---

# The Gift of Peer Coaching

Trust is a springboard [@foltos2013, p. 99].

<!-- more -->

More.
"""

# A blog with its authors file, and a site of two posts by one author in one year.
BLOG_FILES = {
    "refs.bib": BIB,
    "docs/index.md": "# Home\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/.authors.yml": "authors:\n  coach:\n    name: Demo Coach\n    description: Coach\n    avatar: https://example.org/a.png\n",
}
TWO_POSTS = {
    **BLOG_FILES,
    "docs/blog/posts/gift.md": POST,
    "docs/blog/posts/other.md": POST.replace("2019-12-16", "2019-11-18").replace("The Gift of Peer Coaching", "Communication & Trust"),
}


def test_cite_this_reflection_and_scholar_meta_tags(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        BLOG_SITE,
        TWO_POSTS,
    )
    site = build_site(config, tmp_path / "site")
    post = soup(site / "blog/2019/12/16/the-gift-of-peer-coaching/index.html")
    box = post.select_one("section.cf-cite-this")
    assert box.h2.get_text() == "Cite this reflection"
    assert box["id"] == "cite-this"  # an address to link to
    # Both lists the plugin adds are in the table of contents, in the page's order.
    toc = [(a.get_text(strip=True), a["href"]) for a in post.select(".md-nav--secondary a")]
    assert toc == [("References", "#references"), ("Cite this reflection", "#cite-this")]
    # Each post stands alone: no 2019a/2019b although both are by one author in one year.
    assert " ".join(box.select_one(".cf-cite-this__apa").get_text().split()) == (
        "Coach, D. (2019, December 16). The Gift of Peer Coaching. Test Portfolio. "
        "https://example.org/blog/2019/12/16/the-gift-of-peer-coaching/"
    )
    assert box.select_one("#cf-cite-this-bibtex").get_text() == (
        "@online{coach2019gift,\n"
        "  author = {Coach, Demo},\n"
        "  title = {{The Gift of Peer Coaching}},\n"
        "  date = {2019-12-16},\n"
        "  organization = {Test portfolio},\n"
        "  url = {https://example.org/blog/2019/12/16/the-gift-of-peer-coaching/},\n"
        "  langid = {en}\n"
        "}"
    )
    assert [b["data-cf-copy"] for b in box.select("button[data-cf-copy]")] == ["cf-cite-this-apa", "cf-cite-this-bibtex"]
    meta = [(m["name"], m["content"]) for m in post.select("head meta[name^=citation_]")]
    assert meta == [
        ("citation_title", "The Gift of Peer Coaching"),
        ("citation_author", "Coach, Demo"),
        ("citation_publication_date", "2019/12/16"),
        ("citation_abstract_html_url", "https://example.org/blog/2019/12/16/the-gift-of-peer-coaching/"),
        ("citation_language", "en"),
    ]
    other = soup(site / "blog/2019/11/18/communication--trust/index.html")
    assert "\\&" in other.select_one("#cf-cite-this-bibtex").get_text()
    # A citation in an excerpt shown on the blog index links to the post's own list.
    index = soup(site / "blog/index.html")
    links = [a["href"] for a in index.select("span.citation a")]
    assert links == ["2019/12/16/the-gift-of-peer-coaching/#ref-foltos2013", "2019/11/18/communication--trust/#ref-foltos2013"]
    assert "COACHFOLIO" not in (site / "blog/index.html").read_text(encoding="utf-8")


def test_the_demo_cites_by_key(demo_site: Path) -> None:
    communication = demo_site / "blog/2019/11/18/communication-and-collaboration/index.html"
    assert citations(communication) == ["(Chaudhry & Sivakamasundari, 2004, p. 203)", "(Foltos, 2013, p. 67)"]
    text = soup(communication).get_text()
    assert "Figure 5.1 Fetter, 2017) elaborates" in text
    gift = soup(demo_site / "blog/2019/12/16/the-gift-of-peer-coaching/index.html")
    assert [e["id"] for e in gift.select("div.references .csl-entry")] == ["ref-foltos2013", "ref-iste-coaches", "ref-sdsu-pci"]


def test_a_posts_own_entry_never_gives_way_to_a_dash_for_a_repeated_author(tmp_path: Path) -> None:
    # MLA replaces an author repeated from the entry above with "———"; a post's own entry stands alone.
    config = write_site(
        tmp_path,
        BLOG_SITE.replace("bibliography: [refs.bib]", "bibliography: [refs.bib]\n      style: modern-language-association"),
        TWO_POSTS,
    )
    site = build_site(config, tmp_path / "site")
    entries = [
        " ".join(soup(site / page).select_one(".cf-cite-this__apa").get_text().split())
        for page in ("blog/2019/11/18/communication--trust/index.html", "blog/2019/12/16/the-gift-of-peer-coaching/index.html")
    ]
    assert [entry.split(".")[0] for entry in entries] == ["Coach, Demo", "Coach, Demo"]


def test_a_post_whose_title_the_early_scan_reads_otherwise_gets_its_entry_as_rendered(tmp_path: Path) -> None:
    # The scan before the pages are rendered takes a post's title from its
    # heading as written; MkDocs's title drops the emphasis. The posts' own
    # entries are then formatted again, from the titles as rendered.
    files = {**TWO_POSTS, "docs/blog/posts/gift.md": POST.replace("# The Gift of Peer Coaching", "# The Gift of *Peer* Coaching")}
    site = build_site(write_site(tmp_path, BLOG_SITE, files), tmp_path / "site")
    box = soup(site / "blog/2019/12/16/the-gift-of-peer-coaching/index.html").select_one("section.cf-cite-this")
    assert " ".join(box.select_one(".cf-cite-this__apa").get_text().split()) == (
        "Coach, D. (2019, December 16). The Gift of Peer Coaching. Test Portfolio. "
        "https://example.org/blog/2019/12/16/the-gift-of-peer-coaching/"
    )


def test_pages_written_before_pandoc_finishes_are_completed_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"refs.bib": BIB, "docs/index.md": "# Home\n", "docs/trust.md": PAGE}
    config = write_site(tmp_path, SITE, files)
    monkeypatch.setattr(CitationFormatter, "_cache", {})
    on_time = build_site(config, tmp_path / "on-time")
    # As on a big site: pandoc still busy, on every batch, while every page is written.
    monkeypatch.setattr(CitationFormatter, "_cache", {})
    monkeypatch.setattr(InBackground, "done", lambda self: False)
    monkeypatch.setattr(CitationsPlugin, "progress", property(lambda self: _Progress(), lambda self, value: None), raising=False)
    late = build_site(config, tmp_path / "late")
    for page in ("trust/index.html", "references/index.html"):
        assert (late / page).read_text(encoding="utf-8") == (on_time / page).read_text(encoding="utf-8")
    assert "COACHFOLIO" not in (late / "trust/index.html").read_text(encoding="utf-8")


def test_pages_go_to_pandoc_in_batches_and_each_is_completed_when_its_batch_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = {
        f"docs/blog/posts/post-{n}.md": f"---\ndate: 2019-11-1{n}\nauthors: [coach]\n---\n\n# Post {n}\n\n"
        f"Cited [@foltos2013, p. {n}] and [@knight-coaching, p. {n}].\n\n<!-- more -->\n\nMore.\n"
        for n in range(5)
    }
    # A post's `nocite` is read before the pages are, from the post the blog has read already.
    posts["docs/blog/posts/post-0.md"] = posts["docs/blog/posts/post-0.md"].replace("authors: [coach]\n", "authors: [coach]\nnocite: '@iste'\n")
    files = {**BLOG_FILES, **posts}
    config = write_site(tmp_path, BLOG_SITE, files)
    monkeypatch.setattr(CitationFormatter, "_cache", {})
    monkeypatch.setattr(CitationFormatter, "_standalone", {})
    whole = build_site(config, tmp_path / "whole")
    listed = [e["id"] for e in soup(whole / "blog/2019/11/10/post-0/index.html").select(".references .csl-entry")]
    assert listed == ["ref-foltos2013", "ref-iste", "ref-knight-coaching"]

    documents: list[str] = []
    real = formatter_module.run_pandoc
    monkeypatch.setattr(formatter_module, "run_pandoc", lambda arguments, text: documents.append(text) or real(arguments, text))
    monkeypatch.setattr(CitationFormatter, "_cache", {})
    monkeypatch.setattr(CitationFormatter, "_standalone", {})
    monkeypatch.setattr(CitationFormatter, "batch", 2)  # one post per batch

    # The background work runs at once but is never reported finished: a page
    # is completed only from the batches published so far.
    def at_once(self: InBackground, work: Callable[[], object], name: str) -> None:
        self._work, self._value, self._error = work, None, None
        self._run()
        self._thread = threading.Thread(target=lambda: None)
        self._thread.start()
        self._thread.join()

    monkeypatch.setattr(InBackground, "__init__", at_once)
    monkeypatch.setattr(InBackground, "done", lambda self: False)
    left_for_the_end: list[list[str]] = []
    real_post_build = CitationsPlugin.on_post_build

    def recording(self: CitationsPlugin, config: object) -> None:
        left_for_the_end.append([page.file.src_uri for page, _ in self.unfinished])
        real_post_build(self, config)  # type: ignore[arg-type]

    recording.mkdocs_priority = -100  # type: ignore[attr-defined]
    monkeypatch.setattr(CitationsPlugin, "on_post_build", recording)
    batched = build_site(config, tmp_path / "batched")

    cluster_documents = [d for d in documents if "CFCLUSTER" in d]
    assert [len(re.findall(r"^CFCLUSTER\d+ ", d, re.MULTILINE)) for d in cluster_documents] == [2, 2, 2, 2, 2]
    # Only the site bibliography, which lists every batch's works, waits for the end.
    assert left_for_the_end == [["references.md"]]
    pages = ["blog/index.html", "references/index.html"] + [f"blog/2019/11/1{n}/post-{n}/index.html" for n in range(5)]
    for page in pages:
        assert (batched / page).read_text(encoding="utf-8") == (whole / page).read_text(encoding="utf-8"), page
    assert citations(batched / "blog/2019/11/13/post-3/index.html") == ["(Foltos, 2013, p. 3)", "(Knight, 2007, p. 3)"]


def test_a_post_with_a_cite_this_heading_of_its_own_keeps_its_id(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    own = POST.replace("More.", "## Cite this\n\nAsk me first.\n\n[Its box](#cite-this-reflection), [my note](#cite-this).")
    config = write_site(tmp_path, BLOG_SITE.replace("plugins:", "validation: {anchors: warn}\nplugins:"), {**BLOG_FILES, "docs/blog/posts/gift.md": own})
    post = soup(build_site(config, tmp_path / "site") / "blog/2019/12/16/the-gift-of-peer-coaching/index.html")
    assert [w for w in caplog.records if w.levelname == "WARNING"] == []
    assert post.find(id="cite-this").get_text() == "Cite this"
    assert post.find(id="cite-this-reflection").name == "section"
    toc = [(a.get_text(strip=True), a["href"]) for a in post.select(".md-nav--secondary a")]
    assert toc == [("Cite this", "#cite-this"), ("References", "#references"), ("Cite this reflection", "#cite-this-reflection")]


def test_the_headings_of_what_the_plugin_adds_are_settings(tmp_path: Path) -> None:
    # A portfolio in another language, or one that calls its posts essays; the settings are text, not HTML.
    settings = "bibliography: [refs.bib]\n      references_title: Works <cited> & read\n      cite_this_title: Cite <this> essay"
    config = write_site(tmp_path, BLOG_SITE.replace("bibliography: [refs.bib]", settings), TWO_POSTS)
    post = soup(build_site(config, tmp_path / "site") / "blog/2019/12/16/the-gift-of-peer-coaching/index.html")
    assert heading_text(post.select_one("h2#references")) == "Works <cited> & read"
    assert post.select_one("section.cf-cite-this h2").get_text() == "Cite <this> essay"
    assert [a.get_text(strip=True) for a in post.select(".md-nav--secondary a")] == ["Works <cited> & read", "Cite <this> essay"]


def test_reference_lists_rendered_ahead_are_rendered_again_for_other_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The reference lists and "Cite this" boxes of the next pages are rendered
    # with the current one's; they must not outlast the entries they show.
    config = write_site(tmp_path, BLOG_SITE, TWO_POSTS)
    plugins: list[CitationsPlugin] = []
    real_on_env = CitationsPlugin.on_env
    monkeypatch.setattr(CitationsPlugin, "on_env", lambda self, *args, **kwargs: plugins.append(self) or real_on_env(self, *args, **kwargs))
    build_site(config, tmp_path / "site")
    plugin = plugins[0]
    formatted, own = plugin._ensure_formatted(), plugin.own_entries
    upcoming = plugin.write_order
    assert upcoming == ["blog/posts/gift.md", "blog/posts/other.md"]

    plugin._page_ends(upcoming, formatted, own)  # renders the second post's too
    changed = Formatted(formatted.clusters, {key: f"{entry} (changed)" for key, entry in formatted.entries.items()}, formatted.order)
    references, cite_this = plugin._page_ends(upcoming[1:], changed, own)
    assert 'id="ref-foltos2013"' in references and "Corwin. (changed)</div>" in references
    assert "Communication &amp; Trust" in cite_this


def test_feeds_and_the_search_index_carry_citations_as_text(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        BLOG_SITE.replace("  - blog\n", "  - search\n  - blog\n  - rss:\n      match_path: blog/posts/.*\n      use_git: false\n      date_from_meta: {as_creation: date}\n"),
        {**BLOG_FILES, "docs/blog/posts/gift.md": POST},
    )
    ending = POST.replace("Trust is a springboard [@foltos2013, p. 99].", "Trust is a springboard, as shown by @foltos2013 [p. 99]").replace("2019-12-16", "2019-12-17")
    (tmp_path / "docs/blog/posts/ending.md").write_text(ending, encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "COACHFOLIO" not in index
    assert "Trust is a springboard (Foltos, 2013, p. 99)." in index
    for feed in ("feed_rss_created.xml", "feed_json_created.json"):
        text = (site / feed).read_text(encoding="utf-8")
        assert "COACHFOLIO" not in text
        assert "(Foltos, 2013, p. 99)" in text
    # A citation that ends a paragraph leaves the paragraph's closing tag in place.
    items = json.loads((site / "feed_json_created.json").read_text(encoding="utf-8"))["items"]
    opening = next(item["content_html"] for item in items if "shown by" in item["content_html"])
    assert "<p>Trust is a springboard, as shown by Foltos (2013, p. 99)</p>" in opening


def test_the_search_index_holds_each_reference_list_and_the_bibliography(tmp_path: Path) -> None:
    # They are filled in after the search plugin read the pages; a reader searching for a work's title must still find them.
    other = POST.replace("2019-12-16", "2019-11-18").replace("The Gift of Peer Coaching", "Communication & Trust")
    other = other.replace("Trust is a springboard [@foltos2013, p. 99].", "Sharing knowledge [@chaudhry2004] builds trust [@foltos2013].")
    config = write_site(
        tmp_path,
        BLOG_SITE.replace("  - blog\n", "  - search\n  - blog\n"),
        {**BLOG_FILES, "docs/blog/posts/gift.md": POST, "docs/blog/posts/other.md": other},
    )
    site = build_site(config, tmp_path / "site")
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "COACHFOLIO" not in index
    docs = {document["location"]: document for document in json.loads(index)["docs"]}
    foltos = "<p>Foltos, L. (2013). Peer coaching: Unlocking the power of collaboration. Corwin.</p>"
    chaudhry = "<p>Chaudhry, A. S., &amp; Sivakamasundari, B. (2004). Perceptions of teachers about knowledge sharing in schools. Innovations Through Information Technology, 201.</p>"
    gift = "blog/2019/12/16/the-gift-of-peer-coaching/"
    # Each post's reference list is a section of its own, after the rest of its page, as under any heading.
    assert [location for location in docs if location.startswith(gift)] == [gift, gift + "#references"]
    assert docs[gift + "#references"] == {"location": gift + "#references", "title": "References", "text": foltos}
    assert docs["blog/2019/11/18/communication--trust/#references"]["text"] == f"{chaudhry} {foltos}"
    # The post's text keeps its citation, and leaves out "Cite this", which repeats its title.
    assert docs[gift]["text"] == "<p>Trust is a springboard (Foltos, 2013, p. 99).</p> <p>More.</p>"
    assert docs["references/"] == {"location": "references/", "title": "References", "text": f"{chaudhry} {foltos}"}


def test_et_al_expands_to_tell_works_apart(tmp_path: Path) -> None:
    authors = '[{"family": "Alvarez", "given": "Ana"}, {"family": "%s", "given": "B."}, {"family": "%s", "given": "C."}]'
    works = (
        '[{"id": "one", "type": "book", "title": "One", "issued": {"date-parts": [[2015]]}, "author": ' + authors % ("Baker", "Chen") + "},"
        ' {"id": "two", "type": "book", "title": "Two", "issued": {"date-parts": [[2015]]}, "author": ' + authors % ("Diaz", "Evans") + "}]"
    )
    config = write_site(
        tmp_path,
        SITE.replace("bibliography: [refs.bib]", "bibliography: [works.json]"),
        {"works.json": works, "docs/index.md": "# Home\n\n[@one] and @two.\n"},
    )
    site = build_site(config, tmp_path / "site")
    assert citations(site / "index.html") == ["(Alvarez, Baker, et al., 2015)", "Alvarez, Diaz, et al. (2015)"]
