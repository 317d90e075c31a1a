"""One-line directives that Coachfolio reads in Markdown pages.

The syntax is the leaf-block form of the CommonMark generic directives
proposal, as remark-directive implements it, so pages stay readable and
portable:

    ::rubric[first-year-advisor-skills]
    ::rubric-index
    ::latest-reflections{count=3}
    ::figure[Two colleagues at a table]{credit="Christina Morillo" source="Pexels"}

A directive stands alone on its line (indentation is allowed, so one can sit in
an admonition or a list). Lines inside fenced code blocks are never directives,
so documentation can show the syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

_DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)::(?P<name>[a-z][a-z0-9-]*)(?:\[(?P<argument>[^\]\n]*)\])?(?:\{(?P<attributes>[^}\n]*)\})?[ \t]*$"
)
_ATTRIBUTE = re.compile(r"""(?P<key>[a-zA-Z_][\w-]*)=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'}]+))""")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
# The start of anything written as a directive, well formed or not.
_DIRECTIVE_START = re.compile(r"^[ \t]*::[a-z]", re.MULTILINE)
_DIRECTIVE_NAME = re.compile(r"^(?P<indent>[ \t]*)::(?P<name>[a-z][a-z0-9-]*)")


class DirectiveKind(NamedTuple):
    """What Coachfolio knows of one directive: the plugin that reads it and the attributes it takes."""

    plugin: str
    attributes: tuple[str, ...] | None = ()  # None: the plugin checks them itself
    documented: bool = True  # False for those that generated pages use


# Every directive Coachfolio reads, by name.
COACHFOLIO_DIRECTIVES = {
    "bibliography": DirectiveKind("coachfolio/citations"),
    "figure": DirectiveKind("coachfolio/portfolio", None),
    "latest-reflections": DirectiveKind("coachfolio/portfolio", ("count",)),
    "rubric": DirectiveKind("coachfolio/rubrics"),
    "rubric-index": DirectiveKind("coachfolio/rubrics"),
    "rubric-observation": DirectiveKind("coachfolio/rubrics", documented=False),
    "rubric-page": DirectiveKind("coachfolio/rubrics", documented=False),
    "series-list": DirectiveKind("coachfolio/portfolio"),
    "series-parts": DirectiveKind("coachfolio/portfolio"),
    "standards-coverage": DirectiveKind("coachfolio/standards"),
    "standards-framework": DirectiveKind("coachfolio/standards", documented=False),
    "standards-index": DirectiveKind("coachfolio/standards", documented=False),
    "standards-matrix": DirectiveKind("coachfolio/standards", documented=False),
}


def directives_of(plugin: str) -> tuple[str, ...]:
    """The names of the directives `plugin` reads."""
    return tuple(name for name, kind in COACHFOLIO_DIRECTIVES.items() if kind.plugin == plugin)


@dataclass(frozen=True)
class Directive:
    """A directive found on `line` (1-based) of a Markdown text."""

    name: str
    argument: str
    line: int
    indent: str
    attributes: dict[str, str] = field(default_factory=dict)
    malformed: str = ""  # attribute text that is not key=value pairs, for an error message


def _outside_code(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Number and text of each line not inside a fenced code block."""
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group("fence")
                continue
            yield number, line
        elif match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence) and not line.strip().strip(fence[0]):
            fence = None


def find_directives(markdown: str, names: Iterable[str]) -> list[Directive]:
    """Every directive of the given names in `markdown`, in order."""
    wanted = set(names)
    found = []
    for number, line in _outside_code(markdown.split("\n")):
        match = _DIRECTIVE.match(line)
        if match and match.group("name") in wanted:
            found.append(_directive(match, number))
    return found


def _directive(match: re.Match[str], line: int) -> Directive:
    attributes, malformed = _attributes(match.group("attributes") or "")
    argument = (match.group("argument") or "").strip()
    return Directive(match.group("name"), argument, line, match.group("indent"), attributes, malformed)


class DirectiveLine(NamedTuple):
    """A line written as a directive: `::name` at its start, outside code."""

    name: str
    line: int
    indent: str
    text: str
    directive: Directive | None  # None when the rest of the line is not `[argument]{attributes}`


def find_directive_lines(markdown: str) -> list[DirectiveLine]:
    """Every line outside code that begins like a directive, whatever its name, in order."""
    # Most pages hold none. A pattern anchored at line starts is tried at every
    # character (about 5 µs a kilobyte); the substring test skips most pages in a tenth of that.
    if "::" not in markdown or _DIRECTIVE_START.search(markdown) is None:
        return []
    found = []
    for number, line in _outside_code(markdown.split("\n")):
        start = _DIRECTIVE_NAME.match(line)
        if start is None:
            continue
        match = _DIRECTIVE.match(line)
        directive = _directive(match, number) if match else None
        found.append(DirectiveLine(start.group("name"), number, start.group("indent"), line.strip(), directive))
    return found


def _attributes(text: str) -> tuple[dict[str, str], str]:
    """`key="value" key2=bare` pairs, and whatever is left that is not a pair."""
    attributes = {}
    for match in _ATTRIBUTE.finditer(text):
        attributes[match.group("key")] = next(v for v in (match.group("double"), match.group("single"), match.group("bare")) if v is not None)
    return attributes, _ATTRIBUTE.sub("", text).strip()


def replace_directives(markdown: str, directives: Iterable[Directive], replacement: dict[int, str]) -> str:
    """Put `replacement[line]` in place of each directive's line, keeping its indentation."""
    lines = markdown.split("\n")
    for directive in directives:
        if directive.line in replacement:
            lines[directive.line - 1] = directive.indent + replacement[directive.line]
    return "\n".join(lines)


class InlineDirective(NamedTuple):
    """An inline directive, `:name[argument]`, at `start`:`end` of line `line`."""

    name: str
    argument: str
    line: int
    column: int
    start: int  # offset in the whole text
    end: int


_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.DOTALL)


def find_inline_directives(markdown: str, name: str) -> list[InlineDirective]:
    """Every `:name[...]` outside code blocks and code spans, in order.

    A directive must not follow a letter or digit, so `mailto:x` or
    `https://host:8000[…]` are never taken for one.
    """
    # The lookbehind follows the colon, so the engine jumps from colon to colon.
    pattern = re.compile(r":(?<![\w:/]:)" + re.escape(name) + r"\[(?P<argument>[^\]\n]*)\]")
    lines = markdown.split("\n")
    offsets = [0]
    for text in lines:
        offsets.append(offsets[-1] + len(text) + 1)
    found = []
    for number, text in _outside_code(lines):
        masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
        for match in pattern.finditer(masked):
            found.append(
                InlineDirective(
                    name,
                    match.group("argument").strip(),
                    number,
                    match.start() + 1,
                    offsets[number - 1] + match.start(),
                    offsets[number - 1] + match.end(),
                )
            )
    return found


def replace_spans(text: str, spans: list[tuple[int, int]], replacements: list[str]) -> str:
    """Put each replacement in place of its (start, end) span; spans are in order and apart."""
    parts = []
    position = 0
    for (start, end), replacement in zip(spans, replacements):
        parts.append(text[position:start])
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def replace_inline_directives(markdown: str, directives: list[InlineDirective], replacements: list[str]) -> str:
    """Put each replacement where its directive stood."""
    return replace_spans(markdown, [(d.start, d.end) for d in directives], replacements)
