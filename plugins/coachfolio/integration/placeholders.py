"""Placeholders: HTML decided late, put where a directive stood.

A directive's line is replaced in the Markdown by a token that survives
conversion unchanged (plain capitals and digits), and the token is replaced in
the page's HTML once it is known what to put there. The same pattern serves
content that needs the whole site first (evidence lists, backlinks).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TOKEN = re.compile(r"(?:<p>)?COACHFOLIO(?P<kind>[A-Z]+)PLACEHOLDER(?P<number>\d+)END(?:</p>)?")


class Placeholders:
    """Tokens for one kind of content, and what each stands for, per page."""

    def __init__(self, kind: str) -> None:
        self.kind = kind.upper()
        self._pending: dict[str, dict[int, object]] = {}

    def token(self, page: str, value: object) -> str:
        """A token for `value` on `page`; `value` is handed back by `fill`."""
        items = self._pending.setdefault(page, {})
        number = max(items, default=-1) + 1
        items[number] = value
        return f"COACHFOLIO{self.kind}PLACEHOLDER{number}END"

    def fill(
        self, page: str, html: str, render: Callable[[object], str], keep: Callable[[object], bool] | None = None
    ) -> str:
        """Replace this page's tokens in `html` with `render(value)`.

        Tokens whose value `keep` accepts stay in place, to be filled later.
        """
        items = self._pending.get(page)
        if not items:
            return html
        kept = {n: v for n, v in items.items() if keep is not None and keep(v)}

        def replace(match: re.Match[str]) -> str:
            number = int(match.group("number"))
            if match.group("kind") != self.kind or number in kept or number not in items:
                return match.group(0)
            return render(items[number])

        html = _TOKEN.sub(replace, html)
        if kept:
            self._pending[page] = kept
        else:
            del self._pending[page]
        return html
