"""What every part of the fault drill shares: the loopback layout it builds, its error, its
printing and polling, and one GET at a time on a new connection."""

import http.client
import socket
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))

DB_NAME = "pickwise_faults"
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
REDIS_PORT = 6390
APP_PORTS = (8001, 8002)
NGINX_PORT = 8080

# Public pages for the load loops (all served through the revision-keyed page cache). Stack.warm_up
# removes, in place, any that fail before a fault: every module holds this one list.
PAGES = [
    "/",
    "/frameworks/",
    "/frameworks/django/",
    "/frameworks/flask/",
    "/features/orm/",
    "/compare/django-vs-fastapi-vs-flask/",
    "/wizard/",
    "/wizard/results/?use_cases=rest-api&must=openapi&must=validation&priority=performance",
    "/api/v1/frameworks/",
    "/api/v1/frameworks/fastapi/",
    "/about/methodology/",
]

# urllib must never go through an http_proxy from the environment: every target is loopback.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class DrillError(Exception):
    """Something the drill needs could not be set up; the message says what and where to look."""


def say(message: str = "") -> None:
    print(message, flush=True)


def tail(path: Path, lines: int = 25) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join("    " + line for line in text[-lines:])


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def get(port: int, path: str, timeout: float) -> int | str:
    """Status code of one GET on a new connection, or 'timeout' / 'refused' / 'error'."""
    try:
        with OPENER.open(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return "timeout"
        if isinstance(reason, ConnectionRefusedError):
            return "refused"
        return "error"
    except TimeoutError:
        return "timeout"
    except (OSError, http.client.HTTPException):
        return "error"


def get_body(port: int, path: str, timeout: float = 10.0) -> tuple[int, str]:
    try:
        with OPENER.open(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def wait_until(check, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f}"


@dataclass
class Outcome:
    """One line of the final summary."""

    scenario: str
    requests: int
    errors_during: int
    errors_after: int
    recovery_s: float | None
    note: str = ""
