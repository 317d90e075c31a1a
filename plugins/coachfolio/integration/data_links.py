"""Relative links in data files' Markdown, made to work on every page that shows them.

A rubric's descriptor, a framework's text or a series description may link to
another file of the site the way a page's Markdown does, relative to the data
file's own folder in docs_dir: `[our lesson](../blog/posts/lesson.md)` in
`rubrics/advising.yml`. MkDocs resolves such links only while it converts a
page's Markdown, and a data file's text is shown on pages at other depths (the
rubric's page, a post embedding the rubric, the blog's index showing that
post's opening). So its links are checked once, when every file of the site is
known (`link_problems`), and pointed at their target from each page showing
the text (`rewrite_links`).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlsplit

from mkdocs.structure.files import Files

from coachfolio.core.problems import Problem
from coachfolio.integration.paths import url_from

# Links as `SafeMarkdown` writes them: double quotes, with `&`, `<`, `>` and `"` escaped.
_LINK = re.compile(r'\b(href|src)="([^"]*)"')


def _target(address: str, folder: str) -> tuple[str, str] | None:
    """The path in docs_dir that `address` points to from `folder`, and its `?query#fragment`.

    None for an address that is not a relative path: another site, a
    `mailto:`, a path from the site's root (`/…`) or a place on the same page (`#…`).
    """
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    rest = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return path, rest


def folder_in_docs(path: str | None, docs_dir: str) -> str:
    """The folder of the data file at `path`, relative to docs_dir ('' for docs_dir itself or a file outside it)."""
    if not path:
        return ""
    relative = posixpath.relpath(posixpath.dirname(path.replace("\\", "/")), docs_dir.replace("\\", "/"))
    return "" if relative == "." or relative.startswith("..") else relative


def link_problems(rendered: Iterable[str], folder: str, files: Files, name: str, source: Callable[[], str]) -> list[Problem]:
    """A problem for each relative link in `rendered` (HTML of a data file's texts) to no file of the site.

    `name` is the data file as messages name it; `source()` its text, read
    only when there is a problem, to point at the line.
    """
    problems: dict[str, Problem] = {}  # one per address, however often it is written
    lines: list[str] | None = None
    for text in rendered:
        if "=" not in text:
            continue  # no link or image: most texts
        for match in _LINK.finditer(text):
            address = html.unescape(match.group(2))
            found = _target(address, folder)
            if found is None or address in problems or files.get_file_from_path(found[0]) is not None:
                continue
            lines = source().splitlines() if lines is None else lines
            line, column = next(((n, row.index(address) + 1) for n, row in enumerate(lines, 1) if address in row), (1, 1))
            where = "outside docs_dir" if found[0].startswith("..") else f"to '{found[0]}', which is not a file in docs_dir"
            problems[address] = Problem(
                name, line, column, f"the link '{address}' points {where} (a link is relative to the file's own folder in docs_dir)"
            )
    return sorted(problems.values())


def rewrite_links(rendered: str, folder: str, page_url: str, files: Files) -> str:
    """`rendered` (HTML of a data file's text, from `folder`) with relative links pointing at their targets from `page_url`.

    A link to no file of the site is left as written: `link_problems` reported it.
    """
    if 'href="' not in rendered and 'src="' not in rendered:
        return rendered

    def point(match: re.Match[str]) -> str:
        address = html.unescape(match.group(2))
        found = _target(address, folder)
        file = files.get_file_from_path(found[0]) if found is not None else None
        if found is None or file is None:
            return match.group(0)
        return f'{match.group(1)}="{html.escape(url_from(page_url, file.url) + found[1])}"'

    return _LINK.sub(point, rendered)
