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


_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)


def first_paragraph_text(content: str, limit: int = 200) -> str:
    """The text of a page's first paragraph, cut at a word near `limit` characters."""
    match = _FIRST_PARAGRAPH.search(content)
    if not match:
        return ""
    text = plain_text(match.group(1))
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
