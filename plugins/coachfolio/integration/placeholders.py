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
        number = len(items)
        items[number] = value
        return f"COACHFOLIO{self.kind}PLACEHOLDER{number}END"

    def fill(self, page: str, html: str, render: Callable[[object], str]) -> str:
        """Replace this page's tokens in `html` with `render(value)`."""
        items = self._pending.pop(page, None)
        if not items:
            return html

        def replace(match: re.Match[str]) -> str:
            if match.group("kind") != self.kind:
                return match.group(0)
            return render(items[int(match.group("number"))])

        return _TOKEN.sub(replace, html)
