"""Shared helpers: build real MkDocs sites into temporary folders."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

REPO = Path(__file__).resolve().parents[1]

# Material prints a banner about MkDocs 2 on every build; it is noise in test logs.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True) -> Path:
    """Build the site described by `config_file` into `site_dir`, as `mkdocs build` does."""
    # MkDocs keeps plugins with startup/shutdown hooks alive between builds of
    # one process (for `mkdocs serve`); each test build starts fresh, like a
    # new `mkdocs build` would.
    MkDocsConfig.plugins.plugin_cache.clear()
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
    # The `mkdocs build` command wraps the build in these two events; plugins rely on them.
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def write_site(root: Path, mkdocs_yml: str, files: dict[str, str]) -> Path:
    """Write a small site (its mkdocs.yml and the files under it); return the config path."""
    root.mkdir(parents=True, exist_ok=True)
    config_file = root / "mkdocs.yml"
    config_file.write_text(textwrap.dedent(mkdocs_yml), encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return config_file


def soup(path: Path) -> BeautifulSoup:
    """Parse a built HTML page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo portfolio, built once with `--strict` for every test that reads it."""
    yield build_site(REPO / "mkdocs.yml", tmp_path_factory.mktemp("demo") / "site")


def heading_text(tag) -> str:  # type: ignore[no-untyped-def]
    """The text of a heading without its permalink anchor."""
    for anchor in tag.select("a.headerlink"):
        anchor.extract()
    return tag.get_text(" ", strip=True)


@pytest.fixture(scope="session")
def demo_url(demo_site: Path) -> Iterator[str]:
    """The built demo portfolio, served on 127.0.0.1."""
    from browser_support import serve

    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright."""
    from browser_support import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
