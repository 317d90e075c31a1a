"""Pages that exist only in memory: their Markdown source and facts about pages."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from mkdocs.structure.pages import Page

from coachfolio.core.markup import plain_text


def generated_page_source(title: str, body: str) -> str:
    """Markdown of a generated page.

    The title is escaped because MkDocs's own templates insert page titles
    without escaping. The table of contents is hidden: these pages are one
    rendered block with no Markdown headings, and wide tables need the room.
    """
    return f"---\ntitle: {json.dumps(html.escape(title, quote=False))}\nhide:\n  - toc\n---\n\n{body}\n"


def is_blog_post(page: Page) -> bool:
    """True for posts of Material's blog plugin (checked by name, to keep Material optional)."""
    return type(page).__name__ == "Post"


def page_date(page: Page) -> str | None:
    """The ISO date a page was written, from `date:` or `date: {created: …}` front matter."""
    value: Any = page.meta.get("date")
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return str(value)[:10] if value else None


# Python-Markdown writes every block at the start of a line, nested ones too
# (an admonition's paragraphs, a quotation's, a loose list's items), so a
# paragraph is the page's own prose only where no container is open before it.
# A paragraph may carry attributes (`{.lead}`); one that holds no text (an image)
# is not what a page is about, nor is a directive not yet filled in.
_PARAGRAPH_START = re.compile(r"^<p( [^>]*)?>", re.MULTILINE)
_CONTAINER_TAGS = [
    (f"<{name}", f"</{name}>")
    for name in ("div", "blockquote", "details", "figure", "ul", "ol", "table", "aside", "section", "nav", "header", "footer")
]
_ONLY_A_TOKEN = re.compile(r"\s*COACHFOLIO[A-Z]+\d+END\s*")


def first_paragraph_text(content: str, limit: int = 200) -> str:
    """The text of a page's first top-level paragraph of prose, cut at a word near `limit` characters.

    A page with no such paragraph (all of it in a quotation or a note) is
    summarised by its first paragraph with text wherever it stands.
    """
    open_containers = [0] * len(_CONTAINER_TAGS)
    counted = 0
    nested = ""
    for start, attributes, inner in _paragraphs(content):
        # Counted from the last paragraph on, so a long page is read once.
        for number, (opening, closing) in enumerate(_CONTAINER_TAGS):
            opened = open_containers[number] + content.count(opening, counted, start) - content.count(closing, counted, start)
            # A closing tag with no opening one (raw HTML pasted from elsewhere) closes nothing.
            open_containers[number] = max(opened, 0)
        counted = start
        inside = any(open_containers)
        if _ONLY_A_TOKEN.fullmatch(inner) or (inside and (nested or "admonition-title" in (attributes or ""))):
            continue
        text = plain_text(inner)
        if text and not inside:
            return _cut(text, limit)
        nested = nested or text
    return _cut(nested, limit)


def _paragraphs(content: str) -> Iterator[tuple[int, str | None, str]]:
    """Where each paragraph at the start of a line begins, its attributes and its inner HTML.

    As `^<p( [^>]*)?>(.*?)</p>` would find them, but the end is found by
    substring search: the regex engine extends a lazy `.*?` a character at a
    time, which took a third of the time of `first_paragraph_text`.
    """
    at = 0
    while (opening := _PARAGRAPH_START.search(content, at)) is not None:
        end = content.find("</p>", opening.end())
        if end == -1:
            return
        yield opening.start(), opening.group(1), content[opening.end() : end]
        at = end + len("</p>")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
