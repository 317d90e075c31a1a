"""Coachfolio's CSS and JavaScript reach a site as one stylesheet and one script."""

from __future__ import annotations

import re
from importlib.resources import files as package_files
from pathlib import Path

from conftest import build_site, soup, write_site

SITE = """\
site_name: Test
docs_dir: docs
theme: {{name: material, font: false}}
extra_css: [own.css]
plugins:
{plugins}
"""
DOCS = {"docs/index.md": "# Home\n", "docs/own.css": "body {}\n"}


def parts(path: Path) -> list[str]:
    return re.findall(r"^/\* coachfolio part: (\w+) \*/$", path.read_text(encoding="utf-8"), re.MULTILINE)


def links(site: Path) -> tuple[list[str], list[str]]:
    page = soup(site / "index.html")
    styles = [link["href"] for link in page.select("link[rel=stylesheet]") if "assets/stylesheets/" not in link["href"]]
    scripts = [script["src"] for script in page.select('script[src*="coachfolio"]')]
    return styles, scripts


def test_each_page_links_one_stylesheet_and_one_script_holding_the_parts_in_a_fixed_order(tmp_path: Path) -> None:
    # Listed in the reverse of the bundle's order: the bundle's order does not follow mkdocs.yml.
    config = write_site(tmp_path, SITE.format(plugins="  - coachfolio/portfolio\n  - coachfolio/rubrics"), DOCS)
    site = build_site(config, tmp_path / "site")
    # The site's own styles come after Coachfolio's, so they win.
    assert links(site) == (["assets/coachfolio/coachfolio.css", "own.css"], ["assets/coachfolio/coachfolio.js"])
    assert parts(site / "assets/coachfolio/coachfolio.css") == ["common", "rubrics", "portfolio"]
    assert parts(site / "assets/coachfolio/coachfolio.js") == ["common", "rubrics"]  # portfolio has no script
    assert sorted(p.name for p in (site / "assets/coachfolio").iterdir()) == ["coachfolio.css", "coachfolio.js"]


def test_a_plugin_without_a_script_adds_no_script(tmp_path: Path) -> None:
    config = write_site(tmp_path, SITE.format(plugins="  - coachfolio/portfolio"), DOCS)
    site = build_site(config, tmp_path / "site")
    assert links(site) == (["assets/coachfolio/coachfolio.css", "own.css"], [])
    assert not (site / "assets/coachfolio/coachfolio.js").exists()


def test_every_script_part_ends_its_last_statement() -> None:
    # The parts are joined one after the other: a part ending in `})()` would
    # call the next part's opening parenthesis.
    folder = package_files("coachfolio") / "assets" / "coachfolio"
    scripts = [path for path in folder.iterdir() if path.name.endswith(".js")]
    assert len(scripts) == 4
    for script in scripts:
        assert script.read_text(encoding="utf-8").rstrip().endswith(";"), script.name
