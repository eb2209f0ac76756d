"""axe-core finds no serious or critical violation on the site's pages, 1280 and 375 px wide.

axe-core's script comes from the axe-playwright-python package (requirements-dev.txt), never from a CDN.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from pytest_django.live_server_helper import LiveServer

# Not transactional: each test runs inside a rolled-back transaction over the seed catalog that every
# test database starts with (tests/conftest.py), so the catalog need not be restored for every page.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = (1280, 375)
BLOCKING = {"serious", "critical"}
TARGETS_SHOWN = 3
AXE_SCRIPT = Axe().axe_script
OPTIONS = {"resultTypes": ["violations"]}  # passes and incomplete results are not read: skip building them

# id: (path, expected HTTP status)
PAGES = {
    "home": ("/", 200),
    "catalog": ("/frameworks/", 200),
    "catalog-filtered-sorted": ("/frameworks/?interface=wsgi&sort=ecosystem", 200),
    "framework": ("/frameworks/django/", 200),
    "compare-2": ("/compare/django-vs-flask/", 200),
    "compare-4": ("/compare/django-vs-fastapi-vs-flask-vs-litestar/", 200),
    "compare-4-differences": ("/compare/django-vs-fastapi-vs-flask-vs-litestar/?diff=1", 200),
    "search": ("/search/?q=ninja", 200),
    "api": ("/about/api/", 200),
    "features": ("/features/", 200),
    "use-cases": ("/use-cases/", 200),
    "wizard": ("/wizard/", 200),
    "wizard-results": ("/wizard/results/?use_cases=rest-api&must=openapi", 200),
    "samples": ("/samples/hello-json/", 200),
    "benchmarks": ("/benchmarks/", 200),
    "not-found": ("/no-such-page/", 404),
    "framework-not-found": ("/frameworks/no-such-framework/", 404),
}


@pytest.fixture(scope="module")
def catalog_server():
    """A live server for this module. pytest-django's `live_server` would make every test transactional,
    emptying the database after each page and so costing a reload of the seed catalog before the next.
    With SQLite in memory (the test settings) it shares the tests' connection, so it sees the seed catalog."""
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()  # ALLOWED_HOSTS, as pytest-django's live_server does
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture(scope="module")
def sized_pages(browser):
    """One browser context and one page per width, reused by every test in this module."""
    contexts = [browser.new_context(viewport={"width": width, "height": 800}) for width in WIDTHS]
    yield {width: context.new_page() for width, context in zip(WIDTHS, contexts, strict=True)}
    for context in contexts:
        context.close()


def start_axe(page):
    """Inject axe-core and start it without waiting, so both widths' checks run side by side."""
    page.evaluate(AXE_SCRIPT)
    page.evaluate("options => { window.axeResults = axe.run(document, options); }", OPTIONS)


def blocking_violations(page):
    violations = page.evaluate("window.axeResults.then(results => results.violations)")
    return [violation for violation in violations if violation["impact"] in BLOCKING]


def describe(violation):
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
    more = len(targets) - TARGETS_SHOWN
    shown = ", ".join(targets[:TARGETS_SHOWN]) + (f" (and {more} more)" if more > 0 else "")
    return f"  - {violation['id']} ({violation['impact']}): {violation['help']}\n      at {shown}\n      {violation['helpUrl']}"


@pytest.mark.parametrize(("path", "status"), PAGES.values(), ids=PAGES.keys())
def test_axe_finds_no_serious_or_critical_violation(catalog_server, sized_pages, path, status):
    for page in sized_pages.values():
        response = page.goto(f"{catalog_server.url}{path}")
        assert response.status == status, path
        start_axe(page)
    failures = []
    for width, page in sized_pages.items():
        if found := blocking_violations(page):
            failures.append(f"{path} at {width} px:\n" + "\n".join(describe(violation) for violation in found))
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)
