"""Small checks shared by the validators of every data file.

Each check reads one value of a `YamlDocument`, records a located problem when
the value is not what was expected, and returns the value (or a fallback) so a
validator can carry on and report every problem of a file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coachfolio.core.problems import Problem
from coachfolio.core.suggest import did_you_mean
from coachfolio.core.yamlfile import KeyPath, YamlDocument

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false", list: "a list", dict: "a mapping"}


def describe(value: Any) -> str:
    """Name the kind of a value as a user would: 'text', 'a list', 'nothing'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class FieldChecker:
    """Collects the problems of one document while its values are read."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def report(self, path: KeyPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.document.problem(path, message, key=key))

    def unknown_keys(self, mapping: Mapping[str, Any], path: KeyPath, allowed: Iterable[str], where: str) -> None:
        """Report keys that are not part of the format, with the closest allowed key."""
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                self.report((*path, key), f"unknown key '{key}' {where}{did_you_mean(str(key), allowed)}", key=True)

    def text(self, mapping: Mapping[str, Any], path: KeyPath, key: str, what: str, *, required: bool = False) -> str | None:
        """A text value; numbers are accepted as text (a YAML `version: 2` means "2")."""
        if key not in mapping or mapping[key] is None:
            if required:
                where = (*path, key) if key in mapping else path
                self.report(where, f"{what} has no '{key}'" if key not in mapping else f"'{key}' of {what} is empty")
            return None
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report((*path, key), f"'{key}' of {what} must be text, not {describe(value)}")
            return None
        text = str(value)
        if required and not text.strip():
            self.report((*path, key), f"'{key}' of {what} is empty")
            return None
        return text

    def number(self, mapping: Mapping[str, Any], path: KeyPath, key: str, what: str) -> float | int | None:
        value = mapping.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            shown = f"'{value}'" if isinstance(value, str) else describe(value)
            self.report((*path, key), f"{what} has {key} {shown}; expected a number")
            return None
        return value

    def text_list(self, mapping: Mapping[str, Any], path: KeyPath, key: str, what: str) -> list[str]:
        """A list of texts; a single text is accepted as a list of one."""
        value = mapping.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.report((*path, key), f"'{key}' of {what} must be a list of text, not {describe(value)}")
            return []
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.report((*path, key, index), f"item {index + 1} of '{key}' of {what} must be text, not {describe(item)}")
            else:
                items.append(str(item))
        return items
