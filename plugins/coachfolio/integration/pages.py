"""Pages that exist only in memory: their Markdown source and facts about pages."""

from __future__ import annotations

import html
import json
import re
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


# Python-Markdown writes a paragraph of prose as a bare <p> at the start of a
# line; the paragraphs inside embedded rubric tables, figures and boxes are
# indented or carry a class, and are not what a page is about.
_PARAGRAPH = re.compile(r"^<p>(.*?)</p>", re.DOTALL | re.MULTILINE)
_ONLY_A_TOKEN = re.compile(r"\s*COACHFOLIO[A-Z]+\d+END\s*")  # a directive not yet filled in


def first_paragraph_text(content: str, limit: int = 200) -> str:
    """The text of a page's first paragraph of prose, cut at a word near `limit` characters."""
    match = next((m for m in _PARAGRAPH.finditer(content) if not _ONLY_A_TOKEN.fullmatch(m.group(1))), None)
    if not match:
        return ""
    text = plain_text(match.group(1))
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
