"""Relative links in data files' Markdown, made to work on every page that shows them.

A rubric's descriptor, a framework's text or a series description links to
the rest of the site relative to the data file's own folder in docs_dir
(`coachfolio.core.links`). MkDocs resolves links only while it converts a
page's Markdown, and a data file's text is shown on pages at other depths (the
rubric's page, a post embedding the rubric, the blog's index showing that
post's opening). So its links are checked once every file of the site is known
(`check_links`), their anchors once every page is written
(`check_anchor_links`), and they are pointed at their target from each page
that shows the text (`rewrite_links`). A plugin with data files mixes in
`ChecksDataLinks`, which runs both checks at those times.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from coachfolio.core.links import LINK, anchor_problems, link_problems, relative_target
from coachfolio.integration.paths import url_from
from coachfolio.integration.templates import render_markdown

log = get_plugin_logger(__name__)


def check_links(texts: Iterable[str], folder: str, files: Files, name: str, path: Path, config: MkDocsConfig) -> None:
    """Report each link in a data file's `texts` to a file the site does not have.

    At the level MkDocs reports such a link in a page (`validation.links.not_found`,
    a warning unless configured otherwise, so `--strict` fails).
    """
    rendered = (render_markdown(text) for text in texts)  # as the pages will show them, so rendered once

    def exists(target: str) -> bool:
        return _published(files, target) is not None

    def in_docs(target: str) -> bool:
        return (Path(config.docs_dir) / target).is_file()  # asked only of a link that is broken

    for problem in link_problems(rendered, folder, exists, name, lambda: path.read_text(encoding="utf-8"), in_docs):
        log.log(config.validation.links.not_found, str(problem))


def check_anchor_links(texts: Iterable[str], folder: str, files: Files, name: str, path: Path, config: MkDocsConfig) -> None:
    """Report each link in a data file's `texts` to an anchor its page does not have (`lesson.md#no-such-heading`).

    At the level MkDocs reports such a link in a page (`validation.anchors`,
    info unless configured otherwise), and as late as MkDocs checks them: the
    anchors of a page are known once the page is written (plugins add theirs
    on the way: a rubric's rows, a framework's indicators, reference entries).
    """
    rendered = (render_markdown(text) for text in texts)

    def anchors(target: str) -> set[str] | None:
        file = _published(files, target)
        return file.page.present_anchor_ids if file is not None and file.page is not None else None

    for problem in anchor_problems(rendered, folder, anchors, name, lambda: path.read_text(encoding="utf-8")):
        log.log(config.validation.links.anchors, str(problem))


class ChecksDataLinks:
    """The checks of a plugin's data files' links (mixed in before `BasePlugin`).

    The plugin names its data files in `data_files` and calls
    `check_data_links` from its `on_env`, once it is settled which files the
    site publishes; the links' anchors are checked here after the build, as
    MkDocs checks those of pages.
    """

    config: Any  # the plugin's options; `enabled` is read
    files: Files  # the site's files, kept by the plugin in `on_files`

    def data_files(self, config: MkDocsConfig) -> Iterable[tuple[Iterable[str], str, str, Path]]:
        """Each data file's Markdown texts, the folder in docs_dir its links start from, its name in messages, and its path."""
        raise NotImplementedError

    def check_data_links(self, files: Files, config: MkDocsConfig) -> None:
        for texts, folder, name, path in self.data_files(config):
            check_links(texts, folder, files, name, path, config)

    def on_post_build(self, config: MkDocsConfig) -> None:
        # MkDocs calls only the first `on_post_build` of the class's bases: this one hands on to the next, if any.
        if (after := getattr(super(), "on_post_build", None)) is not None:
            after(config)
        if self.config.enabled:
            for texts, folder, name, path in self.data_files(config):
                check_anchor_links(texts, folder, self.files, name, path, config)


def _published(files: Files, path: str) -> File | None:
    """The file at `path` in docs_dir, if the site publishes it (not a dot-file or another excluded one)."""
    file = files.get_file_from_path(path)
    return None if file is None or file.inclusion.is_excluded() else file


def rewrite_links(rendered: str, folder: str, page_url: str, files: Files) -> str:
    """`rendered` (HTML of a data file's text, from `folder`) with relative links pointing at their targets from `page_url`.

    A link to no file of the site is left as written: `check_links` reported it.
    """
    if 'href="' not in rendered and 'src="' not in rendered:
        return rendered

    def point(match: re.Match[str]) -> str:
        found = relative_target(html.unescape(match.group(2)), folder)
        file = _published(files, found[0]) if found is not None else None
        if found is None or file is None:
            return match.group(0)
        return f'{match.group(1)}="{html.escape(url_from(page_url, file.url) + found[1])}"'

    return LINK.sub(point, rendered)
