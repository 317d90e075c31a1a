"""The coverage matrix in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect
from test_rubric_browser import tab_to

pytestmark = pytest.mark.browser


def test_the_gap_filter_works_with_the_keyboard(browser: Browser, demo_url: str) -> None:
    page = browser.new_page()
    page.goto(demo_url + "standards/matrix/")
    rows = page.locator("tr[data-cf-evidence]")
    expect(rows).to_have_count(28 + 26)
    visible = "() => [...document.querySelectorAll('tr[data-cf-evidence]')].filter(r => r.offsetParent !== null).length"
    assert page.evaluate(visible) == 54

    tab_to(page, "[data-cf-matrix-gaps]")
    page.keyboard.press("Space")
    expect(page.locator("[data-cf-matrix-gaps]")).to_be_checked()
    gaps = page.locator('tr[data-cf-evidence="0"]').count()
    assert page.evaluate(visible) == gaps < 54
    # A standard whose every indicator has evidence disappears with its heading.
    expect(page.locator("tbody", has_text="ISTE Standards for Coaches (2011) · 1. Visionary Leadership")).to_be_hidden()

    page.keyboard.press("Space")
    assert page.evaluate(visible) == 54
    page.close()


def test_without_javascript_the_matrix_shows_every_row_and_no_filter(browser: Browser, demo_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "standards/matrix/")
    expect(page.locator(".cf-matrix__filters")).to_be_hidden()
    expect(page.locator("table.cf-matrix-table")).to_be_visible()
    context.close()


def test_the_table_of_contents_marks_the_sections_added_to_a_post_as_current(browser: Browser, demo_url: str) -> None:
    # The standards box and "Cite this" are not headings; reached from the contents they must still count as reached.
    page = browser.new_page(viewport={"width": 1400, "height": 800})
    page.goto(demo_url + "blog/2019/12/16/the-gift-of-peer-coaching/")
    contents = page.locator(".md-sidebar--secondary .md-nav--secondary")
    for title, anchor in [("Standards addressed", "#standards-addressed"), ("References", "#references"), ("Cite this reflection", "#cite-this")]:
        contents.locator(f'a[href="{anchor}"]').click()
        expect(contents.locator("a.md-nav__link--active")).to_have_text(title)
        assert page.evaluate("location.hash") == anchor
    page.close()
