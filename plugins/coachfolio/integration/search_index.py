"""The site's search index, completed with what reached the pages after it was indexed.

Search plugins (Material's and MkDocs's own) index each page in
`on_page_context`, from its HTML as it is then, and write
`search/search_index.json` in `on_post_build`. Some of what Coachfolio puts on
a page is filled in later, once pandoc has formatted it: a post's reference
list, the site bibliography. The index then holds only the tokens standing
for them. So once it is written, each document of the index holding a token
is handed to the plugin that made the token, which gives the document its
text and the sections the page's headings would have given it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

SEARCH_INDEX = "search/search_index.json"

# One entry of the index's `docs`: a page, or a section of one (`location` with `#`), its `title` and `text` (HTML).
Document = dict[str, Any]


def complete_search_index(site_dir: str, marker: str, complete: Callable[[Document, str], list[Document]]) -> None:
    """Have `complete` fill each document of the site's search index whose text holds `marker`.

    `complete(document, page)`, where `page` is the URL of the document's
    page, changes the document and gives the sections to add for that page;
    they go after the page's last document, where the search plugin
    puts a page's last headings. An index this does not know the shape of,
    or one with a prebuilt Lunr index (MkDocs's `prebuild_index`), which
    changed documents would no longer match, is left alone: `rewrite_copies`
    then clears its tokens as in any other copy.
    """
    path = Path(site_dir) / SEARCH_INDEX
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    if marker not in text:
        return
    data = json.loads(text)
    docs = data.get("docs") if isinstance(data, dict) and "index" not in data else None
    if not isinstance(docs, list) or not all(isinstance(document, dict) for document in docs):
        return
    completed: list[Document] = []
    added: list[Document] = []  # for the page being walked
    page = None
    for document in docs:
        # A page's documents come together: the page, then a section for each heading.
        location = str(document.get("location", "")).split("#", 1)[0]
        if location != page:
            completed += added
            added, page = [], location
        completed.append(document)
        if marker in str(document.get("text", "")):
            added += complete(document, page)
    data["docs"] = completed + added
    # As both search plugins write it.
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
