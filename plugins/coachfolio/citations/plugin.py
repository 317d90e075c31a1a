"""The `coachfolio/citations` plugin: MkDocs events in, the citation core and templates out.

- `on_config` finds the CSL style and starts reading the bibliography (in the
  background: a whole Zotero library takes pandoc seconds to read).
- `on_nav` scans every page's Markdown for citations and starts pandoc on
  them, in the background and in batches of pages, once the bibliography is
  read: it formats while MkDocs renders the pages.
- `on_page_markdown` leaves a token where each citation stands and reports
  unknown keys with their file, line and column (in `on_env` for pages read
  before the bibliography); `on_env` adds tokens for each page's reference
  list and "Cite this reflection".
- `on_post_page` fills a page's tokens once the batch holding the page is
  done (and adds the citation_* meta tags of posts); pages written earlier
  are completed in `on_post_build`, with feeds and the search index (which
  is given the reference lists and the bibliography as text).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urljoin

import jinja2
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from coachfolio.citations.config import CitationsConfig
from coachfolio.core import checks
from coachfolio.core.background import InBackground
from coachfolio.core.citations.bibliography import Bibliography, load_bibliography
from coachfolio.core.citations.cite_this import Work, bibtex_entry, csl_item, meta_tags
from coachfolio.core.citations.formatter import CitationFormatter, Formatted
from coachfolio.core.citations.pandoc import PandocError
from coachfolio.core.citations.styles import StyleNotFound, find_style
from coachfolio.core.citations.syntax import (
    Cluster,
    find_citations,
    has_unfinished_locator,
    replace_citations,
)
from coachfolio.core.directives import find_directives, replace_directives
from coachfolio.core.filecache import cached
from coachfolio.core.frontmatter import body_start_line, split_front_matter
from coachfolio.core.markup import inside_link, plain_text
from coachfolio.core.problems import DataFileError
from coachfolio.core.suggest import did_you_mean
from coachfolio.core.yamlfile import FastLoader
from coachfolio.integration.anchors import add_anchors, add_to_toc, free_id, with_id
from coachfolio.integration.assets import add_asset_files, use_assets
from coachfolio.integration.copies import rewrite_copies
from coachfolio.integration.directive_check import (
    plugins_if_reporting,
    report_stray_directives,
)
from coachfolio.integration.navigation_cache import cache_navigation
from coachfolio.integration.pages import generated_page_source, is_blog_post, page_date
from coachfolio.integration.paths import display_path, url_from
from coachfolio.integration.placeholders import find_tokens, replace_tokens, sub_tokens
from coachfolio.integration.search_index import Document, complete_search_index
from coachfolio.integration.templates import make_environment, render

log = get_plugin_logger(__name__)

# Placeholders left in pages until pandoc's results are in.
_BIBLIOGRAPHY_TOKEN = "COACHFOLIOBIBLIOGRAPHYEND"
_BIBLIOGRAPHY = re.compile(_BIBLIOGRAPHY_TOKEN)
_REFERENCES_TOKEN = "COACHFOLIOREFERENCESEND"
_CITE_THIS_TOKEN = "COACHFOLIOCITETHISEND"
_ANY_TOKEN = re.compile(r"COACHFOLIO(?:CITE(?P<cite>\d+)|(?P<references>REFERENCES)|BIBLIOGRAPHY|(?P<cite_this>CITETHIS))END")
# pandoc's link from a citation to its entry: the opening tag (group 1 the key), and the whole link (group 2 its text).
_BIBLIOREF_OPENING = r'<a href="#ref-([^"]+)" role="doc-biblioref">'
_BIBLIOREF = re.compile(_BIBLIOREF_OPENING)
_BIBLIOREF_LINK = re.compile(_BIBLIOREF_OPENING + "(.*?)</a>", re.DOTALL)
_UNUSED_NAMED = 10  # uncited entries named in the build's log
_RENDERED_AHEAD = 40  # pages whose reference lists and "Cite this" boxes are rendered in one run
_SWITCH_INTERVAL = sys.getswitchinterval()  # Python's own, lowered while pandoc runs


@dataclass
class _PageCitations:
    """The citations found on one page, in order."""

    page: Page
    clusters: list[int] = field(default_factory=list)  # numbers of its tokens
    keys: list[str] = field(default_factory=list)  # cited keys, first citation first
    anchor: str = "references"  # the id of its reference list's heading


class FormattingTime(NamedTuple):
    """What formatting a build's citations took: pandoc's calls and seconds, on
    the other core while MkDocs renders pages, and how long the build waited for
    them at the end. No calls when every citation was formatted by an earlier
    build (`mkdocs serve`)."""

    pandoc_calls: int
    pandoc_seconds: float
    waited_seconds: float

    def __str__(self) -> str:
        if not self.pandoc_calls:
            return "citations formatted by an earlier build: pandoc did not run"
        calls = "1 call" if self.pandoc_calls == 1 else f"{self.pandoc_calls} calls"
        return (f"citations formatted by pandoc in {calls}, {self.pandoc_seconds:.2f} s beside the build; "
                f"the build waited {self.waited_seconds:.2f} s for them")


@dataclass(frozen=True)
class _Progress:
    """What the background formatting has finished so far; replaced whole, never changed."""

    formatted: Formatted | None = None
    own_entries: dict[str, str] = field(default_factory=dict)


class CitationsPlugin(BasePlugin[CitationsConfig]):
    """Format pandoc-style citations in APA (or any CSL style) with reference lists."""

    def __init__(self) -> None:
        # The Coachfolio plugins turned on, when this one reports the directives none reads.
        self.stray_directive_check: list[str] | None = None
        # (text as written, src_uri of its page) by token number: plain tuples of
        # strings, which Python's garbage collector stops scanning, where a
        # thousand posts cite eight thousand times.
        self.clusters: list[tuple[str, str]] = []
        self.pages: dict[str, _PageCitations] = {}
        self.formatted: Formatted | None = None
        self.own_entries: dict[str, str] = {}
        self.works: dict[str, Work] = {}
        self.cite_this_anchors: dict[str, str] = {}  # by page: the id of its "Cite this" box
        self.cited: list[str] = []
        self.unfinished: list[tuple[Page, Path]] = []
        # Pages with a reference list or "Cite this" box, in the order MkDocs
        # writes them, and the boxes rendered ahead for them with what they were
        # rendered from.
        self.write_order: list[str] = []
        self.write_position: dict[str, int] = {}
        self.rendered_ahead: dict[str, tuple[str, str]] = {}
        self.rendered_from: tuple[dict[str, str], list[str], dict[str, str]] | None = None
        self.progress = _Progress()
        self.prediction_held = False
        self.formatting_time: FormattingTime | None = None  # once the build's citations are formatted

    # Configuration -------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path or ".").parent
        try:
            style = find_style(self.config.style, root)
        except StyleNotFound as error:
            raise PluginError(f"coachfolio/citations: {error}") from None
        names = self.config.bibliography
        names = [names] if isinstance(names, str) else list(names)
        sources = [(root / name, name) for name in names]
        # Reading a .bib runs pandoc; it goes on while MkDocs collects the files.
        self.reading = InBackground(
            lambda: cached(lambda: load_bibliography(sources), *(path for path, _ in sources), key=tuple(names)),
            "coachfolio-bibliography",
        )
        self.style = style
        self.bibliography_paths = {(root / name).resolve() for name in names}
        self.clusters, self.pages, self.formatted, self.unfinished = [], {}, None, []
        self.rendered_ahead, self.rendered_from = {}, None
        self.progress, self.prediction_held = _Progress(), False
        self.formatting_time = None
        self.unchecked: list[tuple[Page, list[Cluster], list[str]]] = []  # pages read before the bibliography
        self.scanned: dict[bytes, list[Cluster]] = {}  # by digest: the texts themselves would stay in memory
        self.env = make_environment(config)
        use_assets(config, "citations")
        self.stray_directive_check = plugins_if_reporting(self, config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        # Only files of a bibliography's kind are resolved: resolving each path costs system calls.
        suffixes = {path.suffix for path in self.bibliography_paths}
        for file in list(files):
            source = file.abs_src_path
            if source and os.path.splitext(source)[1] in suffixes and Path(source).resolve() in self.bibliography_paths:
                files.remove(file)  # a bibliography in docs_dir is data, not a download
        uri = self.config.references_page
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=generated_page_source(self.config.references_title, "::bibliography")))
        add_asset_files(files, config, "citations")
        self.files = files
        return files

    @event_priority(-60)  # after Material's blog, which hides posts until its own on_nav (-50)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        self.job = self._start_formatting(files, config)
        return nav

    def _read_bibliography(self) -> Bibliography:
        """The bibliography, waiting for it to be read if need be; its problems stop the build."""
        try:
            return self.reading.result()
        except DataFileError as error:
            raise PluginError(f"Bibliography files have problems:\n{error}") from None

    def _start_formatting(self, files: Files, config: MkDocsConfig) -> InBackground[tuple[Formatted, dict[str, str]]]:
        """Scan every page's Markdown for citations and format them in the background.

        Pages go to pandoc in batches, in the order MkDocs writes them, so the
        first pages can be completed while pandoc works on the rest. The scan
        sees the sources as written; anything the page pass finds differently
        is formatted again (from the cache) by `_ensure_formatted`.
        """
        works = _predicted_works(files, config) if self.config.cite_this else {}
        batches: list[tuple[list[str], list[dict[str, Any]]]] = [([], [])]
        cited: list[str] = []
        for file in files.documentation_pages():
            body, nocite = _markdown_and_nocite(file)
            found = self.scanned[_digest(body)] = find_citations(body)
            clusters, items = batches[-1]
            if len(clusters) >= CitationFormatter.batch:
                clusters, items = [], []
                batches.append((clusters, items))
            for cluster in found:
                clusters.append(cluster.text)
                cited.extend(cluster.keys)
            if file.src_uri in works:
                items.append(csl_item(works[file.src_uri]))
            cited.extend(_nocite(nocite))
        self.predicted = ([text for clusters, _ in batches for text in clusters], cited, works)
        # The background thread needs the interpreter lock only for moments (to
        # read pandoc's output as it comes), but by default the build's thread
        # keeps the lock for 5 ms before handing it over: on a large portfolio
        # pandoc sat idle for a third of its run. Handing over within 0.5 ms
        # costs the build nothing measurable; the setting is restored at the end
        # (to what it was when Coachfolio was loaded, even if a failed build
        # left a formatting job running into the next one under `mkdocs serve`).
        sys.setswitchinterval(min(_SWITCH_INTERVAL, 0.0005))

        def format_then_restore() -> tuple[Formatted, dict[str, str]]:
            try:
                # The pages need not wait for the bibliography, only their formatting does.
                bibliography = self._read_bibliography()
                self.formatter = CitationFormatter(bibliography, self.style)
                return self._format_batches(batches, cited + self._listed(bibliography))
            finally:
                sys.setswitchinterval(_SWITCH_INTERVAL)

        return InBackground(format_then_restore, "coachfolio-citations")

    def _format_batches(self, batches: list[tuple[list[str], list[dict[str, Any]]]], cited: list[str]) -> tuple[Formatted, dict[str, str]]:
        """Format batch after batch (in the background), publishing each as it is done.

        The posts' own entries come first, in one document: they are quick
        (no entry is compared with another), and every post needs its own.
        """
        own = self.formatter.format_entries([item for _, items in batches for item in items])
        self.progress = _Progress(None, own)
        clusters: dict[str, str] = {}
        formatted = Formatted({}, {}, [])
        for texts, _ in batches:
            part = self.formatter.format(texts, cited)
            clusters.update(part.clusters)
            formatted = Formatted(dict(clusters), part.entries, part.order)
            self.progress = _Progress(formatted, own)  # one assignment: the page pass sees all of it or none
        return formatted, own

    def _listed(self, bibliography: Bibliography) -> list[str]:
        """Keys the configuration's `nocite` adds to the site bibliography."""
        if "*" in self.config.nocite:
            return list(bibliography.items)
        return [key for key in self.config.nocite if key in bibliography]

    # Reading pages -----------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if self.stray_directive_check is not None:
            report_stray_directives(page, config, self.stray_directive_check)
        # The scan in `on_nav` read the same Markdown, unless a plugin changed it since.
        found = self.scanned.pop(_digest(markdown), None)
        if found is None:
            found = find_citations(markdown)
        directives = find_directives(markdown, ["bibliography"]) if "::bibliography" in markdown else []
        if directives:
            markdown = replace_directives(markdown, directives, {d.line: _BIBLIOGRAPHY_TOKEN for d in directives})
        listed = _nocite(page.meta.get("nocite"))
        if not found and not listed:
            return markdown
        record = self.pages.setdefault(page.file.src_uri, _PageCitations(page))
        if self.reading.done():
            self._report_problems(page, found, listed, self._read_bibliography(), config)
        else:
            self.unchecked.append((page, found, listed))  # the bibliography is still being read
        # A page's `nocite`, as in pandoc, lists works without an in-text citation.
        # (Keys the bibliography does not have are dropped in `on_env`.)
        for key in listed + [key for cluster in found for key in cluster.keys]:
            if key not in record.keys:
                record.keys.append(key)
        tokens = []
        for cluster in found:
            record.clusters.append(len(self.clusters))
            tokens.append(f"COACHFOLIOCITE{len(self.clusters)}END")
            self.clusters.append((cluster.text, page.file.src_uri))
        return replace_citations(markdown, found, tokens)

    def _report_problems(self, page: Page, found: list[Cluster], listed: list[str], bibliography: Bibliography, config: MkDocsConfig) -> None:
        """Warn of a page's unknown citation keys and unfinished locators, in the order they stand."""
        known = bibliography.items
        if (
            any(key not in known for key in listed)
            or any(key not in known for cluster in found for key in cluster.keys)
            or any(has_unfinished_locator(cluster) for cluster in found)
        ):
            # Rare: only then is the page's source read again, for line numbers.
            name, first_line = display_path(page.file, config), body_start_line(page.file.content_string)
            problems = checks.nocite_keys(listed, name, known) + checks.citation_keys(found, first_line, name, known) + checks.citation_locators(found, first_line, name)
            for problem in sorted(problems, key=lambda problem: (problem.line, problem.column)):
                log.warning(str(problem))

    # Once every page is read ---------------------------------------------------------

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        """Mark where reference lists and "Cite this" go; they are filled once pandoc is done.

        Nothing here waits for pandoc: it keeps formatting on the other core
        while MkDocs renders the pages.
        """
        if not self.config.enabled:
            return None
        cache_navigation(env)
        bibliography = self._read_bibliography()
        for page, found, listed in self.unchecked:
            self._report_problems(page, found, listed, bibliography, config)
        self.unchecked = []
        for record in self.pages.values():
            record.keys = [key for key in record.keys if key in bibliography]
        self.works = self._works(config, files) if self.config.cite_this else {}
        listed = self._listed(bibliography)
        self.cited = [key for record in self.pages.values() for key in record.keys] + listed
        self.prediction_held = self._prediction_held(bibliography, listed)
        self.predicted = ([], [], {})  # compared once: the posts' works it holds need not last the build
        for key in self.config.nocite:
            if key != "*" and key not in bibliography:
                log.warning(f"mkdocs.yml: coachfolio/citations: nocite names unknown citation key '{key}'{did_you_mean(key, bibliography.items)}")
        cited = set(self.cited)
        unused = [key for key in bibliography.items if key not in cited]
        if unused:
            # A whole Zotero library may be exported: name a few, not hundreds.
            named = ", ".join(unused[:_UNUSED_NAMED]) + (f" and {len(unused) - _UNUSED_NAMED} more" if len(unused) > _UNUSED_NAMED else "")
            log.info(f"{len(unused)} bibliography entries are not cited: {named}")
        self.write_order = []
        self.cite_this_anchors = {}
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            record = self.pages.get(file.src_uri)
            if record and record.keys:
                record.anchor = free_id(page.content, "references", "cited-references")
                add_to_toc(page, self.config.references_title, record.anchor)
                page.content += _REFERENCES_TOKEN
                # Filled once pandoc is done, maybe after MkDocs checks links to anchors: its ids are known now.
                add_anchors(page, [record.anchor, *(f"ref-{key}" for key in record.keys)])
            if _BIBLIOGRAPHY_TOKEN in page.content:
                add_anchors(page, (f"ref-{key}" for key in cited))
            if file.src_uri in self.works:
                page.content += _CITE_THIS_TOKEN
                # An address to link to.
                anchor = self.cite_this_anchors[file.src_uri] = free_id(page.content, "cite-this", "cite-this-reflection")
                add_to_toc(page, self.config.cite_this_title, anchor)
                add_anchors(page, [anchor])
            if (record and record.keys) or file.src_uri in self.works:
                self.write_order.append(file.src_uri)
        self.write_position = {uri: number for number, uri in enumerate(self.write_order)}
        return env

    def _works(self, config: MkDocsConfig, files: Files) -> dict[str, Work]:
        """The citable facts of every blog post, by source path."""
        pages = (file.page for file in files.documentation_pages() if file.page is not None)
        return {page.file.src_uri: work for page in pages if (work := _work(page, config))}

    def _prediction_held(self, bibliography: Bibliography, listed: list[str]) -> bool:
        """True if the scan in `on_nav` found what the page pass found, so its batches are right.

        (The batches carry the configuration's `nocite` keys too: `listed`.)
        """
        predicted_clusters, predicted_cited, predicted_works = self.predicted
        known = set(bibliography.items)
        return (
            set(self.cited) & known == set(predicted_cited + listed) & known
            and set(predicted_clusters).issuperset(text for text, _ in self.clusters)
            and self.works == predicted_works
        )

    def _own_items(self) -> list[dict[str, Any]]:
        """The CSL items of the posts' own entries, as the page pass found them."""
        return sorted((csl_item(work) for work in self.works.values()), key=lambda item: item["id"])

    def _ensure_formatted(self) -> Formatted:
        """The formatted citations: the background batches, completed where the scan fell short."""
        if self.formatted is not None:
            return self.formatted
        started = time.perf_counter()
        try:
            formatted, self.own_entries = self.job.result()
            if not self.prediction_held:
                formatted = self.formatter.format([text for text, _ in self.clusters], self.cited)
                self.own_entries = self.formatter.format_entries(self._own_items())
        except PandocError as error:
            raise PluginError(f"coachfolio/citations: formatting citations failed: {error}") from None
        self.formatted = formatted
        self.formatting_time = FormattingTime(self.formatter.pandoc_calls, self.formatter.pandoc_seconds, time.perf_counter() - started)
        return formatted

    def _ready(self, page: Page, output: str) -> tuple[Formatted, dict[str, str]] | None:
        """What `page` needs, if it is formatted already: all of it, or the batches done so far."""
        if self.formatted is not None or self.job.done():
            return self._ensure_formatted(), self.own_entries
        progress = self.progress
        if not self.prediction_held or progress.formatted is None:
            return None
        # The page's own citations, and those of excerpts it shows (the blog's index and archives).
        for match in find_tokens(_ANY_TOKEN, output):
            if match.group(0) == _BIBLIOGRAPHY_TOKEN:
                return None  # the site's bibliography waits for every batch
            number = match.group("cite")
            if number is not None and self.clusters[int(number)][0] not in progress.formatted.clusters:
                return None
        work = self.works.get(page.file.src_uri)
        if work is not None and work.item_id not in progress.own_entries:
            return None
        return progress.formatted, progress.own_entries

    def _cluster_html(self, number: int, page: Page | None, formatted: Formatted, *, in_link: bool = False) -> str:
        """A formatted citation for `page`, its links pointing at the reference entries.

        A citation in a link's text (`[as @foltos2013 shows](https://…)`) is
        formatted without links of its own, as a link cannot hold another.
        """
        written, owner = self.clusters[number]
        text = formatted.clusters.get(written, html.escape(written))
        if in_link:
            return _BIBLIOREF_LINK.sub(r"\2", text)
        # On its own page a citation links to the page's reference list; in an
        # excerpt shown elsewhere, to the list on the post's page.
        owner_page = self.pages[owner].page
        target = "" if page is owner_page else url_from(page.url if page else "", owner_page.url)

        def link(match: re.Match[str]) -> str:
            key = match.group(1)
            tooltip = html.escape(formatted.plain_entry(key))
            title = f' title="{tooltip}"' if tooltip else ""
            return f'<a href="{target}#ref-{key}" role="doc-biblioref"{title}>'

        return _BIBLIOREF.sub(link, text)

    def _fill_page(self, output: str, page: Page, formatted: Formatted, own_entries: dict[str, str], upcoming: list[str]) -> str:
        """Put citations, the reference list, the bibliography and "Cite this" into a page's HTML.

        One pass over the page finds every token: a page runs to tens of
        kilobytes, and a pass for each kind of token cost 0.1 s over a
        thousand posts. The site's bibliography, a block of its own, is placed
        after it. `upcoming` are the pages to be filled next, this one first.
        """

        ends: tuple[str, str] | None = None

        def fill(match: re.Match[str]) -> str | None:
            nonlocal ends
            if match.group("cite") is not None:
                return self._cluster_html(int(match.group("cite")), page, formatted, in_link=inside_link(match.string, match.start()))
            if match.group("references") is None and match.group("cite_this") is None:
                return None  # the bibliography
            if ends is None:
                ends = self._page_ends(upcoming, formatted, own_entries)
            return ends[0] if match.group("references") is not None else ends[1]

        output = replace_tokens(_ANY_TOKEN, output, fill)
        if _BIBLIOGRAPHY_TOKEN in output:
            bibliography = self._bibliography(page, formatted)
            output = sub_tokens(_BIBLIOGRAPHY, output, lambda _match: bibliography, block=True)
        return output

    def _page_ends(self, upcoming: list[str], formatted: Formatted, own_entries: dict[str, str]) -> tuple[str, str]:
        """The reference list and "Cite this" box of `upcoming[0]`, rendered along with those of the pages after it.

        Rendered one page at a time, between MkDocs's own work on each page,
        these two renders took 0.055 s over 300 posts: their code and data had
        left the processor's caches in between. (The standards boxes, which are
        much alike, render seven times as fast in a run.)
        """
        source = (formatted.entries, formatted.order, own_entries)
        # Each batch pandoc finishes brings its own copy of the same entries.
        if self.rendered_from is None or any(old is not new and old != new for old, new in zip(self.rendered_from, source)):
            self.rendered_ahead = {}
        self.rendered_from = source
        if upcoming[0] not in self.rendered_ahead:
            for uri in upcoming[:_RENDERED_AHEAD]:
                record, work = self.pages.get(uri), self.works.get(uri)
                references = self._reference_list(record, formatted) if record and record.keys else ""
                self.rendered_ahead[uri] = (references, self._cite_this(work, own_entries, self.cite_this_anchors.get(uri, "cite-this")) if work else "")
        return self.rendered_ahead.pop(upcoming[0])

    def _reference_list(self, record: _PageCitations, formatted: Formatted) -> str:
        references = render(self.env, "references.html", title=self.config.references_title, anchor=record.anchor,
                            entries=[(key, formatted.entries[key]) for key in formatted.in_order(record.keys)])
        return with_id(references, record.anchor)

    def _bibliography(self, page: Page, formatted: Formatted) -> str:
        # Each citing page, as a link from this one: a page cites several works.
        citing: dict[str, list[tuple[str | None, str]]] = {}
        for record in self.pages.values():
            link = (record.page.title, url_from(page.url, record.page.url))
            for key in record.keys:
                citing.setdefault(key, []).append(link)
        entries = [(key, formatted.entries[key], citing.get(key, [])) for key in formatted.in_order(self.cited)]
        return render(self.env, "bibliography.html", entries=entries)

    def _cite_this(self, work: Work, own_entries: dict[str, str], anchor: str) -> str:
        box = render(self.env, "cite-this.html", title=self.config.cite_this_title, anchor=anchor, apa=own_entries.get(work.item_id), bibtex=bibtex_entry(work))
        return with_id(box, anchor)

    # Writing pages ------------------------------------------------------------------

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        if "COACHFOLIO" in output:  # a plain substring test; a regex search here costs ~1 ms a page
            ready = self._ready(page, output)
            if ready is not None:
                position = self.write_position.get(page.file.src_uri)
                upcoming = self.write_order[position : position + _RENDERED_AHEAD] if position is not None else [page.file.src_uri]
                output = self._fill_page(output, page, *ready, upcoming)
            else:
                # pandoc is still busy with this page's batch; it is finished in `on_post_build`.
                self.unfinished.append((page, Path(config.site_dir) / page.file.dest_uri))
        work = self.works.get(page.file.src_uri)  # computed in on_env, empty unless cite_this
        if work is not None:
            tags = "".join(f'<meta name="{name}" content="{html.escape(value)}">\n' for name, value in meta_tags(work))
            output = output.replace("</head>", tags + "</head>", 1)
        return output

    @event_priority(-100)  # after the search and feed plugins have written their files
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        formatted = self._ensure_formatted()
        log.debug(str(self.formatting_time))
        unfinished = [page.file.src_uri for page, _ in self.unfinished]
        for number, (page, path) in enumerate(self.unfinished):
            upcoming = unfinished[number : number + _RENDERED_AHEAD]
            filled = self._fill_page(path.read_text(encoding="utf-8"), page, formatted, self.own_entries, upcoming)
            path.write_text(filled, encoding="utf-8")
        self.rendered_ahead, self.rendered_from = {}, None
        # The search index read the pages before their reference lists were filled: it is given them as text.
        by_url = {record.page.url: record for record in self.pages.values()}
        complete_search_index(config.site_dir, "COACHFOLIO", lambda document, url: self._search_documents(document, by_url.get(url), formatted))
        # Feeds (and any other copy of page text) keep their citations as plain text.
        rewrite_copies(config.site_dir, "COACHFOLIO", lambda text, is_json: self._plain_tokens(text, formatted, json_escaped=is_json))

    def _plain_citation(self, match: re.Match[str], formatted: Formatted) -> str:
        """The citation a token stands for, as plain text."""
        written, _ = self.clusters[int(match.group("cite"))]
        return plain_text(formatted.clusters.get(written, written))

    def _plain_tokens(self, text: str, formatted: Formatted, *, json_escaped: bool) -> str:
        def plain(match: re.Match[str]) -> str:
            if match.group("cite") is None:
                return ""  # a reference list or box belongs on the page, not in a feed
            words = self._plain_citation(match, formatted)
            return json.dumps(words)[1:-1] if json_escaped else html.escape(words)

        return sub_tokens(_ANY_TOKEN, text, plain)

    def _search_documents(self, document: Document, record: _PageCitations | None, formatted: Formatted) -> list[Document]:
        """Fill a document of the search index: its citations and the bibliography as text; gives its page's reference list.

        A reference list is a section of its own, under its heading, as the
        search plugin makes one for each heading; "Cite this" is left out, as
        it repeats the post's own title.
        """
        sections: list[Document] = []

        def entries(keys: list[str]) -> str:
            return " ".join(f"<p>{html.escape(formatted.plain_entry(key))}</p>" for key in formatted.in_order(keys))

        def text(match: re.Match[str]) -> str:
            if match.group("cite") is not None:
                return html.escape(self._plain_citation(match, formatted))
            if match.group("references") is not None:
                if record is not None and record.keys:
                    title = html.escape(self.config.references_title)
                    sections.append({"location": f"{record.page.url}#{record.anchor}", "title": title, "text": entries(record.keys)})
                return ""
            if match.group("cite_this") is not None:
                return ""
            return entries(self.cited)  # the site's bibliography

        document["text"] = sub_tokens(_ANY_TOKEN, document["text"], text).strip()
        return sections


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _markdown_and_nocite(file: File) -> tuple[str, object]:
    """A page's Markdown (after its front matter) and its `nocite`, as the page pass will see them."""
    page = file.page
    if page is not None and page.markdown is not None:
        # Material's blog reads its posts before the navigation is built: they are in memory already.
        return page.markdown, page.meta.get("nocite")
    front, body = split_front_matter(file.content_string)
    if not front or "nocite" not in front:
        return body, None
    try:
        meta = yaml.load(front, Loader=FastLoader)
    except yaml.YAMLError:
        return body, None  # MkDocs reports the page's broken front matter itself
    return body, meta.get("nocite") if isinstance(meta, dict) else None


