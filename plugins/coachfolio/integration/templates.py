"""The Jinja environment for Coachfolio's HTML.

MkDocs's own environment does not escape, and Coachfolio's templates render text
from data files, so they get an environment of their own with autoescaping on.
Templates are looked up in the theme's folders first, so a site overrides any of
them by placing a file of the same name (`coachfolio/rubric-table.html`) in its
`custom_dir`.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from coachfolio.core.markup import SafeMarkdown

_MARKDOWN = SafeMarkdown()


def _markdown(text: str) -> Markup:
    return Markup(_MARKDOWN.block(text))  # noqa: S704 - SafeMarkdown escapes raw HTML


def _markdown_inline(text: str) -> Markup:
    return Markup(_MARKDOWN.inline(text))  # noqa: S704 - SafeMarkdown escapes raw HTML


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the life of the process.

    `mkdocs serve` makes new environments at every rebuild; with this, only a
    template whose source changed is compiled again (Jinja compares each
    source's checksum). Nothing is written to disk.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_environment(config: MkDocsConfig) -> jinja2.Environment:
    """An autoescaping environment: theme folders first, then the package's templates."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(list(config.theme.dirs)),
            jinja2.PackageLoader("coachfolio", "templates"),
        ]
    )
    # Templates do not change during a build (each build makes a new
    # environment), so Jinja need not check the files again at every render.
    env = jinja2.Environment(
        loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, auto_reload=False, bytecode_cache=_COMPILED
    )
    env.filters["markdown"] = _markdown
    env.filters["markdown_inline"] = _markdown_inline
    env.filters["number"] = _number
    return env


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    """Render `coachfolio/<template>` with the given context."""
    return env.get_template(f"coachfolio/{template}").render(**context)
