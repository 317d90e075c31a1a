"""The `coachfolio/standards` plugin: MkDocs events in, evidence and standards pages out.

- `on_config` loads the configured frameworks (bundled ids or files).
- `on_files` adds the generated pages (`/standards/`, one per framework, the
  matrix and `matrix.csv`) and records rubric criteria as evidence.
- `on_page_markdown` reads each page's `standards:` front matter and turns
  `:standard[1.a]` mentions into links; `on_page_content` records the page as
  evidence and marks where its "Standards addressed" box goes.
- `on_env`, once every page is known, checks the links in the frameworks'
  texts and renders the boxes, the standards pages and the CSV, telling
  MkDocs the ids in them (a link to `standards/<framework>.md#indicator-1-a`
  leads somewhere); `on_post_build` checks the anchors of the frameworks' links.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from coachfolio.core import checks
from coachfolio.core.directives import (
    InlineDirective,
    directives_of,
    find_directives,
    replace_directives,
    replace_inline_directives,
)
from coachfolio.core.evidence import Artifact, Coverage, Evidence
from coachfolio.core.filecache import cached
from coachfolio.core.frameworks import (
    Framework,
    Frameworks,
    Indicator,
    load_configured_frameworks,
    load_framework,
)
from coachfolio.core.frontmatter import body_start_line
from coachfolio.core.links import folder_in_docs, framework_texts
from coachfolio.core.problems import Problem
from coachfolio.core.site_files import StandardsFiles
from coachfolio.integration.anchors import add_to_toc, free_id, note_anchors, with_id
from coachfolio.integration.assets import add_asset_files, use_assets
from coachfolio.integration.data_links import ChecksDataLinks, rewrite_links
from coachfolio.integration.directive_check import (
    plugins_if_reporting,
    report_stray_directives,
)
from coachfolio.integration.excerpts import FillsExcerpts
from coachfolio.integration.navigation import add_under_index
from coachfolio.integration.navigation_cache import cache_navigation
from coachfolio.integration.pages import (
    first_paragraph_text,
    generated_page_source,
    is_blog_post,
    page_date,
)
from coachfolio.integration.paths import display_path, url_from
from coachfolio.integration.placeholders import Placeholders
from coachfolio.integration.templates import make_environment, render
from coachfolio.standards.config import StandardsConfig

log = get_plugin_logger(__name__)

DIRECTIVES = directives_of("coachfolio/standards")


@dataclass
class _Claims:
    """What one page claims: indicators with their status, in the order written."""

    items: list[tuple[Indicator, str | None]] = field(default_factory=list)
    anchor: str = "standards-addressed"  # the id of the page's box

    def add(self, indicator: Indicator, status: str | None) -> None:
        for index, (known, known_status) in enumerate(self.items):
            if known.key == indicator.key:
                if status and not known_status:
                    self.items[index] = (known, status)
                return
        self.items.append((indicator, status))


class StandardsPlugin(FillsExcerpts, ChecksDataLinks, BasePlugin[StandardsConfig]):
    """Align pages and rubric criteria with standards; publish evidence and coverage."""

    def __init__(self) -> None:
        # The Coachfolio plugins turned on, when this one reports the directives none reads.
        self.stray_directive_check: list[str] | None = None
        self.frameworks = Frameworks([])
        self.coverage = Coverage(self.frameworks)
        self.placeholders = Placeholders("standards")
        self.claims: dict[str, _Claims] = {}
        self.files = Files([])
        # By the name a framework is configured by: its file, and the folder in
        # docs_dir its links start from (docs_dir itself for a file kept elsewhere).
        self.framework_paths: dict[str, Path] = {}
        self.framework_folders: dict[str, str] = {}

    # Configuration -------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.frameworks = self._load_frameworks(config)
        self.coverage = Coverage(self.frameworks)
        self.placeholders = Placeholders("standards")
        self.claims = {}
        self.env = make_environment(config)
        use_assets(config, "standards")
        self.stray_directive_check = plugins_if_reporting(self, config)
        return config

    def _load_frameworks(self, config: MkDocsConfig) -> Frameworks:
        root = Path(config.config_file_path or ".").parent
        self.framework_paths, self.framework_folders = {}, {}

        def load(path: Path, name: str) -> Framework:
            self.framework_paths[name], self.framework_folders[name] = path, folder_in_docs(str(path), config.docs_dir)
            return cached(lambda: load_framework(path, name), path, key=(name,))

        frameworks, problems = load_configured_frameworks(self.config.frameworks, self.config.default, root, load=load)
        if problems:
            raise PluginError("Standards frameworks have problems:\n" + "\n".join(problems))
        return frameworks

    @property
    def folder(self) -> str:
        return self.config.standards_dir.strip("/")

    @property
    def site_files(self) -> StandardsFiles:
        """The names of the standards pages and the matrix's CSV in docs_dir."""
        return StandardsFiles(self.folder)

    # Files and navigation --------------------------------------------------------

    @event_priority(-50)  # after coachfolio/rubrics has loaded the rubrics
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        names = self.site_files
        # With an explicit nav, `on_nav` hangs these pages under the index.
        listed = InclusionLevel.NOT_IN_NAV if config.nav is not None else InclusionLevel.UNDEFINED
        generated = [(names.index, "Standards", "::standards-index", InclusionLevel.UNDEFINED)]
        for framework in self.frameworks:
            title = f"{framework.title} ({framework.edition})" if framework.edition else framework.title
            generated.append((names.framework(framework.id), title, f"::standards-framework[{framework.id}]", listed))
        generated.append((names.matrix, "Coverage matrix", "::standards-matrix", listed))
        for uri, title, directive, inclusion in generated:
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=generated_page_source(title, directive), inclusion=inclusion))
        # Filled in `on_env`, once every page has been read; MkDocs copies it after that.
        files.append(File.generated(config, names.matrix_csv, content=""))
        add_asset_files(files, config, "standards")
        self.files = files
        self._record_rubric_evidence(files, config)
        return files

    def _record_rubric_evidence(self, files: Files, config: MkDocsConfig) -> None:
        rubrics_plugin = config.plugins.get("coachfolio/rubrics")
        if rubrics_plugin is None or not rubrics_plugin.config.enabled:
            return
        for slug, rubric in rubrics_plugin.rubrics.items():
            page_file = files.get_file_from_path(rubrics_plugin.site_files.page(slug))
            artifact = Artifact("rubric", rubric.title, page_file.url if page_file else f"{rubrics_plugin.folder}/{slug}/")
            for criterion in rubric.criteria:
                for alignment in criterion.standards:
                    found = self.frameworks.resolve(alignment.reference)
                    if isinstance(found, str):
                        log.error(f"{rubric.source}:{alignment.line}:{alignment.column}: criterion '{criterion.title}': {found}")
                        continue
                    self.coverage.add(Evidence(found, artifact, alignment.status, criterion.title, f"criterion-{criterion.id}"))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        names = self.site_files
        index = files.get_file_from_path(names.index)
        uris = [names.framework(f.id) for f in self.frameworks] + [names.matrix]
        pages = [file.page for file in (files.get_file_from_path(uri) for uri in uris) if file and file.page]
        add_under_index(nav, index.page if index else None, pages)
        return nav

    # Pages -------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if self.stray_directive_check is not None:
            report_stray_directives(page, config, self.stray_directive_check)
        name = display_path(page.file, config)
        claims = _Claims()
        if "standards" in page.meta:
            found, problems = checks.standards_in_front_matter(page.meta, lambda: page.file.content_string, name, self.frameworks)
            for problem in problems:
                log.error(str(problem))
            for indicator, status in found:
                claims.add(indicator, status)
        mentioned: list[tuple[InlineDirective, Indicator | None]] = []
        problems: list[Problem] = []
        if ":standard[" in markdown:  # most pages mention no indicator in their text
            first_line = body_start_line(page.file.content_string)
            mentioned, problems = checks.standard_mentions(markdown, first_line, name, self.frameworks)
        for problem in problems:
            log.error(str(problem))
        links = []
        for mention, indicator in mentioned:
            if indicator is None:
                links.append(f"**{mention.argument or '?'}** (unknown standard)")
            else:
                claims.add(indicator, None)
                links.append(self._mention(indicator, page))
        if claims.items:
            self.claims[page.file.src_uri] = claims
        mentions = [mention for mention, _ in mentioned]
        markdown = replace_inline_directives(markdown, mentions, links)
        directives = find_directives(markdown, DIRECTIVES) if "::standards" in markdown else []
        if directives:
            tokens = {d.line: self.placeholders.token(page.file.src_uri, (d.name, d.argument)) for d in directives}
            markdown = replace_directives(markdown, directives, tokens)
        return markdown

    def _mention(self, indicator: Indicator, page: Page) -> str:
        """A Markdown link to the indicator, so MkDocs (and the blog's excerpts) resolve it."""
        target = self.site_files.framework(indicator.framework_id)
        relative = posixpath.relpath(target, posixpath.dirname(page.file.src_uri) or ".")
        label = indicator.label.replace('"', "&quot;")  # Python-Markdown keeps the entity in the title
        return f'[{indicator.code}]({relative}#{indicator.anchor} "{label}")'

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        claims = self.claims.pop(page.file.src_uri, None)  # read once; the evidence keeps what lasts
        if claims is None:
            return None
        kind = "post" if is_blog_post(page) else "page"
        artifact = Artifact(kind, page.title or page.file.name, page.url, page_date(page), first_paragraph_text(html))
        for indicator, status in claims.items:
            self.coverage.add(Evidence(indicator, artifact, status))
        claims.anchor = free_id(html, "standards-addressed", "standards-addressed-box")
        add_to_toc(page, self.config.box_title, claims.anchor)
        # The box is rendered in `on_env`, with every other page's. One page at
        # a time, between MkDocs's own work on each page, a render took seven
        # times as long as in a run of renders (0.07 s against 0.01 s for 300
        # posts): its code and data had left the processor's caches.
        return html + self.placeholders.token(page.file.src_uri, claims)

    def _box(self, claims: _Claims, page: Page) -> str:
        """The "Standards addressed" box at the end of `page`."""
        box = render(self.env, "standards-box.html", title=self.config.box_title, anchor=claims.anchor, groups=self._by_framework(claims), link=self._indicator_links(page))
        return with_id(box, claims.anchor)

    def _by_framework(self, claims: _Claims) -> list[tuple[Framework, list[tuple[Indicator, str | None]]]]:
        groups: dict[str, list[tuple[Indicator, str | None]]] = {}
        for indicator, status in claims.items:
            groups.setdefault(indicator.framework_id, []).append((indicator, status))
        return [(self.frameworks.by_id[framework_id], items) for framework_id, items in groups.items()]

    def _page_url(self, page: Page, uri: str) -> str:
        file = self.files.get_file_from_path(uri)
        return url_from(page.url, file.url if file else uri)

    def _indicator_links(self, page: Page) -> Callable[[Indicator], str]:
        """Links from `page` to indicators: one relative URL per framework page, however many indicators.

        (Every post links its indicators; working out a relative URL is the costly part.)
        """
        framework_urls: dict[str, str] = {}

        def link(indicator: Indicator) -> str:
            if indicator.framework_id not in framework_urls:
                framework_urls[indicator.framework_id] = self._page_url(page, self.site_files.framework(indicator.framework_id))
            return f"{framework_urls[indicator.framework_id]}#{indicator.anchor}"

        return link

    # Once every page is known ------------------------------------------------------

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if not self.config.enabled:
            return None
        cache_navigation(env)
        # Which files the site publishes is settled now (Material's blog shows its posts in its `on_nav`).
        self.check_data_links(files, config)
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.content:
                filled = self.placeholders.fill(file.src_uri, page.content, lambda use: note_anchors(page, self._render(use, page)))  # type: ignore[arg-type]
                # The generated standards pages run to megabytes on a large portfolio;
                # a page of one's own (which might hold a script) is left as written.
                page.content = _ascii(filled) if file.generated_by and filled is not page.content else filled
        csv_file = files.get_file_from_path(self.site_files.matrix_csv)
        if csv_file is not None:
            csv_file.content_string = self.coverage.matrix_csv(lambda url: _absolute(config, url))
        return env

    def data_files(self, config: MkDocsConfig) -> Iterator[tuple[Iterable[str], str, str, Path]]:
        for framework in self.frameworks:
            name = framework.source
            yield framework_texts(framework), self.framework_folders[name], name, self.framework_paths[name]

    def render_elsewhere(self, value: object, page: Page, origin: str) -> str:
        return self._render(value, page)  # type: ignore[arg-type]

    def _render(self, use: tuple[str, str] | _Claims, page: Page) -> str:
        if isinstance(use, _Claims):
            return self._box(use, page)
        name, argument = use
        context = {
            "frameworks": list(self.frameworks),
            "coverage": self.coverage,
            "page_url": lambda uri: self._page_url(page, uri),
            "url": lambda site_url: url_from(page.url, site_url),
            "indicator_url": self._indicator_links(page),
            "folder": self.folder,
        }
        if name == "standards-index":
            return render(self.env, "standards-index.html", **context)
        if name == "standards-coverage":
            return render(self.env, "standards-coverage.html", **context)
        if name == "standards-matrix":
            return render(self.env, "standards-matrix.html", artifacts=self.coverage.artifacts(), **context)
        framework = self.frameworks.by_id.get(argument)
        if framework is None:
            return render(self.env, "unknown.html", kind="framework", name=argument)
        return render(self.env, "standards-framework.html", framework=framework, data_links=self._data_links(framework, page), **context)

    def _data_links(self, framework: Framework, page: Page) -> Callable[[str], str]:
        """Links in the framework's texts, pointed at their targets from `page`."""
        folder = self.framework_folders[framework.source]
        return lambda rendered: rewrite_links(rendered, folder, page.url, self.files)


def _ascii(content: str) -> str:
    """`content` with characters beyond ASCII as character references ("✓" becomes "&#10003;").

    MkDocs keeps every page's HTML until the build ends, and Python stores a
    text with a single "✓" or "…" at two or four bytes per character: the
    matrix and framework pages of a large portfolio run to megabytes, so this
    halves what they hold. Browsers show the same characters.
    """
    return content if content.isascii() else content.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _absolute(config: MkDocsConfig, url: str) -> str:
    """A site-relative URL as an address: under `site_url` when set, else from the site root."""
    base = config.site_url or "/"
    return base.rstrip("/") + "/" + url.lstrip("/")
