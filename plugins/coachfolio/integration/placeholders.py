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

import re
from collections.abc import Callable


class Placeholders:
    """Tokens for one kind of content, what each stands for, and the page it was made on."""

    def __init__(self, kind: str) -> None:
        self.kind = kind.upper()
        self._prefix = f"COACHFOLIO{self.kind}PLACEHOLDER"
        self._pattern = re.compile(rf"(?:<p>)?{self._prefix}(\d+)END(?:</p>)?")
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

        def replace(match: re.Match[str]) -> str:
            number = int(match.group(1))
            return render(self._values[number][1]) if number in wanted else match.group(0)

        if kept:
            self._pending[page] = kept
        return self._pattern.sub(replace, html)

    def fill_any(self, html: str, render: Callable[[object, str], str]) -> str:
        """Replace every token in `html`, whichever page it was made on (as in an excerpt of a post).

        `render` is given the value and the source path of the page the token was made on.
        """
        if self._prefix not in html:  # a substring test first: most pages have no token left
            return html

        def replace(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if number >= len(self._values):
                return match.group(0)
            origin, value = self._values[number]
            return render(value, origin)

        return self._pattern.sub(replace, html)

    @property
    def marker(self) -> str:
        """Text every token of this kind starts with."""
        return self._prefix

    def remove(self, text: str) -> str:
        """`text` without any token of this kind (for feeds and search indexes, which show text only)."""
        return self._pattern.sub("", text)
