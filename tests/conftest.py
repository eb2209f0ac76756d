import http.server
import re
import threading
from pathlib import Path

import pytest
from django.core.cache import cache

from frameworks.editorial import loader

from .factories import make_framework


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real seed catalog; each test rolls back its changes."""
    with django_db_blocker.unblock():
        loader.load()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Revision numbers restart with each test's rolled-back database; a shared cache must not leak.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def framework_factory(db):
    return make_framework


PYPI_RECORDINGS = Path(__file__).parent / "data" / "pypi"
ROUTE = re.compile(r"/pypi/([A-Za-z0-9._-]+)/json")


@pytest.fixture(scope="session")
def pypi_server():
    """Base URL of a local server: /pypi/<name>/json from tests/data/pypi/<name>.json, else 404."""
    release_slow = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            match = ROUTE.fullmatch(self.path)
            name = match.group(1) if match else None
            if name == "slow":
                release_slow.wait(5)  # far beyond the client's timeout; teardown lets it go early
                return self._send(200, b"{}")
            if name == "garbled":
                return self._send(200, b'{"info": {"name": "garbled"}, "releases": {')
            # PyPI treats project names case-insensitively (Flask and flask are one project).
            recordings = {p.stem.lower(): p for p in PYPI_RECORDINGS.glob("*.json")}
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
