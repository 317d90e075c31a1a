"""The `coachfolio/rubrics` plugin: MkDocs events in, the rubric core and templates out.

- `on_files` loads every rubric file (all problems of all files are reported
  together), keeps the YAML sources out of the site, and adds the generated
  pages and downloads: `/rubrics/`, `/rubrics/<slug>/`,
  `/rubrics/<slug>/observation/`, `/rubrics/<slug>.csv`, `/rubrics/<slug>.json`.
- `on_page_markdown` swaps `::rubric[...]` directives for placeholders, and
  `on_page_content` fills them with rendered HTML, the rubrics' own links
  pointed at their targets from the page, and tells MkDocs the ids in it
  (so a link to `rubrics/<slug>.md#criterion-<id>` is known to lead somewhere).
- `on_env` checks the rubrics' own links, once it is settled which files the
  site publishes, and `on_post_build` their anchors, once every page is written.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

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
from coachfolio.core.filecache import cached
from coachfolio.core.frontmatter import body_start_line
from coachfolio.core.links import rubric_texts
from coachfolio.core.problems import DataFileError, Problem
from coachfolio.core.rubric_export import canvas_csv, rubric_json
from coachfolio.core.rubrics import Rubric, load_rubric
from coachfolio.core.site_files import RubricFiles
from coachfolio.integration.anchors import note_anchors
from coachfolio.integration.assets import add_asset_files, use_assets
from coachfolio.integration.data_links import ChecksDataLinks, rewrite_links
from coachfolio.integration.directive_check import (
    plugins_if_reporting,
    report_stray_directives,
)
from coachfolio.integration.excerpts import FillsExcerpts
from coachfolio.integration.navigation import add_under_index
from coachfolio.integration.navigation_cache import cache_navigation
from coachfolio.integration.pages import generated_page_source
from coachfolio.integration.paths import display_path, relative_to_project, url_from
from coachfolio.integration.placeholders import Placeholders
from coachfolio.integration.templates import make_environment, render
from coachfolio.rubrics.config import RubricsConfig

log = get_plugin_logger(__name__)

DIRECTIVES = directives_of("coachfolio/rubrics")


class _Use(NamedTuple):
    """A directive to render: which one, for which rubric, where."""

    name: str
    rubric: Rubric | None
    argument: str


class RubricsPlugin(FillsExcerpts, ChecksDataLinks, BasePlugin[RubricsConfig]):
    """Publish the rubric files of `docs_dir/rubrics/`."""

    def __init__(self) -> None:
        # The Coachfolio plugins turned on, when this one reports the directives none reads.
        self.stray_directive_check: list[str] | None = None
        self.rubrics: dict[str, Rubric] = {}
        self.paths: dict[str, Path] = {}  # each rubric's file, by slug
        self.placeholders = Placeholders("rubric")
        self.files = Files([])
        self.embeds: Counter[tuple[str, str]] = Counter()  # embeds so far, by page and rubric

    # Configuration and files -------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.env = make_environment(config)
        self.placeholders = Placeholders("rubric")
        self.embeds = Counter()
        use_assets(config, "rubrics")
        self.stray_directive_check = plugins_if_reporting(self, config)
        return config

    @property
    def folder(self) -> str:
        return self.config.rubrics_dir.strip("/")

    @property
    def site_files(self) -> RubricFiles:
        """The names of the rubrics' pages and downloads in docs_dir."""
        return RubricFiles(self.folder)

    @event_priority(50)  # before the blog and tags plugins read the file list
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        sources = sorted(
            (f for f in files if posixpath.dirname(f.src_uri) == self.folder and f.src_uri.endswith((".yml", ".yaml"))),
            key=lambda f: f.src_uri,
        )
        self.rubrics = self._load(sources, config)
        for source in sources:
            files.remove(source)  # the YAML is published as JSON and CSV instead
        self._generate(files, config)
        self.files = files
        add_asset_files(files, config, "rubrics")
        return files

    def _load(self, sources: list[File], config: MkDocsConfig) -> dict[str, Rubric]:
        rubrics: dict[str, Rubric] = {}
        problems: list[Problem] = []
        for source in sources:
            name = display_path(source, config)
            slug = Path(source.src_uri).stem
            if slug in rubrics:
                problems.append(Problem(name, 1, 1, f"a rubric named '{slug}' is already defined in {rubrics[slug].source}"))
                continue
            path = self.paths[slug] = Path(source.abs_src_path or "")
            try:
                rubrics[slug] = cached(lambda: load_rubric(path, name), path, key=(name,))
            except DataFileError as error:
                problems.extend(error.problems)
        if problems:
            raise PluginError("Rubric files have problems:\n" + "\n".join(str(p) for p in sorted(problems)))
        return rubrics

    def _generate(self, files: Files, config: MkDocsConfig) -> None:
        names = self.site_files

        def add(uri: str, content: str, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> None:
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=content, inclusion=inclusion))

        # With an explicit nav, `on_nav` places the rubric pages under the index;
        # saying so here keeps MkDocs from reporting them as missing from the nav.
        listed = InclusionLevel.NOT_IN_NAV if config.nav is not None else InclusionLevel.UNDEFINED
        if self.rubrics:
            add(names.index, generated_page_source("Rubrics", "::rubric-index"))
        for slug, rubric in self.rubrics.items():
            add(names.page(slug), generated_page_source(rubric.title, f"::rubric-page[{slug}]"), listed)
            if rubric.has_look_fors:
                add(
                    names.observation(slug),
                    generated_page_source(f"Observation checklist: {rubric.title}", f"::rubric-observation[{slug}]"),
                    InclusionLevel.NOT_IN_NAV,
                )
            add(names.canvas_csv(slug), canvas_csv(rubric))
            add(names.json(slug), rubric_json(rubric))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self.rubrics:
            return None
        names = self.site_files
        index = files.get_file_from_path(names.index)
        pages = [files.get_file_from_path(names.page(slug)) for slug in self.rubrics]
        add_under_index(nav, index.page if index else None, [f.page for f in pages if f and f.page])
        return nav

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if not self.config.enabled:
            return None
        cache_navigation(env)  # the rubric pages are in every page's navigation
        # Which files the site publishes is settled now (Material's blog shows its posts in its `on_nav`).
        self.check_data_links(files, config)
        return None

    def data_files(self, config: MkDocsConfig) -> Iterator[tuple[Iterable[str], str, str, Path]]:
        for slug, rubric in self.rubrics.items():
            yield rubric_texts(rubric), self.folder, rubric.source, self.paths[slug]

    # Pages -------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if self.stray_directive_check is not None:
            report_stray_directives(page, config, self.stray_directive_check)
        if "::rubric" not in markdown:
            return None  # most pages: no need to look line by line
        directives = find_directives(markdown, DIRECTIVES)
        if not directives:
            return None
        folder = relative_to_project(str(Path(config.docs_dir) / self.folder), config)
        first_line = body_start_line(page.file.content_string)
        for problem in checks.rubric_embeds(directives, first_line, display_path(page.file, config), self.rubrics, folder):
            log.error(str(problem))
        tokens = {
            d.line: self.placeholders.token(page.file.src_uri, _Use(d.name, self.rubrics.get(d.argument), d.argument)) for d in directives
        }
        return replace_directives(markdown, directives, tokens)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        return self.placeholders.fill(page.file.src_uri, html, lambda use: note_anchors(page, self._render(use, page)))  # type: ignore[arg-type]

    def render_elsewhere(self, value: object, page: Page, origin: str) -> str:
        return self._render(value, page)  # type: ignore[arg-type]

    def _render(self, use: _Use, page: Page) -> str:
        if use.name == "rubric-index":
            # On the rubrics index the rubrics are the page's sections; elsewhere they sit under the page's own heading.
            heading = "h2" if page.file.src_uri == self.site_files.index else "h3"
            return render(
                self.env, "rubric-index.html", rubrics=list(self.rubrics.values()), link=lambda slug: self._link(page, slug),
                heading=heading, data_links=self._data_links(page),
            )
        if use.rubric is None:
            return render(self.env, "unknown.html", kind="rubric", name=use.argument)
        rubric = use.rubric
        context = {
            "rubric": rubric,
            "link": lambda target: self._link(page, target),
            "self_assessment": self.config.self_assessment,
            "data_links": self._data_links(page),
        }
        if use.name == "rubric-page":
            return render(self.env, "rubric-page.html", **context)
        if use.name == "rubric-observation":
            return render(self.env, "observation.html", **context)
        # The same rubric may be embedded twice on a page (a blog index shows the
        # openings of several posts): each table needs ids of its own.
        self.embeds[page.file.src_uri, rubric.slug] += 1
        count = self.embeds[page.file.src_uri, rubric.slug]
        return render(self.env, "rubric-embed.html", embed_id=f"cf-embed-{rubric.slug}" + (f"-{count}" if count > 1 else ""), **context)

    def _data_links(self, page: Page) -> Callable[[str], str]:
        """Links in the rubrics' texts (relative to the rubrics folder), pointed at their targets from `page`."""
        return lambda rendered: rewrite_links(rendered, self.folder, page.url, self.files)

    def _link(self, page: Page, target: str) -> str:
        """A relative link from `page` to a rubric page or download: 'slug', 'slug/observation', 'slug.csv'."""
        uri = self.site_files.linked(target)
        file = self.files.get_file_from_path(uri)
        return url_from(page.url, file.url if file else uri)
