"""Formatting a site's citations in a few pandoc calls, with a cache.

pandoc starts in about 0.15 s and then formats roughly 1,000 clusters a
second. Clusters go into documents of up to `CitationFormatter.batch`
clusters, each on its own numbered line, with the bibliography given inline
as a CSL-JSON data: URI (nothing is written to disk). Longer documents would be
slower per cluster: citeproc's time grows faster than the document (8,000
clusters take twice as long in one document as in eight). Every document
lists every cited work under `nocite`, so disambiguation (Knight, 2007a /
2007b; J. Smith / R. Smith) is decided across the whole site and a batch reads
exactly as it would in one document.

Results are cached by style, bibliography and the set of cited works — the
things that decide how a cluster reads — so a rebuild formats only clusters
it has not seen, and an unchanged rebuild runs pandoc not at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachfolio.core.citations.bibliography import Bibliography
from coachfolio.core.citations.pandoc import run_pandoc
from coachfolio.core.markup import plain_text

_LINE = re.compile(r'^<p>CFCLUSTER(\d+) (.*)</p>$', re.MULTILINE)
_ENTRY = re.compile(r'<div id="ref-(?P<key>[^"]+)" class="csl-entry" role="listitem">\n?(?P<html>.*?)\n?</div>', re.DOTALL)
# What makes a style compare entries: disambiguation of citations (which adds
# year letters to entries too) and the "———" that replaces a repeated author.
_COMPARING = re.compile(r'\s(?:disambiguate-[a-z-]+|givenname-disambiguation-rule|subsequent-author-substitute(?:-rule)?)="[^"]*"')
_CITATION_OR_BIBLIOGRAPHY = re.compile(r"<(?:citation|bibliography)\b[^>]*>")


@dataclass
class Formatted:
    """What pandoc made of a site's citations."""

    clusters: dict[str, str]  # cluster text -> HTML of the in-text citation
    entries: dict[str, str]  # key -> HTML of its reference entry
    order: list[str]  # keys in reference-list order

    _plain: dict[str, str] = field(default_factory=dict)

    def in_order(self, keys: Iterable[str]) -> list[str]:
        """`keys` as a reference list gives them (APA: by author and year), each once."""
        wanted = set(keys)
        return [key for key in self.order if key in wanted]

    def plain_entry(self, key: str) -> str:
        """The reference entry as plain text, for tooltips (asked for at every citation, so kept)."""
        if key not in self._plain:
            self._plain[key] = plain_text(self.entries.get(key, ""))
        return self._plain[key]


@dataclass
class _Run:
    clusters: dict[str, str] = field(default_factory=dict)
    entries: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)


class CitationFormatter:
    """Formats clusters with one CSL style and one bibliography."""

    # Shared by every formatter in the process, so `mkdocs serve` rebuilds (which
    # make new plugin instances) still find earlier results. A run holds every
    # citation of the site as formatted with one set of cited works; a new work
    # cited starts a new run, so only the latest few are kept through a long
    # session of writing.
    _cache: dict[str, _Run] = {}
    kept_runs = 4
    _standalone: dict[str, str] = {}  # a standalone entry by style and item
    batch = 1000  # clusters (or standalone entries) per pandoc document

    def __init__(self, bibliography: Bibliography, style: Path) -> None:
        self.bibliography = bibliography
        self.style = style
        self._standalone_uri: str | None = None
        self._style_text = style.read_text(encoding="utf-8")
        # A standalone entry is formatted from its own item alone, not with the
        # bibliography: keyed by the style only, it outlasts edits of the .bib.
        self._style_key = hashlib.sha256(self._style_text.encode("utf-8")).hexdigest()
        self._base = hashlib.sha256((bibliography.fingerprint() + self._style_key).encode("utf-8")).hexdigest()
        # What this formatter asked of pandoc, for the build to report: none of it when all was cached.
        self.pandoc_calls = 0
        self.pandoc_seconds = 0.0

    def format(self, clusters: Iterable[str], cited: Iterable[str]) -> Formatted:
        """Format `clusters` (their text as written) with every key of `cited` in the bibliography."""
        cited_keys = sorted({key for key in cited if key in self.bibliography.items})
        run = self._run_for([self._base, cited_keys])
        wanted = list(dict.fromkeys(clusters))
        missing = [text for text in wanted if text not in run.clusters]
        if missing or (cited_keys and not run.order):
            references = [self.bibliography.items[key] for key in cited_keys]
            for start in range(0, max(len(missing), 1), self.batch):
                self._run_pandoc(run, missing[start : start + self.batch], references)
        return Formatted({text: run.clusters[text] for text in wanted}, dict(run.entries), list(run.order))

    def format_entries(self, items: list[dict[str, Any]]) -> dict[str, str]:
        """Reference entries for works that stand alone, such as a post's own reference.

        They are formatted apart from the citations, so they cannot change how
        cited works are told apart, and with a copy of the style that does not
        compare entries (`standalone_style`): each is read on its own, so
        setting a site's posts side by side adds no year letters (2019a,
        2019b) and no "———" for a repeated author. Comparing them would also
        be slow: a thousand posts by one author in one year take citeproc
        minutes to tell apart.
        """
        # Each entry stands alone, so each is cached alone: a new post formats one entry.
        digests = {item["id"]: self._digest([self._style_key, "standalone", item]) for item in items}
        missing = sorted((item for item in items if digests[item["id"]] not in self._standalone), key=lambda item: item["id"])
        for start in range(0, len(missing), self.batch):
            run = _Run()
            self._run_pandoc(run, [], missing[start : start + self.batch], style=self._standalone_style())
            for item in missing[start : start + self.batch]:
                self._standalone[digests[item["id"]]] = run.entries.get(item["id"], "")
        # A build asks for every post's entry at once, so only those are kept:
        # each edit of a post in a long `mkdocs serve` session would leave its old entry behind.
        wanted = set(digests.values())
        for digest in [digest for digest in self._standalone if digest not in wanted]:
            del self._standalone[digest]
        return {key: entry for key, digest in digests.items() if (entry := self._standalone[digest])}

    def _standalone_style(self) -> str:
        """The style as a data: URI (no file is written), changed by `standalone_style`."""
        if self._standalone_uri is None:
            text = standalone_style(self._style_text)
            self._standalone_uri = "data:application/xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
        return self._standalone_uri

    @staticmethod
    def _digest(key: object) -> str:
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()

    def _run_for(self, key: object) -> _Run:
        digest = self._digest(key)
        run = self._cache.pop(digest, None) or _Run()
        self._cache[digest] = run  # the most recently used last
        while len(self._cache) > self.kept_runs:
            del self._cache[next(iter(self._cache))]
        return run

    def _run_pandoc(self, run: _Run, clusters: list[str], items: list[dict[str, Any]], *, style: str | None = None) -> None:
        metadata = {
            "bibliography": _csl_json_uri(items),
            "link-citations": True,
            "nocite": " ".join(f"@{item['id']}" for item in items),
            "lang": "en-US",
        }
        if style is not None:
            metadata["csl"] = style  # a data: URI outgrows a command-line argument
        # JSON is YAML, so the metadata block needs no YAML writer.
        body = "\n\n".join(f"CFCLUSTER{n} {' '.join(text.split())}" for n, text in enumerate(clusters))
        document = f"---\n{json.dumps(metadata, ensure_ascii=False)}\n---\n\n{body}\n"
        arguments = ["--from", "markdown", "--to", "html", "--wrap=none", "--citeproc"]
        if style is None:
            arguments += ["--csl", str(self.style)]  # a path: as metadata it would be read as Markdown
        started = time.perf_counter()
        output = run_pandoc(arguments, document)
        self.pandoc_calls += 1
        self.pandoc_seconds += time.perf_counter() - started
        for match in _LINE.finditer(output):
            text = clusters[int(match.group(1))]
            run.clusters[text] = apa_fixes(match.group(2), narrative=not text.startswith("["))
        run.entries = {m.group("key"): m.group("html").strip() for m in _ENTRY.finditer(output)}
        run.order = list(run.entries)


