"""Shared fixtures for the end-to-end browser tests.

The tests drive Debian's Chromium (never a Playwright-downloaded browser) through
Playwright's sync API against pytest-django's ``live_server``. One browser is started
for the whole of tests/browser; every test gets fresh contexts (one per person) so that
cookies never leak between the officer and the approver.

The database is transactional (``live_server`` serves from another thread), so each
test loads the demo itself through the ``demo`` fixture.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
IDENTIFIER = "nagaoka/covid19-vaccination"
# Generous enough for the Nagaoka editor (several hundred fields) on a slow machine.
TIMEOUT_MS = 30_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """One headless Chromium for every test in this package, closed when the package is done.

    Package scope (not session scope) matters: while Playwright runs, the process
    environment and Django's connections are altered (see below), and neither may leak
    into the tests that pytest-django orders after these ones.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    # expect() waits 5 s by default: too short for a page rendered while the machine runs other work.
    expect.set_options(timeout=TIMEOUT_MS)

    # Playwright's sync API runs an asyncio event loop in the test thread; Django's ORM
    # refuses to run in such a thread unless told that it is safe (it is: the loop only
    # waits on the browser). Set only while the browser runs: `manage.py check --deploy`
    # (tests/config) rightly fails when this variable is set.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    # With a running loop, Django's thread-critical connection storage becomes a context
    # variable, so the test thread gets new connection objects. The serialized copy of the
    # migrated database (for the ``demo`` fixture's serialized rollback) is attached to the
    # old objects: carry it over.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    try:
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
                connections.close_all()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback):
    """The Nagaoka demo (organizations, personas, workflow, assessment), loaded into the test's database.

    A transactional test ends by flushing every table, including the rows that migrations
    created (Wagtail's root page, default site, locale, collection). The serialized rollback
    puts those back before each test, so that ``load_demo()`` finds the page tree it builds on.
    """
    from demo.loader import load_demo

    return load_demo()


@pytest.fixture
def assessment(demo):
    from pia.models.lookup import find_assessment

    return find_assessment(IDENTIFIER)


@pytest.fixture
def new_page(browser, live_server, settings) -> Iterator[Callable]:
    """Open a page in a fresh browser context (its own cookies): ``new_page()``.

    Uncaught JavaScript errors on any of the pages fail the test when it ends.
    """
    # The live server's threads share one SQLite connection to the in-memory test database; the
    # admin's parallel requests (jsi18n, icons, autosave) each writing the session would collide
    # there ("bad parameter or other API misuse"). Sessions are still saved whenever they change.
    settings.SESSION_SAVE_EVERY_REQUEST = False
    contexts = []
    page_errors: list[str] = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url, locale="ja-JP", timezone_id="Asia/Tokyo", viewport={"width": 1400, "height": 1000}
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(f"{page.url}: {error}"))
        return page

    yield open_page
    for context in contexts:
        for page in context.pages:
            # Let the admin's background requests finish before the database is flushed:
            # on SQLite a request still reading would lock the tables the flush empties.
            with contextlib.suppress(Exception):
                page.wait_for_load_state("networkidle", timeout=5_000)
        context.close()
    time.sleep(0.3)  # requests already accepted by the live server thread complete
    assert not page_errors, "JavaScript errors in the admin:\n" + "\n".join(page_errors)


def login(page, persona) -> None:
    """Log *persona* (a ``demo.personas.Persona``) into the Wagtail admin through its login form."""
    from playwright.sync_api import expect

    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(persona.username)
    page.locator("input[name=password]").fill(persona.password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator("input[name=username]")).to_have_count(0)


def revision_text(revision) -> str:
    """All of a revision's content as one string, with StreamFields' nested JSON decoded (no \\u escapes)."""

    def decode(value):
        if isinstance(value, str) and value.startswith(("[", "{")):
            try:
                return decode(json.loads(value))
            except ValueError:
                return value
        if isinstance(value, dict):
            return {key: decode(item) for key, item in value.items()}
        if isinstance(value, list):
            return [decode(item) for item in value]
        return value

    return json.dumps(decode(revision.content), ensure_ascii=False)


def latest_workflow_state(page):
    """The most recent Wagtail workflow state of *page*, or None."""
    from wagtail.models import WorkflowState

    return WorkflowState.objects.for_instance(page).order_by("-pk").first()


def persona(username: str):
    from demo.personas import PERSONAS

    return next(p for p in PERSONAS if p.username == username)


@pytest.fixture
def shot(request) -> Callable:
    """Save a full-page screenshot as test-artifacts/<test name>/<nn>-<step>.png."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    counter = iter(range(1, 100))

    def take(page, step: str) -> Path:
        path = folder / f"{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), animations="disabled")
        return path

    return take
