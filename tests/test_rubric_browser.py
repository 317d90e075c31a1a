"""The self-assessment in a real browser, operated with the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

ADVISOR = "rubrics/first-year-advisor-skills/"


@pytest.fixture
def page(browser: Browser, demo_url: str) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    yield page
    context.close()


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def summary(page: Page) -> str:
    return " ".join(page.locator(".cf-sa-summary").inner_text().split())


def test_self_assessment_with_the_keyboard_survives_a_reload_and_exports(page: Page, demo_url: str, tmp_path: Path) -> None:
    page.goto(demo_url + ADVISOR)
    form = page.locator("#self-assessment")
    expect(form).to_be_hidden()

    tab_to(page, "[data-cf-selfassess-toggle]")
    page.keyboard.press("Enter")
    expect(form).to_be_visible()
    expect(page.locator("[data-cf-selfassess-toggle]")).to_have_attribute("aria-expanded", "true")
    assert summary(page) == "0 of 5 criteria assessed. Total: 0 of 20 points. Weighted: 0 of 28 points (0%)."

    # First criterion: Tab into its radio group and choose the first level with Space.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "cf-first-year-advisor-skills-builds-trust"
    page.keyboard.press("Space")
    assert summary(page) == "1 of 5 criteria assessed. Total: 4 of 20 points. Weighted: 8 of 28 points (29%)."
    page.keyboard.press("Tab")
    page.keyboard.type("Greets every student, by name")

    # Second criterion: the arrow key moves the choice to the next level.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "cf-first-year-advisor-skills-communication-norms"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "Proficient"
    assert summary(page) == "2 of 5 criteria assessed. Total: 7 of 20 points. Weighted: 11 of 28 points (39%)."

    page.reload()
    expect(form).to_be_visible()
    expect(page.locator('input[name="cf-first-year-advisor-skills-builds-trust"][value="Exemplary"]')).to_be_checked()
    expect(page.locator('input[name="cf-first-year-advisor-skills-communication-norms"][value="Proficient"]')).to_be_checked()
    expect(page.locator("#cf-first-year-advisor-skills-builds-trust-notes")).to_have_value("Greets every student, by name")
    assert summary(page) == "2 of 5 criteria assessed. Total: 7 of 20 points. Weighted: 11 of 28 points (39%)."

    page.focus('[data-cf-export="csv"]')
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "first-year-advisor-skills-self-assessment.csv"
    target = tmp_path / "export.csv"
    download.save_as(target)
    lines = target.read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == "Rubric,Criterion,Level,Points,Weight,Weighted points,Evidence and notes"
    assert lines[1] == 'First-Year Advisor Skills,Builds trust with students,Exemplary,4,2,8,"Greets every student, by name"'
    assert lines[2] == "First-Year Advisor Skills,Agrees on communication norms,Proficient,3,1,3,"
    assert lines[3] == "First-Year Advisor Skills,Sets goals with students,,,2,,"

    page.focus('[data-cf-export="json"]')
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    json_path = tmp_path / "export.json"
    download_info.value.save_as(json_path)
    import json

    exported = json.loads(json_path.read_text(encoding="utf-8"))
    assert exported["rubric"] == "first-year-advisor-skills"
    assert (exported["total"], exported["weighted_total"], exported["max_weighted_total"]) == (7, 11, 28)
    assert exported["criteria"][0]["notes"] == "Greets every student, by name"

    # Clearing asks first, then empties the form and the browser's storage.
    page.once("dialog", lambda dialog: dialog.accept())
    page.focus("[data-cf-clear]")
    page.keyboard.press("Enter")
    assert summary(page) == "0 of 5 criteria assessed. Total: 0 of 20 points. Weighted: 0 of 28 points (0%)."
    page.reload()
    expect(page.locator('input[name="cf-first-year-advisor-skills-builds-trust"]:checked')).to_have_count(0)

    # Nothing left the machine: every request went to the local server.
    hosts = {urlsplit(url).netloc for url in page.requests if not url.startswith(("blob:", "data:"))}  # type: ignore[attr-defined]
    assert hosts == {urlsplit(demo_url).netloc}


def test_an_unscored_rubric_counts_choices_without_points(page: Page, demo_url: str) -> None:
    page.goto(demo_url + "rubrics/lesson-design-matrix/")
    page.locator("[data-cf-selfassess-toggle]").click()
    page.locator('input[name="cf-lesson-design-matrix-clear-learning-goals"][value="Emerging"]').check()
    assert summary(page) == "1 of 6 criteria assessed."


def test_without_javascript_the_page_is_the_plain_table(browser: Browser, demo_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + ADVISOR)
    expect(page.locator("table.cf-rubric-table")).to_be_visible()
    expect(page.locator("#self-assessment")).to_be_hidden()
    expect(page.locator("[data-cf-selfassess-toggle]")).to_be_hidden()
    context.close()


def test_printing_a_rubric_hides_navigation_and_fits_the_table(page: Page, demo_url: str) -> None:
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(demo_url + ADVISOR)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".cf-actions"):
        expect(page.locator(selector).first).to_be_hidden()
    overflow = page.evaluate(
        "() => { const box = document.querySelector('.cf-table-scroll'); return box.scrollWidth - box.clientWidth; }"
    )
    assert overflow <= 1
