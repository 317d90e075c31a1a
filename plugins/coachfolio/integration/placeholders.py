"""Placeholders: HTML decided late, put where a directive stood.

A directive's line is replaced in the Markdown by a token that survives
conversion unchanged (plain capitals and digits), and the token is replaced in
the page's HTML once it is known what to put there. The same pattern serves
content that needs the whole site first (evidence lists, backlinks).

Tokens are numbered across the whole build, not page by page: a post's
opening is also shown, as an excerpt, on the blog's index and archive pages,
and a token found there still says what it stands for.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

# Every token begins with these capitals: what `find_tokens` looks for first.
_TOKEN_LETTERS = re.compile(r"[A-Z]+")


@functools.cache
def _prefix(pattern: re.Pattern[str]) -> str:
    """The capitals every match of `pattern` begins with ("" if that cannot be told simply)."""
    letters = _TOKEN_LETTERS.match(pattern.pattern)
    # (Case-blind or verbose patterns are left to the regex engine: their letters need not stand as written.)
    if letters is None or pattern.flags & (re.IGNORECASE | re.VERBOSE) or _alternation_at_top(pattern.pattern):
        return ""
    # A quantifier after the last capital makes that one optional.
    optional = pattern.pattern[letters.end() : letters.end() + 1] in ("?", "*", "{")
    return letters.group(0)[:-1] if optional else letters.group(0)


def _alternation_at_top(source: str) -> bool:
    """Whether a regex's source has a `|` outside every group (so a match need not start as the source does)."""
    depth, escaped, in_class = 0, False, False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def find_tokens(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text`, as `pattern.finditer(text)` gives them, found faster.

    A page's HTML runs to tens of kilobytes and is searched for tokens by
    several plugins: Python's substring search skips through it about three
    times as fast as the regex engine. So the pattern's leading capitals are
    searched for as a substring, and the pattern is tried only where they
    stand.
    """
    prefix = _prefix(pattern)
    if not prefix:
        yield from pattern.finditer(text)
        return
    at = text.find(prefix)
    while at != -1:
        match = pattern.match(text, at)
        if match is None:
            at = text.find(prefix, at + 1)
            continue
        yield match
        # An empty match cannot happen: the prefix is part of it.
        at = text.find(prefix, match.end())


def replace_tokens(pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str | None]) -> str:
    """`pattern.sub(replace, text)` for a pattern starting with a token's capitals; a None from `replace` keeps the token."""
    pieces: list[str] = []
    done = 0
    for match in find_tokens(pattern, text):
        replacement = replace(match)
        if replacement is not None:
            pieces += [text[done : match.start()], replacement]
            done = match.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def sub_tokens(
    pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str | None], *, block: bool = False
) -> str:
    """`pattern.sub(replace, text)`, where a token standing alone in a paragraph takes its `<p>` and `</p>` along.

    A token inside a paragraph leaves the paragraph's tags alone, and one for
    which `replace` gives None stays as it was. With `block` (the replacement
    is a table, a list, a figure), a token on a line of its own inside a
    paragraph — a directive written with no blank line around it — ends the
    paragraph before it and opens another after it, as a `<div>` cannot sit
    in a `<p>`.

    `pattern` starts with the token's own letters, which `find_tokens`
    searches for as a substring; a pattern starting with an optional
    `(?:<p>)?` would be tried at every character instead (about 60 ns a byte:
    a third of a second over the search index of a thousand posts).
    """
    pieces: list[str] = []
    done = 0
    for match in find_tokens(pattern, text):
        start, end = match.span()
        before = after = ""
        opens = start >= 3 and text.startswith("<p>", start - 3)
        closes = text.startswith("</p>", end)
        if opens and closes:
            start, end = start - 3, end + 4
        elif block and _own_line_in_paragraph(text, start, end, opens, closes):
            if opens:
                start -= 3
            else:
                start, before = start - 1, "</p>\n"
            if closes:
                end += 4
            else:
                end, after = end + 1, "\n<p>"
        replacement = replace(match)
        if replacement is not None:
            pieces += [text[done:start], before, replacement, after]
            done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _own_line_in_paragraph(text: str, start: int, end: int, opens: bool, closes: bool) -> bool:
    """Whether the token at `start`:`end` has a line of its own inside a paragraph (Python-Markdown's `<p>…</p>`)."""
    if not (opens or (start > 0 and text[start - 1] == "\n")) or not (closes or text.startswith("\n", end)):
        return False
    if opens:
        return True
    last_open = max(text.rfind("<p>", 0, start), text.rfind("<p ", 0, start))
    return last_open > text.rfind("</p>", 0, start)


class Placeholders:
    """Tokens for one kind of content, what each stands for, and the page it was made on."""

    def __init__(self, kind: str) -> None:
        self.kind = kind.upper()
        self._prefix = f"COACHFOLIO{self.kind}PLACEHOLDER"
        self._pattern = re.compile(rf"{self._prefix}(\d+)END")
        self._values: list[tuple[str, object]] = []  # by number: the page a token was made on, and its value
        self._pending: dict[str, list[int]] = {}  # per page, the tokens not yet filled there

    def token(self, page: str, value: object) -> str:
        """A token for `value` on `page`; `value` is handed back to `fill`'s `render`."""
        self._pending.setdefault(page, []).append(len(self._values))
        self._values.append((page, value))
        return f"{self._prefix}{len(self._values) - 1}END"

    def fill(
        self, page: str, html: str, render: Callable[[object], str], keep: Callable[[object], bool] | None = None
    ) -> str:
        """Replace this page's tokens in `html` with `render(value)`.

        Tokens whose value `keep` accepts stay in place, to be filled later.
        """
        numbers = self._pending.pop(page, None)
        if not numbers:
            return html
        kept = [n for n in numbers if keep is not None and keep(self._values[n][1])]
        wanted = set(numbers) - set(kept)

        def replace(match: re.Match[str]) -> str | None:
            number = int(match.group(1))
            return render(self._values[number][1]) if number in wanted else None

        if kept:
            self._pending[page] = kept
        return sub_tokens(self._pattern, html, replace, block=True)

    def fill_any(self, html: str, render: Callable[[object, str], str]) -> str:
        """Replace every token in `html`, whichever page it was made on (as in an excerpt of a post).

        `render` is given the value and the source path of the page the token was made on.
        """
        if self._prefix not in html:  # a substring test first: most pages have no token left
            return html

        def replace(match: re.Match[str]) -> str | None:
            number = int(match.group(1))
            if number >= len(self._values):
                return None
            origin, value = self._values[number]
            return render(value, origin)

        return sub_tokens(self._pattern, html, replace, block=True)

    @property
    def marker(self) -> str:
        """Text every token of this kind starts with."""
        return self._prefix

    def remove(self, text: str) -> str:
        """`text` without any token of this kind (for feeds and search indexes, which show text only)."""
        return sub_tokens(self._pattern, text, lambda _match: "")