def _csl_json_uri(items: list[dict[str, Any]]) -> str:
    """The works as a CSL-JSON bibliography in a data: URI (pandoc 3.5 reads it; nothing is written to disk).

    Given as `references:` metadata instead, every field would be read as
    Markdown: wrong for CSL-JSON, whose titles keep `*` and `_` as written and
    mark italics as `<i>`, and slow — a third of a second for 300 works.
    """
    return "data:application/json;base64," + base64.b64encode(json.dumps(items, ensure_ascii=False).encode("utf-8")).decode("ascii")


def standalone_style(csl: str) -> str:
    """A CSL style that formats each entry on its own, never comparing it with the others."""
    return _CITATION_OR_BIBLIOGRAPHY.sub(lambda m: _COMPARING.sub("", m.group(0)), csl)


# -- APA 7 where CSL falls short -------------------------------------------------------

_NARRATIVE_AUTHORS = re.compile(r'^(<span class="citation"[^>]*>)([^<(]*?) &amp; ([^<(]*?\()')
_SAME_AUTHOR_RUN = re.compile(
    r'(?P<first><a href="#ref-[^"]+" role="doc-biblioref">)(?P<author>[^<]*?, )(?P<year>(?:\d{4}|n\.d\.-)[a-z])(?P<rest>[^<]*)</a>'
    r'(?P<more>(?:[,;] <a href="#ref-[^"]+" role="doc-biblioref">(?:\d{4}|n\.d\.-)[a-z][^<]*</a>)+)'
)
_RUN_ITEM = re.compile(r'(?P<separator>[,;] )(<a href="#ref-[^"]+" role="doc-biblioref">)((?:\d{4}|n\.d\.-)[a-z])([^<]*)</a>')


def apa_fixes(cluster_html: str, *, narrative: bool) -> str:
    """Two corrections APA 7 asks for that citeproc does not make.

    - A narrative citation of two authors joins them with "and"
      ("Chaudhry and Sivakamasundari (2004)"); parenthetical ones keep "&".
    - Works of the same author and year in one parenthesis run a, b, c
      ("Knight, 2007a, 2007b"), whatever order they were cited in.
    """
    if narrative:
        cluster_html = _NARRATIVE_AUTHORS.sub(r"\1\2 and \3", cluster_html, count=1)
    return _SAME_AUTHOR_RUN.sub(_order_run, cluster_html)


def _order_run(match: re.Match[str]) -> str:
    first = (match.group("first"), match.group("year"), match.group("rest"))
    found = list(_RUN_ITEM.finditer(match.group("more")))
    items = [first] + [(m.group(2), m.group(3), m.group(4)) for m in found]
    separators = [m.group("separator") for m in found]
    items.sort(key=lambda item: item[1])
    head, year, rest = items[0]
    text = f"{head}{match.group('author')}{year}{rest}</a>"
    for separator, (link, year, rest) in zip(separators, items[1:]):
        text += f"{separator}{link}{year}{rest}</a>"
    return text
