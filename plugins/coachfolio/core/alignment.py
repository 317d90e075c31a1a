"""Alignments: the `standards:` a post or a rubric criterion claims evidence for.

Both forms are accepted wherever alignments are written:

    standards: [iste-coaches-2019:1.a, 1.b]          # a list of references
    standards: {1.a: meets, 1.d: begun}              # references with a status

Which indicator a reference names is decided by the standards plugin, which
knows the configured frameworks; here the field is only read and its shape and
statuses checked.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from coachfolio.core.fields import FieldChecker, describe
from coachfolio.core.suggest import did_you_mean
from coachfolio.core.yamlfile import KeyPath

STATUSES = ("begun", "partial", "meets")


class Alignment(NamedTuple):
    """A claim that some work is evidence for an indicator."""

    reference: str  # as written: "1.a", "iste-coaches-2019:4.1.a"
    status: str | None  # begun, partial, meets, or not stated
    line: int
    column: int


def read_alignments(value: Any, path: KeyPath, checker: FieldChecker, what: str) -> tuple[Alignment, ...]:
    """Read a `standards:` value found at `path`; problems go to `checker`."""
    if value is None:
        return ()
    document = checker.document
    alignments: list[Alignment] = []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if isinstance(value, list):
        for index, item in enumerate(value):
            position = document.at(*path, index)
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                checker.report((*path, index), f"'standards' of {what} lists {describe(item)}; expected an indicator code such as 1.a")
                continue
            alignments.append(Alignment(str(item), None, position.line, position.column))
    elif isinstance(value, dict):
        for reference, status in value.items():
            position = document.key_at(*path, reference)
            if status is not None and status not in STATUSES:
                checker.report(
                    (*path, reference),
                    f"status '{status}' of {reference} in {what} is not one of {', '.join(STATUSES)}{did_you_mean(str(status), STATUSES)}",
                )
                status = None
            alignments.append(Alignment(str(reference), status, position.line, position.column))
    else:
        checker.report(path, f"'standards' of {what} must be a list of indicator codes, not {describe(value)}")
    return tuple(alignments)
