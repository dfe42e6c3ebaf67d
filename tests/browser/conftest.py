"""Browser tests: real headless Chromium (Debian's) driven by Playwright against live_server."""

from __future__ import annotations

import contextlib
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage 404s under live_server; browser tests serve files as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real login form, as a person would."""

    def _sign_in(email: str, password: str = "alliance-demo") -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()

    return _sign_in


SERIOUS = {"serious", "critical"}


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical violations on the page as it stands."""
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    assert not serious, results.generate_report()


SIDEWAYS = """() => [...document.querySelectorAll("main *")]
    .filter((e) => e.scrollWidth > e.clientWidth + 1
        && ["auto", "scroll"].includes(getComputedStyle(e).overflowX))
    .map((e) => e.id || e.getAttribute("aria-label") || e.className || e.tagName)"""


def assert_fits_the_screen(page) -> None:
    """Nothing scrolls sideways: not the page, and no box inside it (a table in a scrolling box
    passes the page's own check, yet is read by scrolling; below 576 px its rows stack).

    It first waits (3 s at most) for the page to settle at its new width: a whole run once
    measured a page 758 px wide at 320 straight after a resize, which fitted when run again (a
    script such as the people pickers' may still be at work). A page that never fits still
    fails, saying where."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            f"() => document.documentElement.scrollWidth <= innerWidth && !({SIDEWAYS})().length",
            timeout=3000,
        )
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"{page.url} is {width} px wide at {inner} px"
    sideways = page.evaluate(SIDEWAYS)
    assert not sideways, f"{page.url} scrolls sideways in {sideways}"


def answer_into_a_frame(page) -> None:
    """Send the page's submit-once form's answer to a frame (which the portal refuses to be
    shown in), so the page stays to show its button after the press. It waits for the form
    first: straight after a click that navigates, the old page may be gone and the new one not
    yet there (CI once found no ``document.body``)."""
    page.locator("form[data-submit-once]").wait_for()
    page.evaluate(
        """() => {
            const frame = document.createElement("iframe");
            frame.name = "answer";
            document.body.append(frame);
            document.querySelector("form[data-submit-once]").target = "answer";
        }"""
    )


def pick_person(page, field: str, query: str) -> None:
    """Choose someone in a people picker (``members/pickers.py``) as a keyboard user would: type
    into the search field that replaced the select, arrow down to the first match, Enter."""
    search = page.locator(f"input#id_{field}")
    option = page.get_by_role("option", name=query).first
    # Under load the search field can be there before the autocomplete listens to it (and it is
    # replaced by a fresh one after each person chosen): typed too early, the text finds nobody.
    for _ in range(3):
        search.fill("")
        search.press_sequentially(query)
        try:
            option.wait_for(timeout=5000)
            break
        except PlaywrightTimeoutError:
            continue
    option.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
