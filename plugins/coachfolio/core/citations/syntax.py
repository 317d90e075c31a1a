"""Finding pandoc-style citations in Markdown.

The syntax is pandoc's, so posts stay portable:

    [@foltos2013]                      (Foltos, 2013)
    [@foltos2013, p. 99]               (Foltos, 2013, p. 99)
    [see @foltos2013, pp. 33-35; @chaudhry2004]
    @foltos2013                        Foltos (2013)
    @foltos2013 [p. 99]                Foltos (2013, p. 99)
    [-@foltos2013]                     (2013)

Code blocks, code spans, URLs, link targets, HTML tags and e-mail addresses
never hold citations. Each cluster keeps its exact text: pandoc itself
formats it later, so the two never disagree on what a cluster means.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from coachfolio.core.directives import replace_spans

# pandoc's citation keys: a letter, digit or underscore, then those with single
# internal punctuation; trailing punctuation ends the key. Braces allow anything.
_KEY = r"(?:\{(?P<braced>[^{}\s]+)\}|(?P<plain>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))"
_KEY_RE = re.compile(_KEY)
_ITEM_KEY = re.compile(r"(?:^|(?<=[\s\[;]))(?P<suppress>-?)@" + _KEY)
_BRACKET = re.compile(r"\[(?P<body>[^\[\]]*)\](?![(\[{])")
# The lookbehind (what may not stand before the @) follows the @, so the regex
# engine jumps from @ to @ instead of trying the lookbehind at every character.
_NARRATIVE = re.compile(r"@(?<![\w@.+\-/:\[\\]@)" + _KEY + r"(?P<locator>[ \t]\[[^\[\]@\n]+\](?![(\[{]))?")

# A locator left unfinished: a comma with nothing after it, or one of pandoc's
# locator terms with no number ("p. ", "chap."), before the end of an item.
_LOCATOR_TERMS = (
    "book|bk|bks|books|chapter|chap|chaps|chapters|column|col|cols|columns|figure|fig|figs|figures|folio|fol|fols|folios|"
    "number|no|nos|numbers|line|l|ll|lines|note|n|nn|notes|opus|op|opp|opera|page|p|pp|pages|paragraph|para|paras|paragraphs|"
    "part|pt|pts|parts|section|sec|secs|sections|sub verbo|s\\.v|s\\.vv|verse|v|vv|verses|volume|vol|vols|volumes|¶¶?|§§?"
)
_UNFINISHED_LOCATOR = re.compile(r"(?:,|(?<=\S)[ \t]\[)\s*(?:(?:" + _LOCATOR_TERMS + r")\.?\s*)?[\];]", re.IGNORECASE)

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# Each pattern with a substring it cannot match without: most prose has no
# code or HTML, and a substring test is far cheaper than a regex scan.
_MASKS = [
    ("`", re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.DOTALL)),  # code spans
    ("<!--", re.compile(r"<!--.*?-->", re.DOTALL)),  # comments
    ("<", re.compile(r"<[a-zA-Z/][^>\n]*>")),  # HTML tags and autolinks
    ("](", re.compile(r"\]\([^)\n]*\)")),  # link and image targets
    (":", re.compile(r"\b(?:https?|ftp|mailto):[^\s)\]>]+")),  # bare URLs
]
_NOT_NEWLINE = re.compile(r"[^\n]")


class Cluster(NamedTuple):
    """One citation as written: a bracketed group or a narrative citation."""

    text: str  # exactly as written, e.g. "[see @a, p. 3; @b]"
    keys: tuple[str, ...]
    narrative: bool
    start: int  # offsets into the Markdown
    end: int
    line: int  # 1-based, within the Markdown given
    column: int


def _blank(text: str) -> str:
    """Spaces of the same length, keeping line breaks so offsets and lines stay put."""
    return _NOT_NEWLINE.sub(" ", text) if "\n" in text else " " * len(text)


def _masked(markdown: str) -> str:
    """`markdown` with everything that cannot hold a citation blanked out."""
    lines = markdown.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[index] = _blank(line)
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines[index] = _blank(line)
        elif line.startswith(("    ", "\t")) and (index == 0 or not lines[index - 1].strip()):
            # An indented code block after a blank line (lists are rare here and keep citations).
            lines[index] = _blank(line)
    masked = "\n".join(lines)
    for needle, pattern in _MASKS:
        if needle in masked:
            masked = pattern.sub(lambda m: _blank(m.group(0)), masked)
    return masked


def _key(match: re.Match[str]) -> str:
    return match.group("braced") or match.group("plain")


def _position(markdown: str, offset: int) -> tuple[int, int]:
    line = markdown.count("\n", 0, offset) + 1
    column = offset - (markdown.rfind("\n", 0, offset) + 1) + 1
    return line, column


def find_citations(markdown: str) -> list[Cluster]:
    """Every citation cluster in `markdown`, in order."""
    if "@" not in markdown:
        return []  # most pages of a site cite nothing
    masked = _masked(markdown)
    clusters: list[Cluster] = []
    for match in _BRACKET.finditer(masked):
        body = match.group("body")
        if "@" not in body or "\n\n" in body:
            continue
        items = body.split(";")
        keys = []
        for item in items:
            found = list(_ITEM_KEY.finditer(item))
            if len(found) != 1:
                break  # every item of a citation names exactly one work
            keys.append(_key(found[0]))
        else:
            line, column = _position(markdown, match.start())
            clusters.append(Cluster(markdown[match.start() : match.end()], tuple(keys), False, match.start(), match.end(), line, column))
    # Narrative citations, outside the bracketed ones just found.
    if clusters:
        pieces, done = [], 0
        for cluster in clusters:
            pieces += [masked[done : cluster.start], _blank(masked[cluster.start : cluster.end])]
            done = cluster.end
        masked = "".join(pieces) + masked[done:]
    for match in _NARRATIVE.finditer(masked):
        line, column = _position(markdown, match.start())
        clusters.append(Cluster(markdown[match.start() : match.end()], (_key(match),), True, match.start(), match.end(), line, column))
    return sorted(clusters, key=lambda c: c.start)


def has_unfinished_locator(cluster: Cluster) -> bool:
    """True if an item of `cluster` ends with an empty locator: `[@a, p. ]`, `[@a,]`, `@a [p.]`.

    pandoc prints it as written, "(Foltos, 2013, p. )": most often a page
    left to look up later.
    """
    return _UNFINISHED_LOCATOR.search(cluster.text) is not None


def replace_citations(markdown: str, clusters: list[Cluster], replacements: list[str]) -> str:
    """Put each replacement where its cluster stood."""
    return replace_spans(markdown, [(c.start, c.end) for c in clusters], replacements)
