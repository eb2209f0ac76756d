import http.server
import re
import threading
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command

from frameworks.catalog import page_cache, queries
from frameworks.editorial import loader, sample_files

from .factories import empty_catalog, make_framework, make_staff


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every test database starts with the real seed catalog; each test rolls back its changes.

    Returns the seeded database dumped to a file (seed_fixture), made here, before any test runs:
    a transactional test empties the database when it ends, so a dump made later could be empty."""
    path = tmp_path_factory.mktemp("seed") / "seed.json"
    history = [
        f"frameworks.{m.__name__}"
        for m in apps.get_app_config("frameworks").get_models()
        if m.__name__.startswith("Historical")
    ]
    with django_db_blocker.unblock():
        loader.load()
        sample_files.apply()
        call_command("dumpdata", "frameworks", "auth.group", natural_foreign=True, exclude=history, output=str(path))
    return path


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Revision numbers restart with each test's rolled-back database; a shared cache must not leak.
    cache.clear()
    queries._in_process = None
    page_cache.stored_pages.clear()
    yield
    cache.clear()
    queries._in_process = None
    page_cache.stored_pages.clear()


@pytest.fixture
def framework_factory(db):
    return make_framework


@pytest.fixture
def editor(client):
    """The test client signed in as a member of the Editors group."""
    client.force_login(make_staff("edna", "Editors"))
    return client


@pytest.fixture
def reviewer(client):
    client.force_login(make_staff("rita", "Reviewers"))
    return client


@pytest.fixture
def own_catalog(db):
    """A catalog with no frameworks, for a test to build exactly the ones it needs with make_framework.

    Every framework of the seed is deleted inside the test's transaction (with its support cells, fits,
    code samples, PyPI facts and release proposals), so nothing an editor changes in the seed can move
    the test. The vocabulary stays as the seed has it: feature categories, features, use cases and
    coding tasks (the application names some of their slugs, e.g. "orm" and "async" in the wizard).
    """
    empty_catalog()


PYPI_RECORDINGS = Path(__file__).parent / "data" / "pypi"
ROUTE = re.compile(r"(/facts)?/pypi/([A-Za-z0-9._-]+)/json")


@pytest.fixture(scope="session")
def pypi_server():
    """Base URL of a local server: /pypi/<name>/json from tests/data/pypi/<name>.json, else 404."""
    release_slow = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            match = ROUTE.fullmatch(self.path)
            name = match.group(2) if match else None
            # <base>/facts/pypi/<name>/json answers from the trimmed PyPI-facts recordings instead.
            folder = PYPI_RECORDINGS / "facts" if match and match.group(1) else PYPI_RECORDINGS
            if name == "slow":
                release_slow.wait(5)  # far beyond the client's timeout; teardown lets it go early
                return self._send(200, b"{}")
            if name == "garbled":
                return self._send(200, b'{"info": {"name": "garbled"}, "releases": {')
            # PyPI treats project names case-insensitively (Flask and flask are one project).
            recordings = {p.stem.lower(): p for p in folder.glob("*.json")}
            if name and name.lower() in recordings:
                return self._send(200, recordings[name.lower()].read_bytes())
            return self._send(404, b'{"message": "Not Found"}')

        def _send(self, status, body):
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up first (the timeout test)

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    release_slow.set()
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def seed_fixture(django_db_setup):
    """The seeded test database (catalog and editor groups) as a file, so each browser test can
    restore it in a fraction of a second instead of validating and loading every seed file again."""
    return django_db_setup


@pytest.fixture
def seeded_live_server(live_server, transactional_db, seed_fixture):
    # A transactional test starts from an emptied database: restore the seed catalog for it.
    call_command("loaddata", str(seed_fixture), verbosity=0)
    return live_server
