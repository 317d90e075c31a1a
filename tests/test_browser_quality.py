"""Every page type of the demo in a real browser: accessibility, privacy, phone layout, print.

axe-core runs the WCAG 2.1 A and AA rules in light and dark palettes; every
network request is recorded; a 375-px phone viewport must not scroll sideways;
a full-page screenshot of each page type is saved for reviewers
(`artifacts/screenshots/`, or the folder named by COACHFOLIO_ARTIFACTS).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_rubric_browser import tab_to

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("COACHFOLIO_ARTIFACTS", REPO / "artifacts")) / "screenshots"
AXE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGE_TYPES = {
    "home": "",
    "blog-index": "blog/",
    "reflection-gift": "blog/2019/12/16/the-gift-of-peer-coaching/",
    "reflection-communication": "blog/2019/11/18/communication-and-collaboration/",
    "category": "blog/category/peer-coaching/",
    "archive": "blog/archive/2019/",
    "author": "blog/author/coach/",
    "tags": "tags/",
    "project-with-embedded-rubric": "projects/advisor-rubric/",
    "rubrics-index": "rubrics/",
    "rubric-advisor": "rubrics/first-year-advisor-skills/",
    "rubric-lesson-matrix": "rubrics/lesson-design-matrix/",
    "rubric-self-assessment": "rubrics/first-year-advisor-skills/#self-assess",
    "observation-checklist": "rubrics/first-year-advisor-skills/observation/",
    "standards-index": "standards/",
    "framework-2011": "standards/iste-coaches-2011/",
    "framework-2019": "standards/iste-coaches-2019/",
    "matrix": "standards/matrix/",
    "references": "references/",
    "series-index": "series/",
    "series": "series/edtc-6105/",
    "not-found": "404.html",
}


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def context(browser: Browser, scheme: str) -> Iterator[BrowserContext]:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def open_page(context: BrowserContext, url: str) -> tuple[Page, list[str]]:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    path = url.split("#")[0]
    page.goto(path, wait_until="networkidle")
    if url.endswith("#self-assess"):
        page.locator("[data-cf-selfassess-toggle]").click()
        expect(page.locator("#self-assessment")).to_be_visible()
    return page, requests


# Material fades the tabs out as the page scrolls (opening the self-assessment
# scrolls it): axe reads text halfway through a fade as text of too little
# contrast. Once the frames that start such fades have run, every finite
# animation and transition is let finish, and the page is checked as it rests.
SETTLED = """async () => {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const running = document.getAnimations().filter(animation => animation.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(running.map(animation => animation.finished.catch(() => null)));
}"""


def axe_violations(page: Page) -> list[str]:
    page.evaluate(SETTLED)
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_is_accessible_private_and_fits_a_phone(context: BrowserContext, demo_url: str, scheme: str, name: str) -> None:
    page, requests = open_page(context, demo_url + PAGE_TYPES[name])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")

    violations = axe_violations(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}-{scheme}.png", full_page=True)
    assert violations == []

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload(wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    if scheme == "light":
        page.screenshot(path=ARTIFACTS / f"{name}-phone.png", full_page=True)

    local = urlsplit(demo_url).netloc
    remote = sorted({url for url in requests if urlsplit(url).netloc not in (local, "") and not url.startswith(("data:", "blob:"))})
    assert remote == []
    page.close()


# Style properties through which a focused element can show that it has focus.
FOCUS_STYLE_JS = """
(() => {
  const props = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor', 'borderColor', 'color', 'textDecorationLine'];
  window.__cfShown = (el) => {
    // Material's palette toggle focuses a hidden radio and shows the ring on its label.
    if (el.matches('.md-option') && el.nextElementSibling) el = el.nextElementSibling;
    // Some controls show focus on a wrapper (Material's search field on its form).
    const chain = [el, el.parentElement, el.parentElement && el.parentElement.parentElement].filter(Boolean);
    return chain.map(e => { const style = getComputedStyle(e); return props.map(p => style[p]).join('|'); }).join('/');
  };
  window.__cfFocusable = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')];
  window.__cfUnfocused = new Map(window.__cfFocusable.map(el => [el, window.__cfShown(el)]));
})()
"""


def focused_without_indicator(page: Page) -> str | None:
    """A description of the focused element if nothing about it changed on focus, else None."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const before = window.__cfUnfocused.get(el);
            if (before === undefined || before !== window.__cfShown(el)) return null;
            return el.tagName + '.' + el.className + ' ' + (el.textContent || el.value || '').trim().slice(0, 40);
        }"""
    )


@pytest.mark.parametrize("name", ["home", "reflection-gift", "rubric-self-assessment", "matrix", "observation-checklist"])
def test_focus_is_always_visible(browser: Browser, demo_url: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page, _ = open_page(context, demo_url + PAGE_TYPES[name])
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate(FOCUS_STYLE_JS)
    unseen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        page.wait_for_timeout(50)  # let focus transitions begin
        if page.evaluate("document.activeElement === document.body"):
            break  # past the last control of the page
        problem = focused_without_indicator(page)
        if problem:
            unseen.append(problem)
    assert unseen == []
    context.close()


def test_copy_buttons_work_from_the_keyboard(browser: Browser, demo_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_url.rstrip("/"))
    page = context.new_page()
    page.goto(demo_url + PAGE_TYPES["reflection-gift"])
    tab_to(page, '[data-cf-copy="cf-cite-this-apa"]', limit=200)
    page.keyboard.press("Space")
    expect(page.locator(".cf-copy-status")).to_have_text("Copied APA reference to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()").startswith("Coach, D. (2019, December 16). The Gift of Peer Coaching.")
    tab_to(page, '[data-cf-copy="cf-cite-this-bibtex"]')
    page.keyboard.press("Enter")
    expect(page.locator(".cf-copy-status")).to_have_text("Copied BibTeX entry to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()").startswith("@online{coach2019gift,")
    context.close()


@pytest.mark.parametrize("name", ["rubric-advisor", "observation-checklist", "reflection-gift", "reflection-communication"])
def test_printing_shows_the_content_without_navigation(browser: Browser, demo_url: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page, _ = open_page(context, demo_url + PAGE_TYPES[name])
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        if page.locator(selector).count():
            expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    context.close()


def test_screenshots_are_written_for_reviewers() -> None:
    # Runs after the page-type tests in file order; a reviewer opens this folder.
    shots = sorted(p.name for p in ARTIFACTS.glob("*.png"))
    assert {f"{name}-{scheme}.png" for name in PAGE_TYPES for scheme in ("light", "dark")} <= set(shots), json.dumps(shots)
