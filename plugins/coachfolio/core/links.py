"""Links in data files' Markdown (rubrics, frameworks, series): where each leads, and which lead nowhere.

A data file's text may link to the rest of the site the way a page's Markdown
does, relative to the data file's own folder in docs_dir:
`[our lesson](../blog/posts/lesson.md)` in `rubrics/advising.yml`. A framework
file kept outside docs_dir links from docs_dir itself. Whether a path is a file
of the site is the caller's to say: the build asks its file list,
`coachfolio check` the folder on disk and the blog's rules for drafts. Which
anchors a page has is known only once the site is built, so `anchor_problems`
is for the build alone.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from urllib.parse import unquote, urlsplit

from coachfolio.core.frameworks import Framework
from coachfolio.core.problems import Problem
from coachfolio.core.rubrics import Rubric

# Links as `SafeMarkdown` writes them: double quotes, with `&`, `<`, `>` and `"` escaped.
LINK = re.compile(r'\b(href|src)="([^"]*)"')


def relative_target(address: str, folder: str) -> tuple[str, str] | None:
    """The path in docs_dir that `address` leads to from `folder`, and its `?query#fragment`.

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


def rubric_texts(rubric: Rubric) -> Iterator[str]:
    """The rubric's Markdown texts, as its pages show them."""
    yield rubric.description
    for level in rubric.levels:
        yield level.description
    for criterion in rubric.criteria:
        yield criterion.description
        yield from criterion.descriptors.values()


def framework_texts(framework: Framework) -> Iterator[str]:
    """The framework's Markdown texts, as its page shows them."""
    for standard in framework.standards:
        yield standard.description
        yield from (indicator.text for indicator in standard.indicators)


def link_problems(
    rendered: Iterable[str],
    folder: str,
    exists: Callable[[str], bool],
    name: str,
    source: Callable[[], str],
    in_docs: Callable[[str], bool],
) -> list[Problem]:
    """A problem for each relative link in `rendered` (HTML of a data file's texts) to a file that is not there.

    `folder` is where the data file's links start from in docs_dir;
    `exists(path)` says whether a path in docs_dir is a file of the site, and
    `in_docs(path)` whether it is a file in docs_dir all the same (one the
    site leaves out, which the message then names as such);
    `name` is the data file as messages name it, and `source()` its text,
    read only when there is a problem, to point at the line.
    """
    problems: list[Problem] = []
    position = _Positions(source)
    for address, target in _relative_links(rendered, folder):
        if exists(target):
            continue
        if not posixpath.splitext(target)[1]:
            continue  # a folder such as `../blog/`: left as written, as MkDocs leaves it in a page
        if target.startswith(".."):
            where = "outside docs_dir (a link is relative to the file's own folder in docs_dir)"
        elif in_docs(target):
            where = f"to '{target}', which is in docs_dir but not published: a draft, a hidden file or a rubric's YAML"
        else:
            where = f"to '{target}', which is not a file in docs_dir (a link is relative to the file's own folder in docs_dir)"
        problems.append(Problem(name, *position(address), f"the link '{address}' points {where}"))
    return sorted(problems)


def anchor_problems(
    rendered: Iterable[str],
    folder: str,
    anchors: Callable[[str], Collection[str] | None],
    name: str,
    source: Callable[[], str],
) -> list[Problem]:
    """A problem for each relative link in `rendered` to an anchor (`page.md#anchor`) its page does not have.

    `anchors(path)` gives the ids on the page at `path` in docs_dir, or None
    when they are not known: a file that is not a page, or one the site does
    not have (`link_problems` reports those). The other arguments are as for
    `link_problems`.
    """
    problems: list[Problem] = []
    position = _Positions(source)
    for address, target in _relative_links(rendered, folder):
        fragment = unquote(urlsplit(address).fragment)
        if not fragment:
            continue
        ids = anchors(target)
        if ids is None or fragment in ids:
            continue
        problems.append(Problem(name, *position(address), f"the link '{address}' points to an anchor '#{fragment}' that '{target}' does not contain"))
    return sorted(problems)


def _relative_links(rendered: Iterable[str], folder: str) -> Iterator[tuple[str, str]]:
    """Each relative link in `rendered` once, however often it is written: its address and the path in docs_dir it leads to."""
    seen: set[str] = set()
    for text in rendered:
        if "=" not in text:
            continue  # no link or image: most texts
        for match in LINK.finditer(text):
            address = html.unescape(match.group(2))
            if address in seen:
                continue
            seen.add(address)
            found = relative_target(address, folder)
            if found is not None:
                yield address, found[0]


class _Positions:
    """Where an address is first written in a data file, read only once a problem is found."""

    def __init__(self, source: Callable[[], str]) -> None:
        self._source = source
        self._lines: list[str] | None = None

    def __call__(self, address: str) -> tuple[int, int]:
        """The line and column of `address` (the first line's start if it cannot be found as written)."""
        if self._lines is None:
            self._lines = self._source().splitlines()
        return next(((n, row.index(address) + 1) for n, row in enumerate(self._lines, 1) if address in row), (1, 1))
