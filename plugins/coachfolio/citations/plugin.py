"""The `coachfolio/citations` plugin: MkDocs events in, the citation core and templates out.

- `on_config` loads the bibliography and finds the CSL style.
- `on_page_markdown` finds the citations of each page (reporting unknown
  keys with their file, line and column) and leaves a token in their place.
- `on_env`, once every page is read, formats every citation of the site in
  one pandoc call, then fills in citations, each page's reference list, the
  "Cite this reflection" box and the site bibliography.
- `on_post_page` fills the tokens that reached other pages inside blog
  excerpts, and adds the citation_* meta tags of posts.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from coachfolio.core.citations.bibliography import load_bibliography
from coachfolio.core.citations.cite_this import Work, bibtex_entry, csl_item, meta_tags
from coachfolio.core.citations.formatter import CitationFormatter, Formatted
from coachfolio.core.citations.pandoc import PandocError
from coachfolio.core.citations.styles import StyleNotFound, find_style
from coachfolio.core.citations.syntax import Cluster, find_citations, replace_citations
from coachfolio.core.directives import find_directives, replace_directives
from coachfolio.core.frontmatter import body_start_line
from coachfolio.core.problems import DataFileError
from coachfolio.core.suggest import did_you_mean
from coachfolio.integration.assets import add_asset_files, use_assets
from coachfolio.integration.pages import is_blog_post, page_date
from coachfolio.integration.paths import display_path, relative_to_project, url_from
from coachfolio.integration.templates import make_environment, render
from coachfolio.citations.config import CitationsConfig

log = get_plugin_logger(__name__)

_TOKEN = re.compile(r"COACHFOLIOCITE(\d+)END")
_BIBLIOGRAPHY_TOKEN = "COACHFOLIOBIBLIOGRAPHYEND"
_BIBLIOREF = re.compile(r'<a href="#ref-([^"]+)" role="doc-biblioref">')


@dataclass
class _PageCitations:
    """The citations found on one page, in order."""

    page: Page
    clusters: list[int] = field(default_factory=list)  # numbers of its tokens
    keys: list[str] = field(default_factory=list)  # cited keys, first citation first


class CitationsPlugin(BasePlugin[CitationsConfig]):
    """Format pandoc-style citations in APA (or any CSL style) with reference lists."""

    def __init__(self) -> None:
        self.clusters: list[tuple[Cluster, str]] = []  # (cluster, src_uri of its page)
        self.pages: dict[str, _PageCitations] = {}
        self.formatted: Formatted | None = None
        self.own_entries: dict[str, str] = {}

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
        try:
            self.bibliography = load_bibliography([(root / name, name) for name in names])
        except DataFileError as error:
            raise PluginError(f"Bibliography files have problems:\n{error}") from None
        self.bibliography_paths = {(root / name).resolve() for name in names}
        self.formatter = CitationFormatter(self.bibliography, style)
        self.clusters, self.pages, self.formatted = [], {}, None
        self.env = make_environment(config)
        use_assets(config, css=["common.css", "citations.css"], js=["citations.js"])
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).resolve() in self.bibliography_paths:
                files.remove(file)  # a bibliography in docs_dir is data, not a download
        uri = self.config.references_page
        if files.get_file_from_path(uri) is None:
            content = f"---\ntitle: {html.escape(self.config.references_title)}\n---\n\n::bibliography\n"
            files.append(File.generated(config, uri, content=content))
        add_asset_files(files, config, ["common.css", "citations.css", "citations.js"])
        self.files = files
        return files

    # Reading pages -----------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        found = find_citations(markdown)
        directives = find_directives(markdown, ["bibliography"])
        if directives:
            markdown = replace_directives(markdown, directives, {d.line: _BIBLIOGRAPHY_TOKEN for d in directives})
        listed = _nocite(page.meta.get("nocite"))
        if not found and not listed:
            return markdown
        name = display_path(page.file, config)
        first_line = body_start_line(page.file.content_string)
        record = self.pages.setdefault(page.file.src_uri, _PageCitations(page))
        for key in listed:
            # Like pandoc's `nocite`: in the page's reference list without an in-text citation.
            if key not in self.bibliography:
                log.warning(f"{name}: nocite names unknown citation key '{key}'{did_you_mean(key, self.bibliography.items)}")
            elif key not in record.keys:
                record.keys.append(key)
        tokens = []
        for cluster in found:
            for key in cluster.keys:
                if key not in self.bibliography:
                    log.warning(
                        f"{name}:{cluster.line + first_line - 1}:{cluster.column}: unknown citation key '{key}'"
                        f"{did_you_mean(key, self.bibliography.items)}"
                    )
                elif key not in record.keys:
                    record.keys.append(key)
            record.clusters.append(len(self.clusters))
            tokens.append(f"COACHFOLIOCITE{len(self.clusters)}END")
            self.clusters.append((cluster, page.file.src_uri))
        return replace_citations(markdown, found, tokens)

    # Once every page is read ---------------------------------------------------------

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if not self.config.enabled:
            return None
        works = self._works(config, files) if self.config.cite_this else {}
        cited = [key for record in self.pages.values() for key in record.keys]
        listed = list(self.bibliography.items) if "*" in self.config.nocite else [k for k in self.config.nocite if k in self.bibliography]
        for key in self.config.nocite:
            if key != "*" and key not in self.bibliography:
                log.warning(f"mkdocs.yml: coachfolio/citations: nocite names unknown citation key '{key}'{did_you_mean(key, self.bibliography.items)}")
        try:
            self.formatted = self.formatter.format([cluster.text for cluster, _ in self.clusters], cited + listed)
            self.own_entries = self.formatter.format_entries([csl_item(w) for w in works.values()])
        except PandocError as error:
            raise PluginError(f"coachfolio/citations: formatting citations failed: {error}") from None
        unused = [key for key in self.bibliography.items if key not in set(cited) | set(listed)]
        if unused:
            log.info(f"{len(unused)} bibliography entries are not cited: {', '.join(unused)}")
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            record = self.pages.get(file.src_uri)
            if record:
                page.content = self._fill(page.content, page) + self._reference_list(page, record)
            if _BIBLIOGRAPHY_TOKEN in page.content:
                page.content = page.content.replace(f"<p>{_BIBLIOGRAPHY_TOKEN}</p>", self._bibliography(page, cited + listed))
            if file.src_uri in works:
                page.content += self._cite_this(works[file.src_uri])
        return env

    def _works(self, config: MkDocsConfig, files: Files) -> dict[str, Work]:
        """The citable facts of every blog post, by source path."""
        pages = (file.page for file in files.documentation_pages() if file.page is not None)
        return {page.file.src_uri: work for page in pages if (work := _work(page, config))}

    def _cluster_html(self, number: int, page: Page) -> str:
        """A formatted citation for `page`, its links pointing at the reference entries."""
        assert self.formatted is not None
        cluster, owner = self.clusters[number]
        text = self.formatted.clusters.get(cluster.text, html.escape(cluster.text))
        # On its own page a citation links to the page's reference list; in an
        # excerpt shown elsewhere, to the list on the post's page.
        target = "" if owner == page.file.src_uri else url_from(page.url, self.pages[owner].page.url)

        def link(match: re.Match[str]) -> str:
            key = match.group(1)
            tooltip = html.escape(self.formatted.plain_entry(key)) if self.formatted else ""  # type: ignore[union-attr]
            title = f' title="{tooltip}"' if tooltip else ""
            return f'<a href="{target}#ref-{key}" role="doc-biblioref"{title}>'

        return _BIBLIOREF.sub(link, text)

    def _fill(self, content: str, page: Page) -> str:
        return _TOKEN.sub(lambda m: self._cluster_html(int(m.group(1)), page), content)

    def _reference_list(self, page: Page, record: _PageCitations) -> str:
        assert self.formatted is not None
        keys = [key for key in self.formatted.order if key in record.keys]
        if not keys:
            return ""
        anchor = "references" if 'id="references"' not in (page.content or "") else "cited-references"
        # Material shows the children of the page's h1 as its table of contents.
        toc = page.toc.items[0].children if page.toc.items and page.toc.items[0].level == 1 else page.toc.items
        toc.append(AnchorLink(self.config.references_title, anchor, 2))
        return render(self.env, "references.html", title=self.config.references_title, anchor=anchor,
                      entries=[(key, self.formatted.entries[key]) for key in keys])

    def _bibliography(self, page: Page, keys: list[str]) -> str:
        assert self.formatted is not None
        wanted = set(keys)
        citing: dict[str, list[Page]] = {}
        for record in self.pages.values():
            for key in record.keys:
                citing.setdefault(key, []).append(record.page)
        entries = [
            (key, self.formatted.entries[key], [(p.title, url_from(page.url, p.url)) for p in citing.get(key, [])])
            for key in self.formatted.order
            if key in wanted
        ]
        return render(self.env, "bibliography.html", entries=entries)

    def _cite_this(self, work: Work) -> str:
        assert self.formatted is not None
        entry = self.own_entries.get(work.item_id)
        return render(self.env, "cite-this.html", apa=entry, bibtex=bibtex_entry(work))

    # Writing pages ------------------------------------------------------------------

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        if self.formatted is not None and "COACHFOLIOCITE" in output:
            output = self._fill(output, page)
        work = _work(page, config) if self.config.cite_this else None
        if work is not None:
            tags = "".join(f'<meta name="{name}" content="{html.escape(value)}">\n' for name, value in meta_tags(work))
            output = output.replace("</head>", tags + "</head>", 1)
        return output


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
    url = page.canonical_url or "/" + page.url
    language = config.theme["language"] if "language" in config.theme else "en"
    return Work(html.unescape(page.title or ""), authors, date, config.site_name, url, language)