def _nocite(value: object) -> list[str]:
    """Keys of a page's `nocite`: a list, or pandoc's own form "@a @b"."""
    if isinstance(value, str):
        return [word.lstrip("@").strip(",;") for word in value.split() if word.strip("@,;")]
    if isinstance(value, list):
        return [str(item).lstrip("@") for item in value]
    return []


def _work(page: Page, config: MkDocsConfig) -> Work | None:
    """What a reader needs to cite `page`, if it is a dated blog post."""
    date = page_date(page)
    if not is_blog_post(page) or not date:
        return None
    authors = tuple(getattr(author, "name", str(author)) for author in getattr(page, "authors", []))
    return _make_work(html.unescape(page.title or ""), authors, date, page.url, config)


def _make_work(title: str, authors: tuple[str, ...], date: str, url: str, config: MkDocsConfig) -> Work:
    address = urljoin(config.site_url, url) if config.site_url else "/" + url
    language = config.theme["language"] if "language" in config.theme else "en"
    return Work(title, authors, date, config.site_name, address, language)


_FIRST_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def _predicted_works(files: Files, config: MkDocsConfig) -> dict[str, Work]:
    """The posts' works as they will be once rendered, from their sources alone.

    A post's title is its `title:` or its first heading, as MkDocs decides;
    authors come from the blog's authors file. A wrong guess only costs a
    second, synchronous formatting call.
    """
    blog = config.plugins.get("material/blog")
    names = {key: author.name for key, author in getattr(blog, "authors", {}).items()}
    works = {}
    for file in files.documentation_pages():
        page = file.page
        date = page_date(page) if page is not None else None
        if page is None or not is_blog_post(page) or not date:
            continue
        heading = _FIRST_HEADING.search(getattr(page, "markdown", "") or "")
        title = str(page.meta.get("title") or (heading.group(1) if heading else ""))
        authors = tuple(names.get(key, key) for key in page.meta.get("authors", []))
        works[file.src_uri] = _make_work(title, authors, date, file.url, config)
    return works
