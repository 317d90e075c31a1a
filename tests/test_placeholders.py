"""Tokens in HTML: what a replacement takes with it, and what it leaves."""

from __future__ import annotations

import re

import pytest
from coachfolio.integration.placeholders import (
    Placeholders,
    find_tokens,
    replace_tokens,
    sub_tokens,
)

TOKEN = re.compile(r"TOKEN(\d+)END")


def test_a_token_alone_in_a_paragraph_takes_the_paragraph_with_it() -> None:
    assert sub_tokens(TOKEN, "<p>TOKEN1END</p>\n<p>after</p>", lambda m: "<aside>box</aside>") == "<aside>box</aside>\n<p>after</p>"


def test_a_token_inside_a_paragraph_leaves_its_tags() -> None:
    html = "<p>TOKEN1END starts, ends TOKEN2END</p><p>x TOKEN3END y</p>"
    assert sub_tokens(TOKEN, html, lambda m: f"({m.group(1)})") == "<p>(1) starts, ends (2)</p><p>x (3) y</p>"


def test_a_token_left_in_place_keeps_its_tags() -> None:
    html = "<p>TOKEN1END</p><p>TOKEN2END</p>"
    assert sub_tokens(TOKEN, html, lambda m: None if m.group(1) == "1" else "two") == "<p>TOKEN1END</p>two"
    assert sub_tokens(TOKEN, "no tokens", lambda m: "x") == "no tokens"


def test_placeholders_fill_their_page_and_leave_kept_ones_for_later() -> None:
    placeholders = Placeholders("demo")
    first = placeholders.token("a.md", "now")
    second = placeholders.token("a.md", "later")
    html = f"<p>{first}</p>\n<p>{second}</p>"
    filled = placeholders.fill("a.md", html, lambda value: f"<div>{value}</div>", keep=lambda value: value == "later")
    assert filled == f"<div>now</div>\n<p>{second}</p>"
    assert placeholders.fill("a.md", filled, lambda value: f"<div>{value}</div>") == "<div>now</div>\n<div>later</div>"
    assert placeholders.remove(f"<p>{first}</p><p>text {second}</p>") == "<p>text </p>"


def test_a_block_on_a_line_of_its_own_inside_a_paragraph_splits_the_paragraph() -> None:
    def box(match: re.Match[str]) -> str:
        return f"<div>{match.group(1)}</div>"

    assert sub_tokens(TOKEN, "<p>Our rubric:\nTOKEN1END</p>", box, block=True) == "<p>Our rubric:</p>\n<div>1</div>"
    assert sub_tokens(TOKEN, "<p>TOKEN1END\nand after</p>", box, block=True) == "<div>1</div>\n<p>and after</p>"
    assert sub_tokens(TOKEN, '<p class="lead">before\nTOKEN1END\nafter</p>', box, block=True) == (
        '<p class="lead">before</p>\n<div>1</div>\n<p>after</p>'
    )
    # Outside a paragraph (a tight list item), a block may stand where it is.
    assert sub_tokens(TOKEN, "<ul>\n<li>item\nTOKEN1END</li>\n</ul>", box, block=True) == "<ul>\n<li>item\n<div>1</div></li>\n</ul>"
    # Within a line of text, and for inline replacements, the paragraph stays whole.
    assert sub_tokens(TOKEN, "<p>before\nsee TOKEN1END\nafter</p>", box, block=True) == "<p>before\nsee <div>1</div>\nafter</p>"
    assert sub_tokens(TOKEN, "<p>before\nTOKEN1END\nafter</p>", box) == "<p>before\n<div>1</div>\nafter</p>"


@pytest.mark.parametrize(
    "pattern",
    [
        r"TOKEN(\d+)END",
        r"TOKENS?(\d+)END",  # the last capital is optional: it is not searched for
        r"TOKEN\d+END|END",  # a match of the second branch does not start with TOKEN
        r"TO(?:KEN|P)\d*",
        r"(?:<p>)?TOKEN\d+END",  # nothing to search for: the regex engine does it all
        r"TOK[|]EN\d",  # a | in a class is no alternation
    ],
)
def test_tokens_are_found_where_the_regex_engine_finds_them(pattern: str) -> None:
    compiled = re.compile(pattern)
    text = "TOKEN1END TOKENTOKEN22END TOKEN TOP TOKENS3END <p>TOKEN4END</p> END TOK|EN5 TOKEN6END"
    assert [m.span() for m in find_tokens(compiled, text)] == [m.span() for m in compiled.finditer(text)]


def test_tokens_replaced_in_place_keep_their_paragraph_and_the_ones_refused() -> None:
    html = "<p>TOKEN1END</p><p>x TOKEN2END y</p>"
    assert replace_tokens(TOKEN, html, lambda m: None if m.group(1) == "2" else "one") == "<p>one</p><p>x TOKEN2END y</p>"
    assert replace_tokens(TOKEN, "no tokens", lambda m: "x") == "no tokens"
