"""Bibliographies: BibTeX/BibLaTeX, CSL-JSON and CSL-YAML files read into CSL items.

BibTeX is converted by pandoc (which understands Zotero's and Better BibTeX's
exports: protected capitals, `urldate`, corporate authors in double braces), so
there is no hand-written BibTeX parser to drift from pandoc's reading of it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coachfolio.core.citations.pandoc import PandocError, run_pandoc
from coachfolio.core.problems import DataFileError, Problem

SUFFIXES = {".bib": "biblatex", ".bibtex": "biblatex", ".json": "csljson", ".yaml": "cslyaml", ".yml": "cslyaml"}


@dataclass
class Bibliography:
    """CSL items by citation key, and where each came from."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # key -> file name

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def __len__(self) -> int:
        return len(self.items)

    def fingerprint(self) -> str:
        """Changes whenever any item changes; a cache key for formatted output."""
        return json.dumps(self.items, sort_keys=True, ensure_ascii=False)


def _key_lines(text: str, key: str) -> list[int]:
    """The lines on which `key` is defined in a bibliography's text, in order (read only to place a problem)."""
    bibtex = re.compile(r"@\w+\s*[{(]\s*" + re.escape(key) + r"\s*,")
    csl = re.compile(re.escape(json.dumps(key)) + "|id:\\s*" + re.escape(key) + r"\b")
    starts = [match.start() for match in bibtex.finditer(text)] or [match.start() for match in csl.finditer(text)]
    return [text.count("\n", 0, start) + 1 for start in starts] or [1]


# Where pandoc's BibTeX reader stopped: "Error at (line 38, column 1):".
_PANDOC_POSITION = re.compile(r"(?:Error at )?\(line (?P<line>\d+), column (?P<column>\d+)\):?\s*")


def _pandoc_problem(name: str, error: PandocError) -> Problem:
    message = str(error).strip()
    position = _PANDOC_POSITION.search(message)
    if position is None:
        return Problem(name, 1, 1, f"pandoc could not read this BibTeX file: {message}")
    reason = " ".join((message[: position.start()] + message[position.end() :]).split())
    return Problem(name, int(position.group("line")), int(position.group("column")), f"pandoc could not read this BibTeX file: {reason}")


def _read_items(path: Path, name: str, text: str) -> list[dict[str, Any]]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise DataFileError([Problem(name, 1, 1, f"unknown bibliography format '{path.suffix}'; expected .bib, .json (CSL-JSON) or .yaml (CSL-YAML)")])
    try:
        if kind == "csljson":
            items = json.loads(text)
        elif kind == "cslyaml":
            data = yaml.safe_load(text)
            items = data.get("references", []) if isinstance(data, dict) else data
        else:
            items = json.loads(run_pandoc(["--from", "biblatex", "--to", "csljson"], text) or "[]")
    except json.JSONDecodeError as error:
        raise DataFileError([Problem(name, error.lineno, error.colno, f"invalid CSL-JSON: {error.msg}")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError([Problem(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, f"invalid CSL-YAML: {getattr(error, 'problem', error)}")]) from None
    except PandocError as error:
        raise DataFileError([_pandoc_problem(name, error)]) from None
    if not isinstance(items, list) or not all(isinstance(item, dict) and item.get("id") for item in items):
        raise DataFileError([Problem(name, 1, 1, "expected a list of CSL items, each with an 'id'")])
    return items


def load_bibliography(paths: list[tuple[Path, str]]) -> Bibliography:
    """Read every file (path, name in messages); a key defined twice is an error."""
    bibliography = Bibliography()
    problems: list[Problem] = []
    texts: dict[str, str] = {}  # by file name, to place a key defined twice
    for path, name in paths:
        try:
            text = texts[name] = path.read_text(encoding="utf-8")
            items = _read_items(path, name, text)
        except FileNotFoundError:
            problems.append(Problem(name, 1, 1, "bibliography file not found (paths are relative to mkdocs.yml)"))
            continue
        except DataFileError as error:
            problems.extend(error.problems)
            continue
        repeats: dict[str, int] = {}
        for item in items:
            key = str(item["id"])
            if key in bibliography.items:
                first = bibliography.sources[key]
                earlier = repeats.get(key, 0) + (first == name)  # definitions of the key above this one in this file
                repeats[key] = repeats.get(key, 0) + 1
                lines = _key_lines(text, key)
                line = lines[min(earlier, len(lines) - 1)]
                where = f"on line {_key_lines(texts[first], key)[0]}" + ("" if first == name else f" of {first}")
                problems.append(Problem(name, line, 1, f"citation key '{key}' is already defined {where}"))
                continue
            bibliography.items[key] = item
            bibliography.sources[key] = name
    if problems:
        raise DataFileError(problems)
    return bibliography
