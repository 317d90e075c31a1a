"""The Jinja environment for Coachfolio's HTML.

MkDocs's own environment does not escape, and Coachfolio's templates render text
from data files, so they get an environment of their own with autoescaping on.
Templates are looked up in the theme's folders first, so a site overrides any of
them by placing a file of the same name (`coachfolio/rubric-table.html`) in its
`custom_dir`.

Coachfolio's own templates come compiled ahead of time, in
`templates/compiled.json`: parsing them and generating their code took about
0.1 s of every build. After editing a template, run
`python -m coachfolio.integration.templates` to compile them again (a test
fails until then, and meanwhile the edited source is compiled as it is read).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import MutableMapping
from importlib.resources import files as package_files
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from coachfolio.core.markup import SafeMarkdown

COMPILED = "compiled.json"
_JINJA = getattr(jinja2, "__version__", "")  # generated code is only good for the Jinja that generated it

_MARKDOWN = SafeMarkdown()


# A data file's text may link to other files of the site, relative to the data
# file's folder; a render that shows such texts passes `data_links`, which
# points those links at their targets from the page being rendered.
@jinja2.pass_context
def _markdown(context: jinja2.runtime.Context, text: str) -> Markup:
    return _shown(context, _MARKDOWN.block(text))


@jinja2.pass_context
def _markdown_inline(context: jinja2.runtime.Context, text: str) -> Markup:
    return _shown(context, _MARKDOWN.inline(text))


def _shown(context: jinja2.runtime.Context, rendered: str) -> Markup:
    links = context.get("data_links")
    return Markup(links(rendered) if links else rendered)  # noqa: S704 - SafeMarkdown escapes raw HTML


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


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@functools.cache
def _ahead_of_time() -> dict[str, Any]:
    """`templates/compiled.json`: Jinja's version and, by template, its source's digest and generated code."""
    try:
        return json.loads((package_files("coachfolio") / "templates" / COMPILED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@functools.cache  # by digest too: the code of a template as it was when compiled
def _code(name: str, digest: str, filename: str) -> CodeType:
    """Python's compilation of a template's generated code (quick; generating it is what takes time)."""
    return compile(_ahead_of_time()["templates"][name]["code"], filename, "exec")


class _CompiledAheadOfTime(jinja2.BaseLoader):
    """Coachfolio's templates as compiled ahead of time, each while its source is the one compiled."""

    def __init__(self, sources: jinja2.BaseLoader) -> None:
        self.sources = sources

    def load(
        self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None
    ) -> jinja2.Template:
        compiled = _ahead_of_time()
        entry = compiled.get("templates", {}).get(name) if compiled.get("jinja") == _JINJA else None
        if entry is None:
            raise jinja2.TemplateNotFound(name)
        source, filename, _uptodate = self.sources.get_source(environment, name)
        if _digest(source) != entry["sha256"]:
            raise jinja2.TemplateNotFound(name)  # edited since: the package loader compiles it as it is now
        code = _code(name, entry["sha256"], filename or name)
        return environment.template_class.from_code(environment, code, globals if globals is not None else {}, None)


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    # Templates do not change during a build (each build makes a new
    # environment), so Jinja need not check the files again at every render.
    env = jinja2.Environment(
        loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, auto_reload=False, bytecode_cache=_COMPILED
    )
    env.filters["markdown"] = _markdown
    env.filters["markdown_inline"] = _markdown_inline
    env.filters["number"] = _number
    return env


def make_environment(config: MkDocsConfig) -> jinja2.Environment:
    """An autoescaping environment: theme folders first, then the package's templates."""
    package = jinja2.PackageLoader("coachfolio", "templates")
    return _environment(jinja2.ChoiceLoader([jinja2.FileSystemLoader(list(config.theme.dirs)), _CompiledAheadOfTime(package), package]))


def compile_ahead_of_time() -> dict[str, Any]:
    """What `templates/compiled.json` holds for the templates as they are now."""
    package = jinja2.PackageLoader("coachfolio", "templates")
    env = _environment(package)
    templates = {}
    for name in package.list_templates():
        if not name.endswith(".html"):
            continue
        source, _filename, _uptodate = package.get_source(env, name)
        templates[name] = {"sha256": _digest(source), "code": env.compile(source, name, f"coachfolio/templates/{name}", raw=True)}
    return {"jinja": _JINJA, "templates": templates}


def render_markdown(text: str) -> str:
    """A data file's Markdown text as HTML, as the templates' `markdown` filter renders it (links as written)."""
    return _MARKDOWN.block(text) if text else ""


def render(env: jinja2.Environment, template: str, **context: Any) -> str:
    """Render `coachfolio/<template>` with the given context."""
    return env.get_template(f"coachfolio/{template}").render(**context)


def _write_compiled() -> None:
    target = Path(__file__).resolve().parent.parent / "templates" / COMPILED  # in the source checkout
    target.write_text(json.dumps(compile_ahead_of_time(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    _write_compiled()
