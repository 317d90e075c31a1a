"""The names of the pages and downloads Coachfolio adds to a site.

The plugins that generate these files and `coachfolio check`, which accepts
links to them from data files without building the site, both name them from
here: a file added to one list and not the other would be reported as a
broken link. Names are paths inside docs_dir with forward slashes, as MkDocs
names its files.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class _Section(NamedTuple):
    """A folder of generated files with an index page; each kind of section adds the names of its files."""

    folder: str

    @property
    def index(self) -> str:
        return f"{self.folder}/index.md"

    def _with_index(self, files: set[str]) -> set[str]:
        """`files` and the index, which is there only when they are."""
        return files | {self.index} if files else files


class RubricFiles(_Section):
    """The rubrics index, and for each rubric its page, observation checklist and downloads."""

    __slots__ = ()

    def page(self, slug: str) -> str:
        return f"{self.folder}/{slug}.md"

    def observation(self, slug: str) -> str:
        """The printable checklist of a rubric's look-fors (only for rubrics that have them)."""
        return f"{self.folder}/{slug}/observation.md"

    def canvas_csv(self, slug: str) -> str:
        return f"{self.folder}/{slug}.csv"

    def json(self, slug: str) -> str:
        return f"{self.folder}/{slug}.json"

    def linked(self, target: str) -> str:
        """The file a template's `link(target)` names: 'slug', 'slug/observation', 'slug.csv' or 'slug.json'."""
        if target.endswith(".csv"):
            return self.canvas_csv(target.removesuffix(".csv"))
        if target.endswith(".json"):
            return self.json(target.removesuffix(".json"))
        if target.endswith("/observation"):
            return self.observation(target.removesuffix("/observation"))
        return self.page(target)

    def all(self, rubrics: Iterable[tuple[str, bool]]) -> set[str]:
        """Every file, given each rubric's slug and whether it has look-fors; none without rubrics."""
        files: set[str] = set()
        for slug, has_look_fors in rubrics:
            files |= {self.page(slug), self.canvas_csv(slug), self.json(slug)}
            if has_look_fors:
                files.add(self.observation(slug))
        return self._with_index(files)


class StandardsFiles(_Section):
    """The standards index, a page for each framework, and the coverage matrix with its CSV."""

    __slots__ = ()

    def framework(self, framework_id: str) -> str:
        return f"{self.folder}/{framework_id}.md"

    @property
    def matrix(self) -> str:
        return f"{self.folder}/matrix.md"

    @property
    def matrix_csv(self) -> str:
        return f"{self.folder}/matrix.csv"

    def all(self, framework_ids: Iterable[str]) -> set[str]:
        return {self.index, self.matrix, self.matrix_csv, *(self.framework(id_) for id_ in framework_ids)}


class SeriesFiles(_Section):
    """The list of series and a page for each series."""

    __slots__ = ()

    def series(self, series_id: str) -> str:
        return f"{self.folder}/{series_id}.md"

    def all(self, series_ids: Iterable[str]) -> set[str]:
        """Every file; none without series."""
        return self._with_index({self.series(id_) for id_ in series_ids})
