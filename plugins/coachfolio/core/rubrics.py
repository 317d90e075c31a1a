"""Rubrics: the YAML format, its validation, and the `Rubric` objects it yields.

A rubric file holds a title, an ordered list of levels (with points, unless the
rubric is unscored) and criteria, each with a descriptor for every level. The
format is documented in the README and published as a JSON Schema
(`coachfolio/schemas/rubric.schema.json`) for editors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from coachfolio.core.alignment import Alignment, read_alignments
from coachfolio.core.fields import FieldChecker, describe
from coachfolio.core.problems import DataFileError, Problem
from coachfolio.core.slugs import is_slug, slugify
from coachfolio.core.suggest import did_you_mean
from coachfolio.core.yamlfile import YamlDocument, load_yaml, parse_yaml

SCORINGS = ("points", "unscored")
RUBRIC_KEYS = ("title", "description", "scoring", "levels", "criteria", "version", "authors", "license", "updated")
LEVEL_KEYS = ("label", "points", "description")
CRITERION_KEYS = ("title", "id", "section", "description", "weight", "standards", "look_fors", "descriptors")


class Level(NamedTuple):
    """One column of a rubric: a performance level."""

    label: str
    points: int | float | None  # None when the rubric is unscored
    description: str = ""


class Criterion(NamedTuple):
    """One row of a rubric."""

    id: str
    title: str
    descriptors: dict[str, str]  # level label -> Markdown; "" leaves the cell blank on purpose
    section: str | None = None
    description: str = ""
    weight: int | float = 1
    standards: tuple[Alignment, ...] = ()
    look_fors: tuple[str, ...] = ()
    line: int = 0  # where the criterion starts in its file, for messages


class Section(NamedTuple):
    """Consecutive criteria that share a `section`; `title` is None for ungrouped ones."""

    title: str | None
    criteria: tuple[Criterion, ...]


class Rubric(NamedTuple):
    """A validated rubric."""

    slug: str
    title: str
    levels: tuple[Level, ...]
    criteria: tuple[Criterion, ...]
    scoring: str = "points"
    description: str = ""
    version: str | None = None
    authors: tuple[str, ...] = ()
    license: str | None = None
    updated: str | None = None
    source: str = ""  # the file it came from, as named in messages

    @property
    def scored(self) -> bool:
        return self.scoring == "points"

    @property
    def has_look_fors(self) -> bool:
        return any(c.look_fors for c in self.criteria)

    @property
    def top_points(self) -> int | float | None:
        """The points of the highest level, or None when unscored."""
        points = [level.points for level in self.levels if level.points is not None]
        return max(points) if self.scored and points else None

    @property
    def max_points(self) -> int | float | None:
        """The highest total a self-assessment can reach, without weights."""
        top = self.top_points
        return None if top is None else tidy_number(top * len(self.criteria))

    @property
    def max_weighted_points(self) -> int | float | None:
        """The highest total a self-assessment can reach, weights applied."""
        top = self.top_points
        return None if top is None else tidy_number(sum(top * c.weight for c in self.criteria))

    @property
    def weighted(self) -> bool:
        return any(c.weight != 1 for c in self.criteria)

    def sections(self) -> Iterator[Section]:
        """Criteria grouped into runs of the same section, in file order."""
        run: list[Criterion] = []
        for criterion in self.criteria:
            if run and run[-1].section != criterion.section:
                yield Section(run[0].section, tuple(run))
                run = []
            run.append(criterion)
        if run:
            yield Section(run[0].section, tuple(run))

    def levels_by_points(self) -> list[Level]:
        """Levels from the highest points to the lowest (file order when unscored)."""
        if not self.scored:
            return list(self.levels)
        return sorted(self.levels, key=lambda level: level.points or 0, reverse=True)

    def to_data(self) -> dict[str, Any]:
        """The normalised rubric in the source format, every default written out."""
        data: dict[str, Any] = {"title": self.title}
        if self.description:
            data["description"] = self.description
        data["scoring"] = self.scoring
        for key in ("version", "license", "updated"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.authors:
            data["authors"] = list(self.authors)
        data["levels"] = [_level_data(level, self.scored) for level in self.levels]
        data["criteria"] = [_criterion_data(c) for c in self.criteria]
        return data


def tidy_number(number: int | float) -> int | float:
    """3.0 -> 3, so totals read as people write them."""
    return int(number) if float(number).is_integer() else number


def _level_data(level: Level, scored: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"label": level.label}
    if scored:
        data["points"] = level.points
    if level.description:
        data["description"] = level.description
    return data


def _criterion_data(criterion: Criterion) -> dict[str, Any]:
    data: dict[str, Any] = {"title": criterion.title, "id": criterion.id}
    if criterion.section is not None:
        data["section"] = criterion.section
    if criterion.description:
        data["description"] = criterion.description
    data["weight"] = criterion.weight
    if criterion.standards:
        if any(a.status for a in criterion.standards):
            data["standards"] = {a.reference: a.status for a in criterion.standards}
        else:
            data["standards"] = [a.reference for a in criterion.standards]
    if criterion.look_fors:
        data["look_fors"] = list(criterion.look_fors)
    data["descriptors"] = dict(criterion.descriptors)
    return data


@dataclass
class _RubricReader:
    """Validates one rubric document, collecting every problem."""

    document: YamlDocument
    slug: str
    check: FieldChecker = field(init=False)

    def __post_init__(self) -> None:
        self.check = FieldChecker(self.document)

    def read(self) -> Rubric:
        data = self.document.data
        if data is None:
            raise DataFileError([Problem(self.document.file, 1, 1, "the file is empty; expected a rubric with 'title', 'levels' and 'criteria'")])
        if not isinstance(data, dict):
            raise DataFileError([self.document.problem((), f"expected a rubric (a mapping with 'title', 'levels' and 'criteria'), found {describe(data)}")])
        check = self.check
        check.unknown_keys(data, (), RUBRIC_KEYS, "in the rubric")
        title = check.text(data, (), "title", "the rubric", required=True)
        description = check.text(data, (), "description", "the rubric") or ""
        scoring = self._scoring(data)
        levels = self._levels(data, scoring)
        criteria = self._criteria(data, levels)
        version = check.text(data, (), "version", "the rubric")
        license_ = check.text(data, (), "license", "the rubric")
        updated = check.text(data, (), "updated", "the rubric")
        authors = check.text_list(data, (), "authors", "the rubric")
        if check.problems:
            raise DataFileError(check.problems)
        return Rubric(
            slug=self.slug,
            title=title or "",
            levels=tuple(levels),
            criteria=tuple(criteria),
            scoring=scoring,
            description=description,
            version=version,
            authors=tuple(authors),
            license=license_,
            updated=updated,
            source=self.document.file,
        )

    def _scoring(self, data: dict[str, Any]) -> str:
        scoring = data.get("scoring", "points")
        if scoring not in SCORINGS:
            self.check.report(("scoring",), f"'scoring' must be 'points' or 'unscored', not '{scoring}'{did_you_mean(str(scoring), SCORINGS)}")
            return "points"
        return scoring

    def _list(self, data: dict[str, Any], key: str, least: str) -> list[Any]:
        """The list at `key`, which must hold at least `least` ("2 levels")."""
        minimum = int(least.split()[0])
        if key not in data or data[key] is None:
            self.check.report((key,) if key in data else (), f"the rubric has no '{key}'; expected a list of at least {least}")
            return []
        value = data[key]
        if not isinstance(value, list):
            self.check.report((key,), f"'{key}' must be a list of {key}, not {describe(value)}")
            return []
        if len(value) < minimum:
            self.check.report((key,), f"a rubric needs at least {least}, found {len(value)}")
        return value

    def _levels(self, data: dict[str, Any], scoring: str) -> list[Level]:
        levels: list[Level] = []
        first_line: dict[str, int] = {}
        for index, raw in enumerate(self._list(data, "levels", "2 levels")):
            path = ("levels", index)
            if not isinstance(raw, dict):
                self.check.report(path, f"level {index + 1} must be a mapping with 'label'{' and points' if scoring == 'points' else ''}, not {describe(raw)}")
                continue
            self.check.unknown_keys(raw, path, LEVEL_KEYS, f"in level {index + 1}")
            label = self.check.text(raw, path, "label", f"level {index + 1}", required=True)
            if label is None:
                continue
            line = self.document.at(*path).line
            if label in first_line:
                self.check.report((*path, "label"), f"duplicate level label '{label}' (first used on line {first_line[label]})")
                continue
            first_line[label] = line
            points = self._points(raw, path, label, scoring)
            levels.append(Level(label, points, self.check.text(raw, path, "description", f"level '{label}'") or ""))
        return levels

    def _points(self, raw: dict[str, Any], path: tuple[Any, ...], label: str, scoring: str) -> int | float | None:
        if scoring == "unscored":
            if "points" in raw:
                self.check.report((*path, "points"), f"level '{label}' has points, but the rubric's scoring is 'unscored'", key=True)
            return None
        if "points" not in raw:
            self.check.report(path, f"level '{label}' has no 'points'; expected a number because scoring is 'points'")
            return None
        return self.check.number(raw, path, "points", f"level '{label}'")

    def _criteria(self, data: dict[str, Any], levels: list[Level]) -> list[Criterion]:
        criteria: list[Criterion] = []
        first_line: dict[str, int] = {}
        for index, raw in enumerate(self._list(data, "criteria", "1 criterion")):
            path = ("criteria", index)
            if not isinstance(raw, dict):
                self.check.report(path, f"criterion {index + 1} must be a mapping with 'title' and 'descriptors', not {describe(raw)}")
                continue
            criterion = self._criterion(raw, path, index, levels)
            if criterion is None:
                continue
            if criterion.id in first_line:
                where = (*path, "id") if "id" in raw else (*path, "title")
                self.check.report(where, f"duplicate criterion id '{criterion.id}' (first used on line {first_line[criterion.id]})")
                continue
            first_line[criterion.id] = criterion.line
            criteria.append(criterion)
        return criteria

    def _criterion(self, raw: dict[str, Any], path: tuple[Any, ...], index: int, levels: list[Level]) -> Criterion | None:
        check = self.check
        title = check.text(raw, path, "title", f"criterion {index + 1}", required=True)
        name = f"criterion '{title}'" if title else f"criterion {index + 1}"
        check.unknown_keys(raw, path, CRITERION_KEYS, f"in {name}")
        criterion_id = check.text(raw, path, "id", name)
        if criterion_id is not None and not is_slug(criterion_id):
            check.report((*path, "id"), f"id '{criterion_id}' of {name} must be lowercase letters, digits and hyphens (such as '{slugify(criterion_id)}')")
        weight: int | float = 1
        if "weight" in raw:
            weight = check.number(raw, path, "weight", name) or 1
            if weight <= 0:
                check.report((*path, "weight"), f"{name} has weight {weight}; expected a number above 0")
        descriptors = self._descriptors(raw, path, name, levels)
        if title is None:
            return None
        return Criterion(
            id=criterion_id or slugify(title),
            title=title,
            descriptors=descriptors,
            section=check.text(raw, path, "section", name),
            description=check.text(raw, path, "description", name) or "",
            weight=weight,
            standards=read_alignments(raw.get("standards"), (*path, "standards"), check, name),
            look_fors=tuple(check.text_list(raw, path, "look_fors", name)),
            line=self.document.at(*path).line,
        )

    def _descriptors(self, raw: dict[str, Any], path: tuple[Any, ...], name: str, levels: list[Level]) -> dict[str, str]:
        labels = [level.label for level in levels]
        value = raw.get("descriptors")
        if value is None:
            value = {}
        if not isinstance(value, dict):
            self.check.report((*path, "descriptors"), f"'descriptors' of {name} must be a mapping from level label to text, not {describe(value)}")
            return {}
        for label, text in value.items():
            if label not in labels:
                self.check.report(
                    (*path, "descriptors", label),
                    f"{name} has a descriptor for '{label}', which is not a level{did_you_mean(str(label), labels)}",
                    key=True,
                )
            elif text is not None and not isinstance(text, (str, int, float)):
                self.check.report((*path, "descriptors", label), f"descriptor '{label}' of {name} must be text, not {describe(text)}")
        where = (*path, "descriptors") if "descriptors" in raw else path
        for label in labels:
            if label not in value:
                self.check.report(where, f"{name} has no descriptor for level '{label}'")
        return {label: "" if value.get(label) is None else str(value.get(label)) for label in labels}


def rubric_slug_problem(stem: str, file: str) -> Problem | None:
    """Rubric file names become addresses, so they must be slugs."""
    if is_slug(stem):
        return None
    return Problem(file, 1, 1, f"rubric file names must be lowercase letters, digits and hyphens, such as '{slugify(stem) or 'my-rubric'}.yml'")


def parse_rubric(text: str, slug: str, file: str) -> Rubric:
    """Validate rubric YAML (or JSON) text; raise `DataFileError` with every problem."""
    return _RubricReader(parse_yaml(text, file), slug).read()


def load_rubric(path: Path, file: str) -> Rubric:
    """Load and validate the rubric file at `path`; `file` is its name in messages."""
    problem = rubric_slug_problem(path.stem, file)
    if problem:
        raise DataFileError([problem])
    return _RubricReader(load_yaml(path, file), path.stem).read()
