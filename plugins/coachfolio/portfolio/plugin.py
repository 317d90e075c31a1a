"""The `coachfolio/portfolio` plugin: the portfolio at a glance.

- `::latest-reflections{count=5}` lists the newest posts (date, title, excerpt,
  categories); `::series-list` lists every series; a page per series lists
  its parts, and each post of a series shows where it stands in it.
- `::figure[alt]{…}` renders an accessible figure with caption and credit.

Posts, series and figures are gathered while pages are read; lists that need
every post are rendered in `on_env`, after the other Coachfolio plugins have
filled in their parts of each post (hence its low priority). The links in the
series file are checked in `on_env`, their anchors in `on_post_build`.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
    directives_of,
    find_directives,
    replace_directives,
)
from coachfolio.core.figures import Figure
from coachfolio.core.frontmatter import body_start_line
from coachfolio.core.problems import DataFileError
from coachfolio.core.series import Series, load_series
from coachfolio.core.site_files import SeriesFiles
from coachfolio.core.suggest import did_you_mean
from coachfolio.integration.anchors import note_anchors
from coachfolio.integration.assets import add_asset_files, use_assets
from coachfolio.integration.blog_authors import BlogAuthors
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
from coachfolio.integration.paths import display_path, relative_to_project, url_from
from coachfolio.integration.placeholders import Placeholders
from coachfolio.integration.templates import make_environment, render
from coachfolio.portfolio.config import PortfolioConfig

log = get_plugin_logger(__name__)

DIRECTIVES = directives_of("coachfolio/portfolio")


@dataclass
class _Part:
    """A post's place in a series."""

    page: Page
    series: str
    order: float | None


