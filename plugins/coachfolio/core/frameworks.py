"""Standards frameworks: the YAML format, validation, and indicator look-up.

A framework (the ISTE Standards for Coaches, or a program's own competencies)
is a list of standards, each with indicators. Pages and rubric criteria name
indicators by code; `Frameworks.resolve` turns what a user wrote ("1a",
"iste-coaches-2019:4.1.a") into the indicator it means, or a message with the
closest valid codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any, NamedTuple

from coachfolio.core.fields import FieldChecker, describe
from coachfolio.core.problems import DataFileError, Problem
from coachfolio.core.slugs import is_slug, slugify
from coachfolio.core.suggest import did_you_mean
from coachfolio.core.yamlfile import load_yaml

FRAMEWORK_KEYS = ("id", "title", "edition", "publisher", "url", "code_prefix", "notice", "standards")
STANDARD_KEYS = ("code", "name", "description", "indicators")
INDICATOR_KEYS = ("code", "label", "text")


class Indicator(NamedTuple):
    """The smallest unit a piece of work can be evidence for."""

    code: str
    label: str
    text: str
    standard_code: str
    framework_id: str

    @property
    def key(self) -> str:
        """Unique across frameworks: `iste-coaches-2019:1.a`."""
        return f"{self.framework_id}:{self.code}"

    @property
    def anchor(self) -> str:
        """The HTML id of the indicator on its framework's page."""
        return _indicator_anchor(self.code)


@cache  # the standards pages and every aligned post ask thousands of times
def _indicator_anchor(code: str) -> str:
    return "indicator-" + slugify(code.replace(".", "-"))


class Standard(NamedTuple):
    code: str
    name: str
    description: str
    indicators: tuple[Indicator, ...]

    @property
    def anchor(self) -> str:
        return "standard-" + slugify(self.code.replace(".", "-"))


class Framework(NamedTuple):
    id: str
    title: str
    standards: tuple[Standard, ...]
    edition: str | None = None
    publisher: str | None = None
    url: str | None = None
    code_prefix: str | None = None
    notice: str = ""
    source: str = ""

    def indicators(self) -> Iterator[Indicator]:
        for standard in self.standards:
            yield from standard.indicators

    def standard_of(self, indicator: Indicator) -> Standard:
        return next(s for s in self.standards if s.code == indicator.standard_code)


_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


def normalise_code(code: str) -> str:
    """A form of an indicator code that ignores case, spaces and missing dots.

    "1.a", "1a", "1.A" and " 1. a" all become "1.a"; "A1" becomes "a.1".
    """
    compact = re.sub(r"\s+", "", str(code)).lower().strip(".")
    return ".".join(part for part in _LETTER_DIGIT.sub(".", compact).split(".") if part)


def _indicator_index(framework: Framework) -> dict[str, Indicator]:
    return {normalise_code(i.code): i for i in framework.indicators()}


class Frameworks:
    """The frameworks configured for a site, with a default for bare codes."""

    def __init__(self, frameworks: Iterable[Framework], default: str | None = None) -> None:
        self.by_id = {f.id: f for f in frameworks}
        self.default = default
        self._index = {f.id: _indicator_index(f) for f in self.by_id.values()}

    def __iter__(self) -> Iterator[Framework]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def resolve(self, reference: str) -> Indicator | str:
        """The indicator `reference` names, or a message saying why none is found."""
        reference = str(reference).strip()
        framework_id, _, code = reference.rpartition(":")
        if not framework_id:
            if self.default is None:
                ids = ", ".join(self.by_id) or "none are configured"
                return f"'{reference}' names no framework and no default framework is set; write it as <framework>:{reference} ({ids})"
            framework_id = self.default
        framework = self.by_id.get(framework_id)
        if framework is None:
            return f"unknown framework '{framework_id}'{did_you_mean(framework_id, self.by_id)}; configured frameworks: {', '.join(self.by_id)}"
        index = self._index[framework_id]
        wanted = normalise_code(code)
        if wanted in index:
            return index[wanted]
        prefix = normalise_code(framework.code_prefix or "")
        if prefix and wanted.startswith(prefix + ".") and wanted[len(prefix) + 1 :] in index:
            return index[wanted[len(prefix) + 1 :]]
        return f"'{code}' is not an indicator of {framework_id}{_closest_codes(wanted, framework)}"


