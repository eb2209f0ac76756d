"""frameworks.pypi against a real local HTTP server replaying recorded PyPI JSON responses.

tests/data/pypi/{Django,flask,fastapi}.json are trimmed recordings of https://pypi.org/pypi/<name>/json;
the other files there are hand-made variations for the selection rules.
"""

import datetime
import http.server
import re
import threading
from pathlib import Path

import pytest

from frameworks.pypi import PyPIError, Release, latest_release

DATA = Path(__file__).parent / "data" / "pypi"
ROUTE = re.compile(r"/pypi/([A-Za-z0-9._-]+)/json")


@pytest.fixture(scope="module")
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
            path = DATA / f"{name}.json"
            if name and path.is_file():
                return self._send(200, path.read_bytes())
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


@pytest.mark.parametrize(
    ("name", "version", "date", "url"),
    [
        ("Django", "6.1.3", datetime.date(2026, 11, 3), "https://pypi.org/project/Django/6.1.3/"),
        ("flask", "3.1.3", datetime.date(2026, 2, 19), "https://pypi.org/project/Flask/3.1.3/"),
        ("fastapi", "0.165.0", datetime.date(2026, 11, 18), "https://pypi.org/project/fastapi/0.165.0/"),
    ],
)
def test_latest_stable_version_and_date_are_read_from_recorded_response(pypi_server, name, version, date, url):
    assert latest_release(name, base_url=pypi_server) == Release(version=version, date=date, url=url)


def test_prerelease_newer_than_the_stable_release_is_ignored(pypi_server):
    # The file also lists 9.0.dev1 and 9.0a1, and info.version says "9.0a1".
    assert latest_release("prerelease-newer", base_url=pypi_server).version == "6.1.3"


def test_fully_yanked_release_is_ignored(pypi_server):
    # Both files of the newer 9.0 are yanked.
    assert latest_release("yanked-newer", base_url=pypi_server).version == "6.1.3"


def test_invalid_and_fileless_versions_are_skipped_and_partly_yanked_release_counts(pypi_server):
    # 2.0 has no files, "not-a-version" is not a version, 1.10 > 1.9 numerically and keeps one unyanked
    # file; its earliest file has only the plain upload_time, late on 1 March UTC.
    release = latest_release("odd-releases", base_url=pypi_server)

    assert (release.version, release.date) == ("1.10", datetime.date(2025, 3, 1))


def test_package_without_stable_release_raises(pypi_server):
    # 1.0a1 is a pre-release, 0.9 is yanked and 0.8 has no files.
    with pytest.raises(PyPIError, match=r"^no-stable: no stable"):
        latest_release("no-stable", base_url=pypi_server)


def test_unknown_package_raises_not_on_pypi(pypi_server):
    with pytest.raises(PyPIError, match=r"^no-such-package: not on PyPI"):
        latest_release("no-such-package", base_url=pypi_server)


def test_timeout_raises(pypi_server):
    with pytest.raises(PyPIError, match=r"^slow: PyPI did not answer within 0.5s"):
        latest_release("slow", base_url=pypi_server, timeout=0.5)


def test_invalid_json_raises(pypi_server):
    with pytest.raises(PyPIError, match=r"^garbled: PyPI returned invalid JSON"):
        latest_release("garbled", base_url=pypi_server)


def test_url_points_at_pypi_org_even_with_another_base_url(pypi_server):
    release = latest_release("Django", base_url=pypi_server + "/")

    assert release.url == "https://pypi.org/project/Django/6.1.3/"
    assert pypi_server not in release.url
