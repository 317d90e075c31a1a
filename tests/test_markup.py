"""Markdown from data files: escaped, safe links, and a shortcut for plain lines that changes nothing; where links are in HTML."""

from __future__ import annotations

import random

import pytest
from coachfolio.core.markup import SafeMarkdown, inside_link


def test_raw_html_is_text_and_unsafe_links_lose_their_target() -> None:
    markdown = SafeMarkdown()
    assert markdown.block("<script>alert(1)</script> *and* [x](javascript:alert(1))") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <em>and</em> <a>x</a></p>"
    )


def test_plain_lines_render_exactly_as_markdown_renders_them() -> None:
    # Rubric descriptors are mostly plain sentences; they skip Markdown, and
    # must come out as Markdown (with smarty) would write them.
    shortcut, reference = SafeMarkdown(), SafeMarkdown()
    alphabet = "aZb cD e1,;:?()%/+=.- \n'*_#>&"
    rng = random.Random(2026)
    texts = ["Greets each student by name", "Uses data (3 sources) to plan; 80% of goals met.", "Plain.\n", "Two  spaces", "Wait...", "A -- B"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    texts += ["Word " + text for text in texts]
    for text in texts:
        assert shortcut.block(text) == reference._renderer().reset().convert(text), repr(text)


@pytest.mark.parametrize(
    ("html", "inside"),
    [
        ('<p>Read <a href="https://x.org">as HERE', True),
        ("<p><a>as HERE", True),
        ('<p><a\nhref="https://x.org">as HERE', True),
        ('<p><a href="https://x.org">talk</a> and HERE', False),
        ('<a href="/">Home</a><article><aside><abbr title="x">HERE', False),
        ("<p>HERE", False),
    ],
)
def test_inside_link_tells_a_links_text_from_the_text_around_it(html: str, inside: bool) -> None:
    assert inside_link(html, html.index("HERE")) is inside