def _closest_codes(wanted: str, framework: Framework) -> str:
    """A hint for a mistyped code: the nearest indicators of the same standard, else similar codes."""
    standard, _, last = wanted.rpartition(".")
    siblings = [i.code for i in framework.indicators() if normalise_code(i.code).rpartition(".")[0] == standard]
    if standard and last and siblings:
        nearest = sorted(siblings, key=lambda c: (abs(ord(normalise_code(c)[-1]) - ord(last[-1])), c))[:2]
        return " (did you mean " + " or ".join(nearest) + "?)"
    return did_you_mean(wanted, [i.code for i in framework.indicators()], quote="")


class _FrameworkReader:
    def __init__(self, path: Path, file: str) -> None:
        self.document = load_yaml(path, file)
        self.check = FieldChecker(self.document)

    def read(self) -> Framework:
        data = self.document.data
        file = self.document.file
        if data is None:
            raise DataFileError([Problem(file, 1, 1, "the file is empty; expected a framework with 'id', 'title' and 'standards'")])
        if not isinstance(data, dict):
            raise DataFileError([self.document.problem((), f"expected a framework (a mapping with 'id', 'title' and 'standards'), found {describe(data)}")])
        check = self.check
        check.unknown_keys(data, (), FRAMEWORK_KEYS, "in the framework")
        framework_id = check.text(data, (), "id", "the framework", required=True) or ""
        if framework_id and not is_slug(framework_id):
            check.report(("id",), f"framework id '{framework_id}' must be lowercase letters, digits and hyphens (such as '{slugify(framework_id)}')")
        title = check.text(data, (), "title", "the framework", required=True) or ""
        standards = self._standards(data, framework_id)
        framework = Framework(
            id=framework_id,
            title=title,
            standards=tuple(standards),
            edition=check.text(data, (), "edition", "the framework"),
            publisher=check.text(data, (), "publisher", "the framework"),
            url=check.text(data, (), "url", "the framework"),
            code_prefix=check.text(data, (), "code_prefix", "the framework"),
            notice=check.text(data, (), "notice", "the framework") or "",
            source=file,
        )
        if check.problems:
            raise DataFileError(check.problems)
        return framework

    def _standards(self, data: dict[str, Any], framework_id: str) -> list[Standard]:
        value = data.get("standards")
        if not isinstance(value, list) or not value:
            where = ("standards",) if "standards" in data else ()
            self.check.report(where, f"the framework needs 'standards': a list of at least 1 standard, not {describe(value)}" if "standards" in data else "the framework has no 'standards'; expected a list of at least 1 standard")
            return []
        standards = []
        seen_standards: dict[str, int] = {}
        seen_indicators: dict[str, int] = {}
        for index, raw in enumerate(value):
            path = ("standards", index)
            if not isinstance(raw, dict):
                self.check.report(path, f"standard {index + 1} must be a mapping with 'code', 'name' and 'indicators', not {describe(raw)}")
                continue
            code = self.check.text(raw, path, "code", f"standard {index + 1}", required=True)
            name = f"standard {code}" if code else f"standard {index + 1}"
            self.check.unknown_keys(raw, path, STANDARD_KEYS, f"in {name}")
            title = self.check.text(raw, path, "name", name, required=True)
            if code is not None:
                if code in seen_standards:
                    self.check.report((*path, "code"), f"duplicate standard code '{code}' (first used on line {seen_standards[code]})")
                seen_standards.setdefault(code, self.document.at(*path).line)
            indicators = self._indicators(raw, path, name, code or "", framework_id, seen_indicators)
            standards.append(Standard(code or "", title or "", self.check.text(raw, path, "description", name) or "", tuple(indicators)))
        return standards

    def _indicators(
        self, raw: dict[str, Any], path: tuple[Any, ...], name: str, standard_code: str, framework_id: str, seen: dict[str, int]
    ) -> list[Indicator]:
        value = raw.get("indicators")
        if not isinstance(value, list) or not value:
            self.check.report((*path, "indicators") if "indicators" in raw else path, f"{name} needs 'indicators': a list of at least 1 indicator")
            return []
        indicators = []
        for index, item in enumerate(value):
            item_path = (*path, "indicators", index)
            if not isinstance(item, dict):
                self.check.report(item_path, f"indicator {index + 1} of {name} must be a mapping with 'code' and 'label', not {describe(item)}")
                continue
            code = self.check.text(item, item_path, "code", f"indicator {index + 1} of {name}", required=True)
            what = f"indicator {code}" if code else f"indicator {index + 1} of {name}"
            self.check.unknown_keys(item, item_path, INDICATOR_KEYS, f"in {what}")
            label = self.check.text(item, item_path, "label", what, required=True)
            if code is None or label is None:
                continue
            key = normalise_code(code)
            if key in seen:
                self.check.report((*item_path, "code"), f"duplicate indicator code '{code}' (first used on line {seen[key]})")
                continue
            seen[key] = self.document.at(*item_path).line
            indicators.append(Indicator(code, label, self.check.text(item, item_path, "text", what) or "", standard_code, framework_id))
        return indicators


