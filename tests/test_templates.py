"""Coachfolio's templates: compiled ahead of time, and at build time only when their source changed."""

from __future__ import annotations

import json
from pathlib import Path

import coachfolio.integration.templates as templates
import jinja2
import pytest
from conftest import REPO, build_site, write_site

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


def compilations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of Coachfolio's templates Jinja compiles from here on (none kept from earlier builds)."""
    monkeypatch.setattr(templates._COMPILED, "_compiled", {})
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def recording(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        if name and name.startswith("coachfolio/"):
            compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", recording)
    return compiled


def test_the_templates_compiled_ahead_of_time_are_those_of_the_sources() -> None:
    shipped = json.loads((REPO / "plugins/coachfolio/templates/compiled.json").read_text(encoding="utf-8"))
    current = templates.compile_ahead_of_time()
    stale = sorted(set(shipped["templates"]) ^ set(current["templates"]) | {n for n in current["templates"] if shipped["templates"].get(n) != current["templates"][n]})
    assert (shipped["jinja"], stale) == (jinja2.__version__, []), "compile them again: python -m coachfolio.integration.templates"


def test_a_build_compiles_none_of_the_templates_and_an_edited_one_from_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compilations(monkeypatch)
    files = {"docs/index.md": "# Home\n\n::rubric[mini]\n\n::rubric-index\n", "docs/rubrics/mini.yml": RUBRIC, "theme/.keep": ""}
    config = write_site(tmp_path, SITE, files)
    first = build_site(config, tmp_path / "first")
    assert compiled == []

    # A template edited since it was compiled ahead of time (its source no longer matches) is compiled as it is now.
    shipped = templates._ahead_of_time()
    edited = {**shipped, "templates": {**shipped["templates"], "coachfolio/rubric-embed.html": {"sha256": "0" * 64, "code": "broken("}}}
    monkeypatch.setattr(templates, "_ahead_of_time", lambda: edited)
    second = build_site(config, tmp_path / "second")
    assert compiled == ["coachfolio/rubric-embed.html"]
    assert (second / "index.html").read_bytes() == (first / "index.html").read_bytes()


def test_a_rebuild_compiles_only_the_templates_whose_source_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = compilations(monkeypatch)
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
