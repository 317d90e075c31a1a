"""The anchors Coachfolio's HTML puts on a page, told to MkDocs and to the page's table of contents.

MkDocs checks a link such as `rubrics/advising.md#criterion-trust` against the
ids it found while converting the target page's Markdown (`validation.anchors`).
Rubric tables, standards pages, embeds and reference lists are put into pages
after that, so the ids in them are added here; without them a link to a
rubric's row or a reference entry would be reported as leading nowhere.

The sections Coachfolio adds at the end of a page (standards addressed,
references, "Cite this") are listed in its table of contents, as its own
headings are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

# A literal space before `id`, as Coachfolio's templates and Python-Markdown
# write attributes: the regex engine then skips through a page for the literal,
# a tenth of the time `\s` takes over a coverage matrix of a megabyte.
_ID = re.compile(r' id="([^"]+)"')


def note_anchors(page: Page, fragment: str) -> str:
    """`fragment` (HTML going into `page`), once the ids in it are known to be on `page`."""
    if ' id="' in fragment:  # a substring test first: most boxes and lists have none
        add_anchors(page, (html.unescape(anchor) for anchor in _ID.findall(fragment)))
    return fragment


def add_anchors(page: Page, anchors: Iterable[str]) -> None:
    """Record that `page` has elements with these ids."""
    if page.present_anchor_ids is not None:  # None until MkDocs has rendered the page
        page.present_anchor_ids.update(anchors)


def free_id(content: str, wanted: str, otherwise: str) -> str:
    """`wanted` as the id of a section Coachfolio adds to a page, or `otherwise` if a heading of the page's own has it."""
    return otherwise if _has_id(content, wanted) else wanted


def with_id(fragment: str, anchor: str) -> str:
    """`fragment` with an element of id `anchor`: a theme's own template for a section may not give it one."""
    return fragment if _has_id(fragment, anchor) else f'<div id="{anchor}">\n{fragment}\n</div>'


def _has_id(html_: str, anchor: str) -> bool:
    return f'id="{anchor}"' in html_


def add_to_toc(page: Page, title: str, anchor: str) -> None:
    """List a section added at the end of `page` last in its table of contents, under the page's title."""
    items = page.toc.items
    # Material shows the children of the page's h1 as its table of contents.
    toc = items[0].children if items and items[0].level == 1 else items
    # Titles there are HTML (those of headings are escaped by Markdown); `title` is text.
    toc.append(AnchorLink(html.escape(title), anchor, 2))