def load_framework(path: Path, file: str) -> Framework:
    """Load and validate a framework file; raise `DataFileError` with every problem."""
    return _FrameworkReader(path, file).read()


def bundled_framework_ids() -> list[str]:
    """Ids of the frameworks that ship with Coachfolio."""
    folder = package_files("coachfolio") / "frameworks"
    return sorted(entry.name.removesuffix(".yml") for entry in folder.iterdir() if entry.name.endswith(".yml"))


def bundled_framework_path(framework_id: str) -> Path:
    return Path(str(package_files("coachfolio") / "frameworks" / f"{framework_id}.yml"))


def load_configured_frameworks(
    entries: list[str], default: str | None, root: Path, load: Callable[[Path, str], Framework] = load_framework
) -> tuple[Frameworks, list[str]]:
    """The frameworks a site configures (bundled ids or paths relative to `root`), and what is wrong.

    `default` is the framework of bare codes; the first framework when None.
    Problems are sentences naming where they come from, ready to show.
    """
    bundled = bundled_framework_ids()
    frameworks: list[Framework] = []
    problems: list[str] = []
    where = "mkdocs.yml: coachfolio/standards: frameworks:"
    for entry in entries:
        if entry in bundled:
            path, name = bundled_framework_path(entry), entry
        elif entry.endswith((".yml", ".yaml")):
            path, name = root / entry, entry
            if not path.is_file():
                problems.append(f"{where} file '{entry}' does not exist (paths are relative to mkdocs.yml)")
                continue
        else:
            problems.append(
                f"{where} unknown framework '{entry}'{did_you_mean(entry, bundled)}; "
                f"use a bundled id ({', '.join(bundled)}) or a path to a .yml file"
            )
            continue
        try:
            framework = load(path, name)
        except DataFileError as error:
            problems.extend(str(p) for p in error.problems)
            continue
        if any(f.id == framework.id for f in frameworks):
            problems.append(f"{where} framework id '{framework.id}' is configured twice")
            continue
        frameworks.append(framework)
    ids = [f.id for f in frameworks]
    default = default or (ids[0] if ids else None)
    if not problems and default not in ids:
        problems.append(
            f"mkdocs.yml: coachfolio/standards: default framework '{default}' is not among the configured frameworks"
            f"{did_you_mean(str(default), ids)}: {', '.join(ids)}"
        )
    return Frameworks(frameworks, default), problems
