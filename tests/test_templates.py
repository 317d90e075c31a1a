"""Coachfolio's templates: compiled once per process, and again only when their source changes."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from conftest import build_site, write_site

SITE = """\
site_name: Test
docs_dir: docs
theme: {name: material, font: false, custom_dir: theme}
plugins:
  - coachfolio/rubrics
"""

RUBRIC = """\
title: Mini
levels:
  - label: High
    points: 2
  - label: Low
    points: 1
criteria:
  - title: Trust
    descriptors:
      High: Lots
      Low: Little
"""

EMBED = '<div class="own-embed">{{ rubric.title }} ({marker})</div>\n'


def test_a_rebuild_compiles_only_the_templates_whose_source_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def recording(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        if name and name.startswith("coachfolio/"):
            compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", recording)
    override = tmp_path / "theme/coachfolio/rubric-embed.html"
    files = {"docs/index.md": "# Home\n\n::rubric[mini]\n", "docs/rubrics/mini.yml": RUBRIC, "theme/coachfolio/rubric-embed.html": EMBED.replace("{marker}", "first")}
    config = write_site(tmp_path, SITE, files)

    build_site(config, tmp_path / "site")
    compiled.clear()
    build_site(config, tmp_path / "site")  # as `mkdocs serve` rebuilds: a new environment, the same sources
    assert compiled == []

    override.write_text(EMBED.replace("{marker}", "second"), encoding="utf-8")
    build_site(config, tmp_path / "site")
    assert compiled == ["coachfolio/rubric-embed.html"]
    assert '<div class="own-embed">Mini (second)</div>' in (tmp_path / "site/index.html").read_text(encoding="utf-8")
