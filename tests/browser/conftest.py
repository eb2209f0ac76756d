"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live test server."""

import os
import shutil

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop; Django's async-safety check would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium chromium-driver")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def seed_fixture(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seeded test database (catalog and editor groups) dumped once, so each browser test can
    restore it in a fraction of a second instead of validating and loading every seed file again."""
    path = tmp_path_factory.mktemp("seed") / "seed.json"
    history = [
        f"frameworks.{m.__name__}"
        for m in apps.get_app_config("frameworks").get_models()
        if m.__name__.startswith("Historical")
    ]
    with django_db_blocker.unblock():
        call_command("dumpdata", "frameworks", "auth.group", natural_foreign=True, exclude=history, output=str(path))
    return path


@pytest.fixture
def seeded_live_server(live_server, transactional_db, seed_fixture):
    # A transactional test starts from an emptied database: restore the seed catalog for it.
    call_command("loaddata", str(seed_fixture), verbosity=0)
    return live_server


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
