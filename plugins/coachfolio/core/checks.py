"""The rules a page must follow, in one place for the plugins and `coachfolio check`.

Each function looks at one aspect of one page (its Markdown after the front
matter, whose first line is `first_line` of the file) and returns what it found
together with the problems, each located at a file, line and column. The
plugins log the problems during a build; `coachfolio check` prints them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from coachfolio.core.alignment import Alignment, read_alignments
from coachfolio.core.citations.syntax import Cluster, has_unfinished_locator
from coachfolio.core.directives import (
    COACHFOLIO_DIRECTIVES,
    Directive,
    DirectiveLine,
    InlineDirective,
    find_directive_lines,
    find_inline_directives,
)
from coachfolio.core.fields import FieldChecker
from coachfolio.core.figures import Figure, read_figure
from coachfolio.core.frameworks import Frameworks, Indicator
from coachfolio.core.frontmatter import read_front_matter
from coachfolio.core.problems import Problem
from coachfolio.core.series import Series
from coachfolio.core.suggest import did_you_mean
from coachfolio.core.yamlfile import YamlDocument


def _located(source: Callable[[], str], file: str, fallback: Mapping[str, Any]) -> YamlDocument:
    """The front matter with positions; read and parsed only when a problem needs a line number."""
    document = read_front_matter(source(), file)
    if document is not None and isinstance(document.data, dict):
        return document
    return YamlDocument(file, dict(fallback))


def standards_in_front_matter(
    meta: Mapping[str, Any], source: Callable[[], str], file: str, frameworks: Frameworks
) -> tuple[list[tuple[Indicator, str | None]], list[Problem]]:
    """The indicators a page's `standards:` names, with their status.

    `source()` gives the page's text; it is asked for only to place a problem.
    """

    def resolve(document: YamlDocument) -> tuple[FieldChecker, list[tuple[Alignment, Indicator | str]]]:
        checker = FieldChecker(document)
        alignments = read_alignments(document.data.get("standards"), ("standards",), checker, "the page")
        return checker, [(a, frameworks.resolve(a.reference)) for a in alignments]

    checker, resolved = resolve(YamlDocument(file, {"standards": meta.get("standards")}))
    if checker.problems or any(isinstance(found, str) for _, found in resolved):
        checker, resolved = resolve(_located(source, file, meta))
    problems = list(checker.problems)
    claims = []
    for alignment, found in resolved:
        if isinstance(found, str):
            problems.append(Problem(file, alignment.line, alignment.column, found))
        else:
            claims.append((found, alignment.status))
    return claims, problems


def standard_mentions(
    markdown: str, first_line: int, file: str, frameworks: Frameworks
) -> tuple[list[tuple[InlineDirective, Indicator | None]], list[Problem]]:
    """Every `:standard[…]` of a page with the indicator it names (None when unknown)."""
    mentions = []
    problems = []
    for mention in find_inline_directives(markdown, "standard"):
        found = frameworks.resolve(mention.argument) if mention.argument else ":standard[] names no indicator; write its code in the brackets, such as :standard[1.a]"
        if isinstance(found, str):
            problems.append(Problem(file, mention.line + first_line - 1, mention.column, found))
            mentions.append((mention, None))
        else:
            mentions.append((mention, found))
    return mentions, problems


def post_authors(document: YamlDocument, known: Collection[str], authors_file: str) -> list[Problem]:
    """A problem for every author a post's front matter names that the blog's authors file does not list."""
    named = document.data.get("authors") if isinstance(document.data, dict) else None
    if not isinstance(named, list):
        return []
    return [
        document.problem(("authors", index), f"unknown author '{author}'; authors are listed in {authors_file}")
        for index, author in enumerate(named)
        if not isinstance(author, str) or author not in known
    ]


def citation_keys(clusters: list[Cluster], first_line: int, file: str, known: Collection[str]) -> list[Problem]:
    """A problem for every citation key that is not in the bibliography."""
    return [
        Problem(file, cluster.line + first_line - 1, cluster.column, f"unknown citation key '{key}'{did_you_mean(key, known)}")
        for cluster in clusters
        for key in cluster.keys
        if key not in known
    ]


def citation_locators(clusters: list[Cluster], first_line: int, file: str) -> list[Problem]:
    """A problem for every citation with an empty locator, which pandoc would print as written ("p. )")."""
    return [
        Problem(file, cluster.line + first_line - 1, cluster.column, f"citation '{cluster.text}' has an unfinished locator: give the page (as in 'p. 12') or leave it out")
        for cluster in clusters
        if has_unfinished_locator(cluster)
    ]


def nocite_keys(keys: list[str], file: str, known: Collection[str]) -> list[Problem]:
    """A problem for every key of a page's `nocite` that is not in the bibliography."""
    return [Problem(file, 1, 1, f"nocite names unknown citation key '{key}'{did_you_mean(key, known)}") for key in keys if key not in known]


