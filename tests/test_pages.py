"""A page's summary: the text of its first paragraph of its own prose, as Python-Markdown writes it."""

from __future__ import annotations

import markdown
import pytest
from coachfolio.integration.pages import first_paragraph_text


def summary(source: str, limit: int = 200) -> str:
    rendered = markdown.markdown(source, extensions=["admonition", "attr_list", "md_in_html", "pymdownx.details"])
    return first_paragraph_text(rendered, limit)


@pytest.mark.parametrize(
    "source",
    [
        "![A photo of the team](team.jpg)\n\nThe real opening.",
        '!!! note "Photo credit"\n    Photo by a colleague.\n\nThe real opening.',
        '??? info "Context"\n    Written for a course.\n\nThe real opening.',
        "> A line to remember.\n\nThe real opening.",
        "- a loose list\n\n- of points\n\nThe real opening.",
        '<div markdown>\n<div markdown>\n\nNested.\n\n</div>\n</div>\n\nThe real opening.',
        "<p>COACHFOLIORUBRIC1END</p>\n\nThe real opening.",
    ],
    ids=["image", "admonition", "details", "quotation", "list", "nested-html", "directive"],
)
def test_what_opens_a_page_before_its_prose_is_passed_over(source: str) -> None:
    assert summary(source) == "The real opening."


def test_a_lead_paragraph_is_the_summary() -> None:
    assert summary("Trust comes first.\n{.lead}\n\nThe rest.") == "Trust comes first."


def test_the_summary_is_plain_text_cut_at_a_word() -> None:
    assert summary("A *coach* &amp; a [colleague](x.md) plan the observation together.", limit=30) == "A coach & a colleague plan…"


def test_a_page_without_prose_has_no_summary() -> None:
    assert summary("![Only a photo](p.jpg)\n\n- and a list") == ""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("> Only a quotation, and nothing else.", "Only a quotation, and nothing else."),
        ('!!! note "Photo credit"\n    Photo by a colleague.', "Photo by a colleague."),
    ],
    ids=["quotation", "admonition"],
)
def test_a_page_without_top_level_prose_is_summarised_by_its_first_paragraph(source: str, expected: str) -> None:
    assert summary(source) == expected


def test_a_closing_tag_without_its_opening_tag_closes_nothing() -> None:
    # Raw HTML pasted from a WordPress post may close a <div> it never opened.
    assert summary("</div>\n\n> A line to remember.\n\nThe real opening.") == "The real opening."
