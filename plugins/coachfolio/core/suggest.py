"""'Did you mean …?' hints for misspelt keys, labels and codes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], *, quote: str = "'") -> str:
    """A hint naming the closest choices, or an empty string when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    names = " or ".join(f"{quote}{c}{quote}" for c in close)
    return f" (did you mean {names}?)"
