"""Directives that no plugin will read, reported once for the whole site.

Each Coachfolio plugin reads its own directives and passes over the rest, so a
misspelt name (`::latest-reflection`), a directive whose plugin is not turned
on or one with its brackets out of place would be published as typed, with
nothing said. One plugin reports them: the first Coachfolio plugin that is
turned on, whichever plugins a site uses.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.pages import Page

from coachfolio.core import checks
from coachfolio.core.frontmatter import body_start_line
from coachfolio.integration.paths import display_path

log = get_plugin_logger(__name__)


def plugins_if_reporting(plugin: BasePlugin, config: MkDocsConfig) -> list[str] | None:
    """The Coachfolio plugins turned on, in the order of mkdocs.yml, when `plugin` is the first of them.

    That plugin reports stray directives; the others get None and leave it to it.
    """
    names = [name for name, found in config.plugins.items() if name.startswith("coachfolio/") and getattr(found.config, "enabled", True)]
    return names if names and config.plugins[names[0]] is plugin else None


def report_stray_directives(page: Page, config: MkDocsConfig, plugins: list[str]) -> None:
    """Warn of every directive in `page` that no plugin will read (so `--strict` fails).

    It reads the page's Markdown as written: during `on_page_markdown`,
    `page.markdown` is still what the file says, whatever the plugins have done.
    """
    markdown = page.markdown or ""
    # Where the page is, and its lines in the file, are worked out only when there is something to report.
    if checks.directives(markdown, 1, "", plugins):
        name, first_line = display_path(page.file, config), body_start_line(page.file.content_string)
        for problem in checks.directives(markdown, first_line, name, plugins):
            log.warning(str(problem))
