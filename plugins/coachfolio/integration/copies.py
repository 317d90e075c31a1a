"""Feeds and search indexes: files in which other plugins copy the text of pages.

They copy a page's HTML at moments of their own choosing, sometimes before
Coachfolio has put everything in place, so tokens can end up in them; each
plugin clears its own once those files are written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def rewrite_copies(site_dir: str, marker: str, change: Callable[[str, bool], str]) -> None:
    """Apply `change(text, is_json)` to each feed and search index of the site that holds `marker`."""
    site = Path(site_dir)
    for path in sorted([*site.glob("*.xml"), *site.glob("*.json"), *site.glob("search/*.json")]):
        text = path.read_text(encoding="utf-8")
        if marker in text:
            path.write_text(change(text, path.suffix == ".json"), encoding="utf-8")
