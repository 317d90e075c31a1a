"""A portfolio project as the `coachfolio` command sees it: where things are, from mkdocs.yml.

mkdocs.yml is read as MkDocs reads it (its YAML loader understands `!ENV` and
`!relative`), but without building the plugins: the command must be quick and
must not leave anything behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from coachfolio.authoring.errors import AuthoringError

# The defaults of the plugins' own options, where the configuration says nothing.
BLOG_DEFAULTS = {"blog_dir": "blog", "post_dir": "{blog}/posts", "authors_file": "{blog}/.authors.yml"}


class ProjectError(AuthoringError):
    """The project cannot be read at all (no mkdocs.yml, or not YAML)."""


@dataclass
class Project:
    config_file: Path
    raw: dict[str, Any]
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.raw.get("docs_dir", "docs"))

    def name(self, path: Path) -> str:
        """`path` as messages show it: relative to the folder of mkdocs.yml."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def plugin(self, *names: str) -> dict[str, Any] | None:
        """The options of the first configured plugin among `names`, or None."""
        for name in names:
            if name in self.plugins:
                return self.plugins[name]
        return None

    @property
    def coachfolio_plugins(self) -> list[str]:
        """The names of the Coachfolio plugins turned on."""
        return [name for name in self.plugins if name.startswith("coachfolio/")]

    def blog_option(self, key: str) -> str:
        options = self.plugin("blog", "material/blog") or {}
        blog_dir = str(options.get("blog_dir", BLOG_DEFAULTS["blog_dir"]))
        return str(options.get(key, BLOG_DEFAULTS[key])).format(blog=blog_dir)

    @property
    def posts_dir(self) -> Path:
        return self.docs_dir / self.blog_option("post_dir")

    @property
    def authors_file(self) -> Path:
        return self.docs_dir / self.blog_option("authors_file")

    @property
    def rubrics_dir(self) -> Path:
        options = self.plugin("coachfolio/rubrics") or {}
        return self.docs_dir / str(options.get("rubrics_dir", "rubrics"))

    @property
    def rubrics_folder(self) -> str:
        """The rubrics folder as the site names it: relative to docs_dir, with forward slashes."""
        return self.rubrics_dir.relative_to(self.docs_dir).as_posix()

    def authors(self) -> dict[str, Any]:
        """The blog's authors by id (empty when there is no authors file)."""
        if not self.authors_file.is_file():
            return {}
        from coachfolio.core.yamlfile import load_yaml

        data = load_yaml(self.authors_file, self.name(self.authors_file)).data
        authors = data.get("authors") if isinstance(data, dict) else None
        return authors if isinstance(authors, dict) else {}


def find_config(config_file: str | None) -> Path:
    """mkdocs.yml given with -f, or in the current folder."""
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise ProjectError(f"{config_file}: no such file")
        return path
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if Path(name).is_file():
            return Path(name)
    raise ProjectError("no mkdocs.yml here: run coachfolio in the folder that holds it, or give its path with -f")


def load_project(config_file: str | None = None) -> Project:
    path = find_config(config_file)
    try:
        with path.open("rb") as stream:
            raw = yaml_load(stream) or {}
    except Exception as error:  # MkDocs's loader raises a variety of YAML errors
        raise ProjectError(f"{path}: {error}") from None
    if not isinstance(raw, dict):
        raise ProjectError(f"{path}: expected a mapping of settings")
    return Project(path, raw, _plugins(raw.get("plugins")))


def _plugins(entries: object) -> dict[str, dict[str, Any]]:
    """The plugins mkdocs.yml turns on, with their options.

    MkDocs takes a list of names and one-entry mappings, or one mapping; a
    plugin with `enabled: false` does nothing, so it is left out.
    """
    pairs: list[tuple[object, object]] = []
    if isinstance(entries, dict):
        pairs = list(entries.items())
    elif isinstance(entries, list):
        for entry in entries:
            pairs += list(entry.items()) if isinstance(entry, dict) else [(entry, {})]
    return {
        str(name): options if isinstance(options, dict) else {}
        for name, options in pairs
        if isinstance(name, str) and not (isinstance(options, dict) and options.get("enabled") is False)
    }

