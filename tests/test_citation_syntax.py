"""Finding pandoc-style citations in Markdown, and nothing else."""

from __future__ import annotations

import pytest
from coachfolio.core.citations.syntax import find_citations, has_unfinished_locator


def found(markdown: str) -> list[tuple[str, tuple[str, ...], bool]]:
    return [(c.text, c.keys, c.narrative) for c in find_citations(markdown)]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("As [@foltos2013] says.", [("[@foltos2013]", ("foltos2013",), False)]),
        ("Quoted [@foltos2013, p. 99].", [("[@foltos2013, p. 99]", ("foltos2013",), False)]),
        (
            "[see @foltos2013, pp. 33-35; @chaudhry2004]",
            [("[see @foltos2013, pp. 33-35; @chaudhry2004]", ("foltos2013", "chaudhry2004"), False)],
        ),
        ("@foltos2013 argues", [("@foltos2013", ("foltos2013",), True)]),
        ("@foltos2013 [p. 99] argues", [("@foltos2013 [p. 99]", ("foltos2013",), True)]),
        ("Foltos [-@foltos2013] argues", [("[-@foltos2013]", ("foltos2013",), False)]),
        ("Ends with @foltos2013.", [("@foltos2013", ("foltos2013",), True)]),
        ("Punctuated [@doe:2020.x/y#z_1-2] key", [("[@doe:2020.x/y#z_1-2]", ("doe:2020.x/y#z_1-2",), False)]),
        ("Trailing punctuation @smith:2020: is not part of it", [("@smith:2020", ("smith:2020",), True)]),
        ("Braced [@{weird.key}]", [("[@{weird.key}]", ("weird.key",), False)]),
        ("Across\nlines [@foltos2013,\np. 3] too", [("[@foltos2013,\np. 3]", ("foltos2013",), False)]),
    ],
)
def test_citations_are_found(markdown: str, expected: list[tuple[str, tuple[str, ...], bool]]) -> None:
    assert found(markdown) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        "Write to coach@example.org or [coach@example.org].",
        "A handle in a URL: https://medium.com/@coach and <https://x.org/@a>.",
        "A [link](https://example.org/@foltos2013) and ![image](img/@x.png).",
        "A code span `[@foltos2013]` and ``@foltos2013``.",
        "```\n[@foltos2013]\n@foltos2013\n```",
        "~~~markdown\n[@foltos2013]\n~~~",
        "Para.\n\n    [@indented-code]\n",
        '<a href="mailto:x@y.org">mail</a> <!-- [@commented] -->',
        "[a bracket without a key] and [@a; an item without one]",
        "[@linked](https://example.org) is a link, not a citation",
        "(Fetter, 2017) is plain text",
    ],
)
def test_nothing_else_is_a_citation(markdown: str) -> None:
    assert found(markdown) == []


def test_positions_are_lines_and_columns() -> None:
    clusters = find_citations("First line.\nThen @foltos2013 and [@chaudhry2004].\n")
    assert [(c.line, c.column) for c in clusters] == [(2, 6), (2, 22)]


@pytest.mark.parametrize(
    ("markdown", "unfinished"),
    [
        ("[@foltos2013, p. ]", True),
        ("[@foltos2013, pp.; @chaudhry2004]", True),
        ("[@foltos2013,]", True),
        ("[@foltos2013, p. 3,]", True),
        ("[@foltos2013, chap.]", True),
        ("[@foltos2013, Page ]", True),
        ("[see @foltos2013, p. 3; @chaudhry2004, p.]", True),
        ("@foltos2013 [p. ] argues", True),
        ("[@foltos2013, p. 99]", False),
        ("[see @foltos2013, pp. 33-35; @chaudhry2004]", False),
        ("[see, e.g., @foltos2013, p. 4]", False),
        ("[@foltos2013, emphasis added]", False),
        ("[@foltos2013, paged]", False),
        ("@foltos2013 [p. 99] argues", False),
        ("[-@foltos2013]", False),
    ],
)
def test_a_locator_left_empty_is_told_apart_from_a_finished_one(markdown: str, unfinished: bool) -> None:
    (cluster,) = find_citations(markdown)
    assert has_unfinished_locator(cluster) is unfinished