class PortfolioPlugin(FillsExcerpts, ChecksDataLinks, BasePlugin[PortfolioConfig]):
    """Home-page lists, series of posts, and figures with credits."""

    def __init__(self) -> None:
        # The Coachfolio plugins turned on, when this one reports the directives none reads.
        self.stray_directive_check: list[str] | None = None
        self.series: dict[str, Series] = {}
        self.parts: list[_Part] = []
        self.placeholders = Placeholders("portfolio")
        self.files = Files([])
        self.posts: list[Page] = []  # newest first, known from `on_env`
        self.by_series: dict[str, list[Page]] = {}
        self.openings: dict[str, str] = {}  # each post's first paragraph of prose, by source path

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        path = Path(config.docs_dir) / self.config.series_file
        self.series_file = relative_to_project(str(path), config)
        try:
            self.series = load_series(path, self.series_file) if path.is_file() else {}
        except DataFileError as error:
            raise PluginError(f"The series file has problems:\n{error}") from None
        self.parts = []
        self.openings = {}
        self.placeholders = Placeholders("portfolio")
        self.env = make_environment(config)
        self.stray_directive_check = plugins_if_reporting(self, config)
        self.blog_authors = BlogAuthors(config)
        use_assets(config, "portfolio")
        return config

    @property
    def folder(self) -> str:
        return self.config.series_dir.strip("/")

    @property
    def site_files(self) -> SeriesFiles:
        """The names of the series pages in docs_dir."""
        return SeriesFiles(self.folder)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.blog_authors.check_all_posts(files)  # before Material's blog (priority -50) makes profile pages
        if self.series:
            listed = InclusionLevel.NOT_IN_NAV if config.nav is not None else InclusionLevel.UNDEFINED
            names = self.site_files
            pages = [(names.index, "Series", "::series-list", InclusionLevel.UNDEFINED)]
            pages += [(names.series(s.id), s.title, f"::series-parts[{s.id}]", listed) for s in self.series.values()]
            for uri, title, directive, inclusion in pages:
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, content=generated_page_source(title, directive), inclusion=inclusion))
        add_asset_files(files, config, "portfolio")
        self.files = files
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self.series:
            return None
        names = self.site_files
        index = files.get_file_from_path(names.index)
        pages = [files.get_file_from_path(names.series(s)) for s in self.series]
        add_under_index(nav, index.page if index else None, [f.page for f in pages if f and f.page])
        return nav

    @property
    def _series_file_folder(self) -> str:
        """The series file's folder in docs_dir, where links in its descriptions start from."""
        return posixpath.dirname(self.config.series_file.strip("/"))

    # Pages ---------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if self.stray_directive_check is not None:
            report_stray_directives(page, config, self.stray_directive_check)
        self.blog_authors.check_post(page)  # before Material's blog (priority -50) reads the post
        if "series" in page.meta:
            membership, problems = checks.series_membership(
                page.meta, lambda: page.file.content_string, display_path(page.file, config), self.series, self.series_file
            )
            for problem in problems:
                log.error(str(problem))
            if membership is not None:
                self.parts.append(_Part(page, *membership))
        directives = find_directives(markdown, DIRECTIVES) if "::" in markdown else []
        if not directives:
            return None
        name = display_path(page.file, config)
        first_line = body_start_line(page.file.content_string)
        tokens = {}
        for directive in directives:
            value: object = directive
            if directive.name == "figure":
                value, problems = checks.figure(
                    directive, first_line, name, lambda src: files.get_file_from_path(_image_uri(src, page)) is not None
                )
                for problem in problems:
                    log.warning(str(problem))
            elif directive.name == "series-parts" and directive.argument not in self.series:
                log.error(f"{name}:{directive.line + first_line - 1}:1: unknown series '{directive.argument}'{did_you_mean(directive.argument, self.series)}")
            tokens[directive.line] = self.placeholders.token(page.file.src_uri, value)
        return replace_directives(markdown, directives, tokens)

    @event_priority(50)  # before the other plugins fill in their embeds
    def on_page_content(self, html_: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        # A post's summary in lists is its first paragraph of prose: taken now,
        # while embedded rubrics, figures and boxes are still tokens to skip.
        if is_blog_post(page):
            self.openings[page.file.src_uri] = first_paragraph_text(html_)
        # Figures need only this page; lists that need every post wait for `on_env`.
        return self.placeholders.fill(page.file.src_uri, html_, lambda value: note_anchors(page, self._render_now(value, page)), keep=_deferred)

    def _render_now(self, value: object, page: Page, written_in: Page | None = None) -> str:
        assert isinstance(value, Figure)
        src = self._image_url(value.src, page, written_in or page) if value.src and not value.remote else value.src
        return render(self.env, "figure.html", figure=value, src=src)

    def _image_url(self, src: str, page: Page, written_in: Page) -> str:
        """The URL from `page` of an image given relative to the Markdown file of `written_in` (as MkDocs resolves links)."""
        file = self.files.get_file_from_path(_image_uri(src, written_in))
        return url_from(page.url, file.url) if file else src

    # Once every page is read ----------------------------------------------------------

    @event_priority(-100)  # after the other plugins have completed each post's content
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if not self.config.enabled:
            return None
        cache_navigation(env)
        # Which files the site publishes is settled now (Material's blog shows its posts in its `on_nav`).
        self.check_data_links(files, config)
        self.posts = self._posts(files)
        self.by_series = self._series_parts()
        part_of = {part.page.file.src_uri: part for part in self.parts}
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            page.content = self.placeholders.fill(file.src_uri, page.content, lambda value: note_anchors(page, self._render_late(value, page)))
            part = part_of.get(file.src_uri)
            if part is not None:
                page.content = _after_title(page.content, self._series_box(page, part, self.by_series[part.series]))
        return env

    def data_files(self, config: MkDocsConfig) -> Iterable[tuple[Iterable[str], str, str, Path]]:
        texts = (series.description for series in self.series.values())
        return [(texts, self._series_file_folder, self.series_file, Path(config.docs_dir) / self.config.series_file)]

    def render_elsewhere(self, value: object, page: Page, origin: str) -> str:
        if _deferred(value):
            return self._render_late(value, page)
        # A figure's image is found from the post it was written in, and linked from this page.
        written_in = self.files.get_file_from_path(origin)
        return self._render_now(value, page, written_in.page if written_in else None)

    def _posts(self, files: Files) -> list[Page]:
        """Published blog posts, newest first."""
        posts = [f.page for f in files.documentation_pages() if f.page is not None and is_blog_post(f.page)]
        return sorted(posts, key=lambda p: (page_date(p) or "", p.title or ""), reverse=True)

    def _series_parts(self) -> dict[str, list[Page]]:
        """The posts of each series in order: by series_order where given, else by date."""
        ordered: dict[str, list[Page]] = {s: [] for s in self.series}
        for part in sorted(self.parts, key=lambda p: (p.order is None, p.order or 0, page_date(p.page) or "", p.page.title or "")):
            ordered[part.series].append(part.page)
        return ordered

    def _summary(self, post: Page, page: Page) -> dict[str, object]:
        """What a list shows of a post, with links relative to `page`."""
        categories = [(c.title, url_from(page.url, c.url)) for c in getattr(post, "categories", [])]
        return {
            "title": html.unescape(post.title or ""),
            "url": url_from(page.url, post.url),
            "date": page_date(post),
            "excerpt": self.openings.get(post.file.src_uri, ""),
            "categories": categories,
        }

    def _render_late(self, value: object, page: Page) -> str:
        """Lists that need every post (known once `on_env` has run)."""
        directive = value
        name = getattr(directive, "name", "")
        if name == "latest-reflections":
            count = _count(directive.attributes.get("count"), self.config.latest_count)  # type: ignore[attr-defined]
            heading = "h3" if page.file.src_uri != "blog/index.md" else "h2"
            return render(self.env, "latest-reflections.html", posts=[self._summary(p, page) for p in self.posts[:count]], heading=heading)
        if name == "series-list":
            series = [
                {"series": s, "url": self._series_url(page, s.id), "count": len(self.by_series[s.id])}
                for s in self.series.values()
            ]
            heading = "h2" if page.file.src_uri.startswith(f"{self.folder}/") else "h3"
            return render(self.env, "series-list.html", series=series, heading=heading, data_links=self._data_links(page))
        series_id = directive.argument  # type: ignore[attr-defined]
        if series_id not in self.series:
            return render(self.env, "unknown.html", kind="series", name=series_id)
        parts = [self._summary(p, page) for p in self.by_series[series_id]]
        return render(self.env, "series-parts.html", series=self.series[series_id], parts=parts, data_links=self._data_links(page))

    def _data_links(self, page: Page) -> Callable[[str], str]:
        """Links in the series' descriptions, pointed at their targets from `page`."""
        return lambda rendered: rewrite_links(rendered, self._series_file_folder, page.url, self.files)

    def _series_url(self, page: Page, series_id: str) -> str:
        file = self.files.get_file_from_path(self.site_files.series(series_id))
        return url_from(page.url, file.url) if file else ""

    def _series_box(self, page: Page, part: _Part, parts: list[Page]) -> str:
        index = parts.index(page)
        return render(
            self.env,
            "series-box.html",
            series=self.series[part.series],
            series_url=self._series_url(page, part.series),
            position=index + 1,
            total=len(parts),
            parts=[(html.unescape(p.title or ""), url_from(page.url, p.url), p is page) for p in parts],
            previous=(html.unescape(parts[index - 1].title or ""), url_from(page.url, parts[index - 1].url)) if index > 0 else None,
            next=(html.unescape(parts[index + 1].title or ""), url_from(page.url, parts[index + 1].url)) if index + 1 < len(parts) else None,
        )


def _image_uri(src: str, page: Page) -> str:
    """Where an image path written in a page points, relative to `docs_dir`."""
    if src.startswith("/"):
        return src.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), src))


def _deferred(value: object) -> bool:
    """Placeholders that must wait until every page is known."""
    return not isinstance(value, Figure)


def _count(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value is not None else default
    except ValueError:
        return default


def _after_title(content: str, box: str) -> str:
    """Insert `box` after the page's h1 (or at the top when there is none)."""
    end = content.find("</h1>")
    return content[: end + 5] + box + content[end + 5 :] if end != -1 else box + content
