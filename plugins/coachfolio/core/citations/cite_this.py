"""A reflection's own reference: a CSL item for the APA entry, a BibTeX entry, and meta tags."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple


class Work(NamedTuple):
    """What a reader needs to cite a post."""

    title: str
    authors: tuple[str, ...]  # display names, "Demo Coach"
    date: str  # ISO, YYYY-MM-DD
    site: str
    url: str
    language: str = "en"

    @property
    def item_id(self) -> str:
        """A citation key for the post, made of characters pandoc keeps in a key."""
        return "coachfolio-post-" + re.sub(r"[^A-Za-z0-9]+", "-", self.url).strip("-")


def _name(display: str) -> dict[str, str]:
    """CSL name of a display name: the last word is the family name; one word is a literal."""
    parts = display.split()
    if len(parts) < 2:
        return {"literal": display}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def csl_item(work: Work) -> dict[str, Any]:
    """The post as a CSL item, for the style to format like any other reference."""
    year, month, day = (int(part) for part in work.date.split("-"))
    item: dict[str, Any] = {
        "id": work.item_id,
        "type": "post-weblog",
        "title": work.title,
        "container-title": work.site,
        "issued": {"date-parts": [[year, month, day]]},
        "URL": work.url,
    }
    if work.authors:
        item["author"] = [_name(a) for a in work.authors]
    return item


_BIBTEX_SPECIAL = re.compile(r"([&%$#_])")


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}"))


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower())


def bibtex_key(work: Work) -> str:
    """Like Better BibTeX's default: family name, year, first significant title word."""
    family = _ascii_word(_name(work.authors[0]).get("family", work.authors[0])) if work.authors else _ascii_word(work.site)
    skip = {"a", "an", "the", "on", "of", "and", "when"}
    word = next((w for w in (_ascii_word(w) for w in work.title.split()) if w and w not in skip), "")
    return f"{family}{work.date[:4]}{word}"


def bibtex_entry(work: Work) -> str:
    """A BibLaTeX `@online` entry; the title is braced so its capitals are kept."""
    authors = " and ".join(
        f"{_bibtex_text(n['family'])}, {_bibtex_text(n['given'])}" if "family" in n else "{" + _bibtex_text(n["literal"]) + "}"
        for n in (_name(a) for a in work.authors)
    )
    fields = [("author", authors)] if authors else []
    fields += [
        ("title", "{" + _bibtex_text(work.title) + "}"),
        ("date", work.date),
        ("organization", _bibtex_text(work.site)),
        ("url", work.url),
        ("langid", work.language),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{bibtex_key(work)},\n{body}\n}}"


def meta_tags(work: Work) -> list[tuple[str, str]]:
    """(name, content) pairs of the citation_* meta tags that Google Scholar reads."""
    tags = [("citation_title", work.title)]
    tags += [("citation_author", f"{n['family']}, {n['given']}" if "family" in n else n["literal"]) for n in (_name(a) for a in work.authors)]
    tags += [
        ("citation_publication_date", work.date.replace("-", "/")),
        ("citation_abstract_html_url", work.url),
        ("citation_language", work.language),
    ]
    return tags