def rubric_embeds(directives: list[Directive], first_line: int, file: str, slugs: Collection[str], folder: str) -> list[Problem]:
    """A problem for every `::rubric[…]` that names no rubric."""
    return [
        Problem(
            file,
            d.line + first_line - 1,
            len(d.indent) + 1,
            f"unknown rubric '{d.argument}'{did_you_mean(d.argument, slugs)}; rubrics are the .yml files in {folder}/",
        )
        for d in directives
        if d.name == "rubric" and d.argument not in slugs
    ]


def series_membership(
    meta: Mapping[str, Any], source: Callable[[], str], file: str, series: Mapping[str, Series], series_file: str
) -> tuple[tuple[str, float | None] | None, list[Problem]]:
    """The series a page joins and its `series_order`, or the problems with them (`source` as above)."""
    if "series" not in meta:
        return None, []

    def at(key: str) -> tuple[int, int]:
        position = _located(source, file, meta).at(key)
        return position.line, position.column

    series_id = str(meta.get("series"))
    if series_id not in series:
        known = f"series are described in {series_file}" if series else f"no series file ({series_file}) describes any series"
        return None, [Problem(file, *at("series"), f"unknown series '{series_id}'{did_you_mean(series_id, series)}; {known}")]
    order = meta.get("series_order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, (int, float))):
        return (series_id, None), [Problem(file, *at("series_order"), f"series_order must be a number, not '{order}'")]
    return (series_id, order), []


def directives(markdown: str, first_line: int, file: str, plugins: Collection[str]) -> list[Problem]:
    """A problem for every directive no plugin will read, which a page would show as typed.

    That is a line written as a directive with an unknown name, or with brackets
    and braces out of place; a directive of a plugin that is not in `plugins`;
    an attribute its directive does not take. `:standard[…]` needs its plugin too.
    """
    problems = [
        Problem(file, found.line + first_line - 1, len(found.indent) + 1, message)
        for found in find_directive_lines(markdown)
        for message in _directive_messages(found, plugins)
    ]
    if ":standard[" in markdown and "coachfolio/standards" not in plugins:
        problems += [
            Problem(file, mention.line + first_line - 1, mention.column, _needs_plugin(":standard", "coachfolio/standards"))
            for mention in find_inline_directives(markdown, "standard")
        ]
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


def _directive_messages(found: DirectiveLine, plugins: Collection[str]) -> list[str]:
    kind = COACHFOLIO_DIRECTIVES.get(found.name)
    if kind is None:
        if found.directive is None:
            return []  # text that happens to begin with "::", such as a CSS selector
        documented = sorted(f"::{name}" for name, known in COACHFOLIO_DIRECTIVES.items() if known.documented)
        hint = did_you_mean(f"::{found.name}", documented, quote="")
        return [f"unknown directive '::{found.name}'{hint}; the directives are {', '.join(documented)}"]
    if kind.plugin not in plugins:
        return [_needs_plugin(f"::{found.name}", kind.plugin)]
    directive = found.directive
    if directive is None:
        return [f"'{found.text}' is not a well-formed directive; expected ::{found.name}, then [argument] and {{key=\"value\"}} if it takes them, closed and alone on its line"]
    if kind.attributes is None:
        return []  # checked by its plugin, which knows what each attribute means
    messages = [f"'{directive.malformed}' in ::{found.name} is not key=\"value\""] if directive.malformed else []
    for key, value in directive.attributes.items():
        if key not in kind.attributes:
            takes = f"expected {', '.join(kind.attributes)}" if kind.attributes else "it takes none"
            messages.append(f"unknown attribute '{key}' of ::{found.name}; {takes}")
        elif key == "count" and not (value.isascii() and value.isdigit() and int(value) >= 1):
            messages.append(f"count of ::{found.name} must be a whole number of at least 1, not '{value}'")
    return messages


def _needs_plugin(directive: str, plugin: str) -> str:
    return f"{directive} needs the {plugin} plugin; add it to the plugins in mkdocs.yml"


def figure(directive: Directive, first_line: int, file: str, image_exists: Callable[[str], bool]) -> tuple[Figure, list[Problem]]:
    """The figure a `::figure` directive describes, and what is wrong with it."""
    found, messages = read_figure(directive.argument, directive.attributes)
    if directive.malformed:
        messages.insert(0, f"'{directive.malformed}' in ::figure is not key=\"value\"")
    if found.src and not found.remote and not image_exists(found.src):
        messages.append(f"figure image '{found.src}' is not in the site (paths are relative to the page)")
    line, column = directive.line + first_line - 1, len(directive.indent) + 1
    return found, [Problem(file, line, column, message) for message in messages]
