"""Series: posts that belong together, such as the phases of one course project.

The series are described in one YAML file:

    series:
      edtc-6105:
        title: EDTC 6105 Community Engagement Project
        description: Markdown, optional

and a post joins one with `series: edtc-6105` (and optionally `series_order: 2`;
otherwise parts run by date).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from coachfolio.core.fields import FieldChecker, describe
from coachfolio.core.problems import DataFileError, Problem
from coachfolio.core.slugs import is_slug, slugify
from coachfolio.core.yamlfile import load_yaml

SERIES_KEYS = ("title", "description")


class Series(NamedTuple):
    id: str
    title: str
    description: str = ""


def load_series(path: Path, file: str) -> dict[str, Series]:
    """Read the series file; raise `DataFileError` with every problem."""
    document = load_yaml(path, file)
    data = document.data
    if data is None:
        return {}
    check = FieldChecker(document)
    if not isinstance(data, dict) or not isinstance(data.get("series"), dict):
        raise DataFileError([document.problem((), f"expected a mapping with 'series', each series under its id; found {describe(data)}")])
    check.unknown_keys(data, (), ("series",), "in the series file")
    series: dict[str, Series] = {}
    for series_id, entry in data["series"].items():
        path_ = ("series", series_id)
        if not is_slug(str(series_id)):
            check.report(path_, f"series id '{series_id}' must be lowercase letters, digits and hyphens (such as '{slugify(str(series_id))}')", key=True)
        if not isinstance(entry, dict):
            check.report(path_, f"series '{series_id}' must be a mapping with 'title' and an optional 'description', not {describe(entry)}")
            continue
        check.unknown_keys(entry, path_, SERIES_KEYS, f"in series '{series_id}'")
        title = check.text(entry, path_, "title", f"series '{series_id}'", required=True)
        description = check.text(entry, path_, "description", f"series '{series_id}'") or ""
        if title:
            series[str(series_id)] = Series(str(series_id), title, description)
    if check.problems:
        raise DataFileError(check.problems)
    return series


def no_series_file_problem(file: str, series_id: str) -> Problem:
    return Problem(file, 1, 1, f"series '{series_id}' is used, but there is no series file to describe it")
