"""Safe YAML loading that remembers where every key and value stood.

Validators need to say "line 14, column 7", which plain `yaml.safe_load` forgets.
This module composes the YAML node tree with PyYAML's safe loader and converts it
to plain Python data itself, recording positions along the way. Doing the
conversion here also makes it safe: only YAML's standard tags are accepted (no
`!!python/...`), and a node budget stops alias bombs ("billion laughs"), which
expand exponentially when aliases are followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from coachfolio.core.problems import DataFileError, Problem

# Path of a value inside a document: keys for mappings, indexes for lists.
KeyPath = tuple[Any, ...]

# Far beyond any hand-written data file, far below what would take noticeable
# time or memory; only alias expansion can reach it.
MAX_NODES = 200_000


class Position(NamedTuple):
    """A 1-based line and column."""

    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data loaded from a YAML file, with the position of each part."""

    file: str
    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)

    def at(self, *path: Any) -> Position:
        """Where the value at `path` starts; the nearest enclosing value if it is absent."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Position(1, 1))

    def key_at(self, *path: Any) -> Position:
        """Where the key of the value at `path` stands (falls back to the value)."""
        return self.keys.get(path) or self.at(*path)

    def problem(self, path: KeyPath, message: str, *, key: bool = False) -> Problem:
        """A problem located at the key or value found at `path`."""
        position = self.key_at(*path) if key else self.at(*path)
        return Problem(self.file, position.line, position.column, message)


class _Converter:
    """Turn a composed node tree into plain data, recording positions."""

    def __init__(self, document: YamlDocument, loader: Any) -> None:
        self.document = document
        self.loader = loader
        self.problems: list[Problem] = []
        self.budget = MAX_NODES

    def convert(self, node: yaml.Node, path: KeyPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge(node)
        self.document.values[path] = _position(node.start_mark)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
            self._report(node, _unsupported_tag(node))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # resolves `<<: *defaults` merge keys
        result: dict[Any, Any] = {}
        seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            position = _position(key_node.start_mark)
            if key is None or isinstance(key, (list, dict)):
                self._report(key_node, "a key must be plain text")
                continue
            if isinstance(key, (int, float, bool, date)):
                key = str(key) if not isinstance(key, bool) else str(key).lower()
            if key in seen:
                self._report(key_node, f"duplicate key '{key}' (first used on line {seen[key].line})")
                continue
            seen[key] = position
            self.document.keys[(*path, key)] = position
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self._report(node, _unsupported_tag(node))
            return None
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        return value

    def _report(self, node: yaml.Node, message: str) -> None:
        mark = _position(node.start_mark)
        self.problems.append(Problem(self.document.file, mark.line, mark.column, message))


_PLAIN_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _unsupported_tag(node: yaml.Node) -> str:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return f"unsupported YAML tag '{tag}'; only text, numbers, dates, lists and mappings are allowed"


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "invalid YAML"
    if "expected a single document" in (error.context or ""):
        return "the file holds more than one YAML document ('---'); expected one"
    if "'\\t'" in problem:
        return "tab character in indentation; YAML is indented with spaces only"
    context = f" {error.context}" if error.context and "while" not in error.context else ""
    return f"YAML syntax error: {problem}{context}"


# libyaml composes many times faster than the pure-Python parser and gives the
# same positions; the pure-Python parser words syntax errors better, so it reads
# a file again only to explain what is wrong with it.
FastLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _syntax_problem(text: str, file: str) -> Problem:
    loader = yaml.SafeLoader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = _position(mark) if mark else Position(1, 1)
        return Problem(file, position.line, position.column, _syntax_message(error))
    finally:
        loader.dispose()
    return Problem(file, 1, 1, "YAML syntax error")


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse YAML text; raise `DataFileError` with every problem found.

    `file` is the name used in messages (a path relative to the project).
    An empty document gives `data` of None, for the caller to judge.
    """
    document = YamlDocument(file=file, data=None)
    loader = FastLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError:
            raise DataFileError([_syntax_problem(text, file)]) from None
        if root is None:
            return document
        converter = _Converter(document, loader)
        try:
            document.data = converter.convert(root, ())
        except _TooLarge as too_large:
            position = _position(too_large.node.start_mark)
            raise DataFileError(
                [Problem(file, position.line, position.column, f"the file expands to more than {MAX_NODES} values (are aliases nested?)")]
            ) from None
        if converter.problems:
            raise DataFileError(converter.problems)
        return document
    finally:
        loader.dispose()


def load_yaml(path: Path, file: str) -> YamlDocument:
    """Read and parse a YAML file; `file` is its name in messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError([Problem(file, 1, 1, f"the file is not UTF-8 text ({error.reason})")]) from None
    return parse_yaml(text, file)
