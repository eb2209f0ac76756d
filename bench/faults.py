"""Fault drill for the production layout: nginx -> two gunicorn app servers -> PostgreSQL + Redis.

Prints figures; asserts nothing. Usage: .venv/bin/python bench/faults.py [--only a,b,c,d] [--keep-logs]

Everything runs on loopback and is started here: a fresh PostgreSQL database `pickwise_faults` on
the machine's cluster (127.0.0.1:5432, role postgres), a private Redis on port 6390, two app
servers through scripts/serve on 8001 and 8002, and nginx on 8080 with deploy/nginx.conf. Then:

  a. slow clients: idle sockets holding half a request header, and the latency of normal GETs
     through nginx and straight at one app server;
  b. an edit made through one process shows at once on both app servers;
  c. Redis stopped and started again under load;
  d. PostgreSQL restarted under load (pg_ctlcluster; every database on the cluster sees it).

Everything it started is stopped at the end, on Ctrl-C or on an error too, and the database is
dropped. The machine's own Redis (6379) is never touched, and PostgreSQL is left running.
"""

import argparse
import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
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

# Public pages for the load loops (all served through the revision-keyed page cache).
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

LOAD_THREADS = 4
REQUEST_TIMEOUT = 5.0  # seconds, for the load loops
SLOW_CLIENT_TIMEOUT = 2.0  # seconds, for each timed GET in scenario a
HALF_A_HEADER = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: half-a-header\r\n"

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


@dataclass(frozen=True)
class Hit:
    start: float  # seconds since the load began
    end: float
    path: str
    status: int | str


class Drill:
    def __init__(self, keep_logs: bool):
        self.keep_logs = keep_logs
        self.tmp = Path(tempfile.mkdtemp(prefix="pickwise-faults-"))
        self.apps: dict[int, subprocess.Popen] = {}
        self.app_logs: dict[int, Path] = {}
        self.nginx: subprocess.Popen | None = None
        self.db_created = False
        self.redis_started = False
        self.pg_cluster: tuple[str, str] | None = None  # (version, name) of the cluster on 5432
        self.idle: list[socket.socket] = []
        self.stop_load = threading.Event()
        self.outcomes: list[Outcome] = []
        self.failed = False
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("SECURE_", "DJANGO_", "GUNICORN_")) and key not in {"BIND", "WEB_CONCURRENCY"}
        } | {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{DB_NAME}",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "SECRET_KEY": "faults-drill-" + secrets.token_urlsafe(32),
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{NGINX_PORT}",
            "BEHIND_PROXY": "1",
            "PYTHON": PYTHON,
        }

    # ---------------------------------------------------------------- setup

    def preflight(self, scenarios: str) -> None:
        tools = ["psql", "pg_isready", "redis-server", "redis-cli", "nginx"]
        if "d" in scenarios:
            tools += ["pg_ctlcluster", "pg_lsclusters"]
        missing = [tool for tool in tools if shutil.which(tool) is None]
        if missing:
            raise DrillError(
                f"missing tools: {', '.join(missing)} (apt-get install -y nginx redis-server postgresql-client)"
            )
        if not VENV_PYTHON.exists():
            say(f"note: no {VENV_PYTHON}; using {PYTHON} for manage.py and scripts/serve")
        if not self.pg_ready():
            raise DrillError(
                f"PostgreSQL is not answering on {PG_HOST}:{PG_PORT}; start it first "
                "(pg_ctlcluster --skip-systemctl-redirect <version> main start)"
            )
        busy = [port for port in (*APP_PORTS, NGINX_PORT, REDIS_PORT) if port_in_use(port)]
        if busy:
            raise DrillError(
                f"port(s) {', '.join(map(str, busy))} already in use on 127.0.0.1; "
                "the drill needs 8001, 8002, 8080 and 6390 free (is an earlier run still up?)"
            )
        if "d" in scenarios:
            self.pg_cluster = self.find_cluster()

    def pg_ready(self) -> bool:
        return (
            subprocess.run(["pg_isready", "-q", "-h", PG_HOST, "-p", str(PG_PORT)], check=False, timeout=10).returncode
            == 0
        )

    def find_cluster(self) -> tuple[str, str]:
        out = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            fields = line.split()
            if len(fields) >= 3 and fields[2] == str(PG_PORT):
                return fields[0], fields[1]
        versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
        if versions:
            return versions[-1], "main"
        raise DrillError(f"cannot tell which PostgreSQL cluster listens on {PG_PORT} (pg_lsclusters, /etc/postgresql)")

    def psql(self, sql: str, database: str = "postgres") -> str:
        connection = ["-h", PG_HOST, "-p", str(PG_PORT), "-U", PG_USER, "-d", database]
        result = subprocess.run(
            ["psql", *connection, "-v", "ON_ERROR_STOP=1", "-tAc", sql],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        if result.returncode != 0:
            raise DrillError(f"psql failed: {sql}\n    {result.stderr.strip()}")
        return result.stdout.strip()

    def manage(self, *args: str, log_name: str) -> str:
        log = self.tmp / log_name
        with log.open("w") as out:
            result = subprocess.run(
                [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, check=False
            )
        if result.returncode != 0:
            raise DrillError(f"manage.py {' '.join(args)} failed (exit {result.returncode}); {log}:\n{tail(log)}")
        return log.read_text()

    def create_database(self) -> None:
        say(f"- database {DB_NAME}: create, migrate, load_catalog")
        self.psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        self.psql(f'CREATE DATABASE "{DB_NAME}"')
        self.db_created = True
        self.manage("migrate", "--noinput", log_name="migrate.log")
        loaded = self.manage("load_catalog", log_name="load_catalog.log").strip().splitlines()
        say(f"  {loaded[-1] if loaded else 'loaded'}")

    def redis_ping(self) -> bool:
        result = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), "ping"],
            capture_output=True,
            text=True,
            check=False,
            timeout=5,
        )
        return result.stdout.strip() == "PONG"

    def start_redis(self) -> None:
        command = [
            "redis-server",
            "--port", str(REDIS_PORT),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--maxmemory", "256mb",
            "--maxmemory-policy", "allkeys-lru",
            "--daemonize", "yes",
            "--dir", str(self.tmp),
            "--pidfile", str(self.tmp / "redis.pid"),
            "--logfile", str(self.tmp / "redis.log"),
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=15)
        self.redis_started = True  # from here on, cleanup shuts it down if it answers
        if result.returncode != 0 or not wait_until(self.redis_ping, 10):
            raise DrillError(
                f"private Redis on {REDIS_PORT} did not start: {result.stderr.strip()}\n{tail(self.tmp / 'redis.log')}"
            )

    def stop_redis(self) -> None:
        subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), "shutdown", "nosave"],
            capture_output=True,
            check=False,
            timeout=10,
        )
        if not wait_until(lambda: not port_in_use(REDIS_PORT), 10):
            raise DrillError(f"private Redis on {REDIS_PORT} did not stop")

    def start_app(self, port: int) -> None:
        log = self.tmp / f"app-{port}.log"
        self.app_logs[port] = log
        say(f"- app server on 127.0.0.1:{port} (scripts/serve: collectstatic, migrate, gunicorn)")
        with log.open("w") as out:
            self.apps[port] = subprocess.Popen(
                [str(ROOT / "scripts" / "serve")],
                cwd=ROOT,
                env=self.env | {"BIND": f"127.0.0.1:{port}"},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: cleanup ends gunicorn and its workers
            )
        self.wait_healthy(port, f"app server {port}", self.apps[port], log, timeout=120)

    def wait_healthy(self, port: int, what: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
        start = time.monotonic()
        last: int | str = "no answer"
        while time.monotonic() - start < timeout:
            if process.poll() is not None:
                raise DrillError(f"{what} exited with code {process.returncode}; {log}:\n{tail(log)}")
            last = get(port, "/healthz", timeout=5)
            if last == 200:
                say(f"  /healthz 200 after {time.monotonic() - start:.1f} s")
                return
            time.sleep(0.3)
        raise DrillError(
            f"{what}: /healthz did not answer 200 within {timeout:.0f} s (last: {last}); {log}:\n{tail(log)}"
        )

    def start_nginx(self) -> None:
        prefix = self.tmp / "nginx"
        for folder in (prefix / "logs", prefix / "tmp"):
            folder.mkdir(parents=True, exist_ok=True)
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        for name, value in {
            "PICKWISE_ROOT": str(ROOT),
            "NGINX_PREFIX": str(prefix),
            "LISTEN": f"127.0.0.1:{NGINX_PORT}",
        }.items():
            conf = conf.replace("${" + name + "}", value)
        (prefix / "nginx.conf").write_text(conf)
        base = ["nginx", "-c", str(prefix / "nginx.conf"), "-p", str(prefix), "-e", str(prefix / "logs" / "error.log")]
        say(f"- nginx on 127.0.0.1:{NGINX_PORT} ({prefix / 'nginx.conf'})")
        check = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
        if check.returncode != 0:
            raise DrillError(f"nginx -t rejected deploy/nginx.conf:\n{check.stderr}")
        log = prefix / "logs" / "stderr.log"
        with log.open("w") as out:
            self.nginx = subprocess.Popen(
                [*base, "-g", "daemon off;"], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.wait_healthy(NGINX_PORT, "nginx", self.nginx, prefix / "logs" / "error.log", timeout=20)

    def warm_up(self) -> None:
        """Every page answers 200 on each server (and its cache entry is written) before any fault."""
        broken = {}
        for port in (*APP_PORTS, NGINX_PORT):
            for path in PAGES:
                status = get(port, path, timeout=15)
                if status != 200:
                    broken[path] = status
        if broken:
            for path, status in broken.items():
                say(f"  warning: {path} answered {status} before any fault; left out of the load loops")
                PAGES.remove(path)
        if not PAGES:
            raise DrillError("no page answers 200; see the app server logs")
        say(f"- warmed {len(PAGES)} pages on 8001, 8002 and through nginx")

    # ---------------------------------------------------------------- a. slow clients

    def open_idle(self, port: int, count: int) -> list[socket.socket]:
        socks = []
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(HALF_A_HEADER)
            socks.append(s)
        self.idle.extend(socks)
        time.sleep(0.5)  # let the server take them in before the timed GETs
        return socks

    def close_idle(self, socks: list[socket.socket]) -> None:
        for s in socks:
            s.close()
            if s in self.idle:
                self.idle.remove(s)

    @staticmethod
    def still_open(socks: list[socket.socket]) -> int:
        """How many of these sockets the server has not closed yet."""
        open_count = 0
        for s in socks:
            s.setblocking(False)
            try:
                data = s.recv(4096)
                if data and not data.startswith(b"HTTP/"):
                    open_count += 1
            except BlockingIOError:
                open_count += 1
            except OSError:
                pass
            finally:
                s.setblocking(True)
        return open_count

    @staticmethod
    def timed_gets(port: int, count: int = 50) -> tuple[list[float], int, int, bool]:
        """`count` GETs alternating / and /healthz: latencies of the 200s, errors, timeouts, stalled."""
        latencies, errors, timeouts = [], 0, 0
        for i in range(count):
            path = "/" if i % 2 == 0 else "/healthz"
            start = time.perf_counter()
            status = get(port, path, timeout=SLOW_CLIENT_TIMEOUT)
            elapsed = time.perf_counter() - start
            if status == 200:
                latencies.append(elapsed)
            elif status == "timeout":
                timeouts += 1
            else:
                errors += 1
            if timeouts >= 3:  # the server is not answering; waiting out the rest shows nothing new
                return latencies, errors, timeouts, True
        return latencies, errors, timeouts, False

    def scenario_slow_clients(self) -> None:
        say("\n== a. slow clients: idle sockets that sent half a request header ==")
        say(f"   50 GETs alternating / and /healthz, one connection each, {SLOW_CLIENT_TIMEOUT:.0f} s timeout")
        say(f"   {'target':<26}{'idle':>5}{'200s':>6}{'errors':>8}{'timeouts':>10}{'p50 ms':>9}{'max ms':>9}")
        for label, port in (("nginx :8080", NGINX_PORT), ("app server :8001 direct", APP_PORTS[0])):
            total = errors_during = 0
            worst_note = ""
            for idle_count in (0, 2, 20):
                socks = self.open_idle(port, idle_count)
                latencies, errors, timeouts, stalled = self.timed_gets(port)
                attempted = len(latencies) + errors + timeouts
                total += attempted
                if idle_count:
                    errors_during += errors + timeouts
                p50 = statistics.median(latencies) if latencies else None
                worst = max(latencies) if latencies else None
                flag = f"  stalled after {attempted} GETs" if stalled else ""
                say(
                    f"   {label:<26}{idle_count:>5}{len(latencies):>6}{errors:>8}{timeouts:>10}"
                    f"{ms(p50):>9}{ms(worst):>9}{flag}"
                )
                if idle_count == 20:
                    # Does the server drop the half-sent requests by itself? nginx: client_header_timeout.
                    waited = time.monotonic()
                    wait_until(lambda s=socks: self.still_open(s) == 0, timeout=8)
                    left = self.still_open(socks)
                    seconds = time.monotonic() - waited
                    if left:
                        worst_note = f"{left}/20 idle sockets still held after {seconds:.0f} s more"
                    else:
                        worst_note = f"server dropped all 20 idle sockets within {seconds:.1f} s more"
                    say(f"   {'':<26}{'':>5}  ({worst_note})")
                closed_at = time.perf_counter()
                self.close_idle(socks)
                if idle_count == 20:
                    recovered = wait_until(
                        lambda p=port: get(p, "/healthz", timeout=2) == 200, timeout=30, interval=0.05
                    )
                    recovery = time.perf_counter() - closed_at if recovered else None
                    check = [get(port, path, timeout=5) for path in ("/", "/healthz") * 5]
                    errors_after = sum(status != 200 for status in check)
                    total += len(check)
                    self.outcomes.append(
                        Outcome(
                            f"a. slow clients via {label}", total, errors_during, errors_after, recovery, worst_note
                        )
                    )

    # ---------------------------------------------------------------- b. edit seen by both servers

    def scenario_edit(self) -> None:
        say("\n== b. an edit through one process is visible on both app servers at once ==")
        path = "/frameworks/flask/"
        for port in APP_PORTS:
            get(port, path, timeout=10)  # both servers hold a cached copy of the old page
        new = f"Fault drill tagline {secrets.token_hex(4)} for a small WSGI microframework"
        code = (
            "import json\n"
            "from frameworks.models import CatalogRevision, Framework\n"
            "before = CatalogRevision.objects.get(pk=1).number\n"
            "f = Framework.objects.get(slug='flask')\n"
            "old = f.tagline\n"
            f"f.tagline = {new!r}\n"
            "f.save()\n"
            "print(json.dumps({'before': before, 'after': CatalogRevision.objects.get(pk=1).number, 'old': old}))\n"
        )
        say("   manage.py shell -c: Framework(flask).tagline = ... ; save()  (signals bump the revision)")
        output = self.manage("shell", "-c", code, log_name="edit.log").strip().splitlines()
        committed = time.perf_counter()
        try:
            edit = json.loads(output[-1])
        except (IndexError, json.JSONDecodeError) as exc:
            raise DrillError(f"the edit printed no result: {output}") from exc
        say(f"   old tagline: {edit['old']!r}")
        say(f"   new tagline: {new!r}")
        say(f"   catalog revision {edit['before']} -> {edit['after']}")
        missing = 0
        seen = {}
        for port in (*APP_PORTS, NGINX_PORT):
            status, body = get_body(port, path)
            seen[port] = (status, new in body, time.perf_counter() - committed)
            missing += not (status == 200 and new in body)
        for port, (status, shown, after) in seen.items():
            say(
                f"   GET :{port}{path} -> {status}, new text {'shown' if shown else 'MISSING'} ({after * 1000:.0f} ms after commit)"
            )
        again = sum(
            not (status == 200 and new in body)
            for status, body in (get_body(port, path) for port in (*APP_PORTS, NGINX_PORT))
        )
        slowest = max(after for _, _, after in seen.values())
        self.outcomes.append(
            Outcome(
                "b. edit on both app servers",
                2 + 2 * len(seen),
                missing,
                again,
                slowest if not missing else None,
                f"revision {edit['before']}->{edit['after']}; "
                + ("both show it" if not missing else "stale page served"),
            )
        )

    # ---------------------------------------------------------------- c, d. faults under load

    def load_with_fault(self, fault, fault_at: float = 3.0, min_seconds: float = 10.0, tail_s: float = 4.0):
        """Load through nginx while `fault(t0)` runs at `fault_at`; returns hits and the fault window."""
        hits: list[Hit] = []
        lock = threading.Lock()
        self.stop_load.clear()
        t0 = time.perf_counter()

        def client(offset: int) -> None:
            k = offset
            mine = []
            while not self.stop_load.is_set():
                path = PAGES[k % len(PAGES)]
                k += 1
                start = time.perf_counter()
                status = get(NGINX_PORT, path, timeout=REQUEST_TIMEOUT)
                mine.append(Hit(start - t0, time.perf_counter() - t0, path, status))
            with lock:
                hits.extend(mine)

        threads = [threading.Thread(target=client, args=(i * 3,), daemon=True) for i in range(LOAD_THREADS)]
        for t in threads:
            t.start()
        try:
            time.sleep(fault_at)
            window = fault(t0)
            time.sleep(max(min_seconds, window[1] + tail_s) - (time.perf_counter() - t0))
        finally:
            self.stop_load.set()
            for t in threads:
                t.join(timeout=REQUEST_TIMEOUT + 2)
        return sorted(hits, key=lambda h: h.start), window

    def report_load(self, name: str, hits: list[Hit], window: tuple[float, float], fault_words: str) -> None:
        fault_start, fault_end = window
        before = [h for h in hits if h.start < fault_start]
        during = [h for h in hits if fault_start <= h.start < fault_end]
        after = [h for h in hits if h.start >= fault_end]

        def bad(group):
            return [h for h in group if h.status != 200]

        say(f"   {fault_words}: {fault_start:.1f} s -> {fault_end:.1f} s after the load began")
        last_end = max((h.end for h in hits), default=fault_end)
        spans = {"before": fault_start, "during": fault_end - fault_start, "after": last_end - fault_end}
        say(f"   {'':<8}{'requests':>9}{'non-200':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}  statuses")
        for label, group in (("before", before), ("during", during), ("after", after)):
            statuses = Counter(str(h.status) for h in group)
            latencies = sorted(h.end - h.start for h in group)
            p50 = statistics.median(latencies) if latencies else None
            p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else None
            rate = len(group) / spans[label] if spans[label] > 0 else 0.0
            say(
                f"   {label:<8}{len(group):>9}{len(bad(group)):>9}{rate:>8.0f}{ms(p50):>9}{ms(p95):>9}"
                f"  {dict(sorted(statuses.items()))}"
            )
        failing_pages = Counter(h.path for h in bad(during + after))
        if failing_pages:
            say("   pages that failed: " + ", ".join(f"{p} x{n}" for p, n in failing_pages.most_common()))
        seconds = int(max((h.end for h in hits), default=0)) + 1
        timeline = []
        for second in range(seconds):
            in_second = [h for h in hits if second <= h.end < second + 1]
            timeline.append(f"{len(in_second) - len(bad(in_second))}/{len(bad(in_second))}")
        say("   per second (200s/errors): " + " ".join(timeline))

        errors_since = [h for h in hits if h.status != 200 and h.end >= fault_start]
        first_ok_again = None
        if errors_since:
            first_error = errors_since[0].end
            oks = [h.end for h in hits if h.status == 200 and h.start >= first_error]
            first_ok_again = min(oks) - fault_start if oks else None
        last_error_end = max((h.end for h in errors_since), default=None)
        recovery = 0.0 if last_error_end is None else max(0.0, last_error_end - fault_end)
        say(
            f"   errors: {len(bad(before))} before, {len(bad(during))} during, {len(bad(after))} after; "
            f"last error {recovery:.2f} s after the service was back"
        )
        note = f"{len(hits)} GETs, {len(bad(before))} errors before the fault"
        if errors_since:
            back = "never" if first_ok_again is None else f"{first_ok_again:.2f} s"
            say(f"   first 200 after the first error: {back} after the fault began")
            note += f"; first 200 again {back} after the fault began"
        self.outcomes.append(Outcome(name, len(hits), len(bad(during)), len(bad(after)), recovery, note))

    def scenario_redis(self) -> None:
        say(f"\n== c. Redis stopped under load ({LOAD_THREADS} threads of GETs through nginx, {len(PAGES)} pages) ==")

        def fault(t0):
            start = time.perf_counter() - t0
            self.stop_redis()
            time.sleep(max(0.0, 6.0 - (time.perf_counter() - t0)))
            self.start_redis()
            return start, time.perf_counter() - t0

        hits, window = self.load_with_fault(fault)
        self.report_load("c. Redis stop/start under load", hits, window, "Redis down (shutdown nosave, then started)")

    def scenario_postgres(self) -> None:
        version, cluster = self.pg_cluster
        say(f"\n== d. PostgreSQL {version}/{cluster} restarted under load ({LOAD_THREADS} threads through nginx) ==")
        others = self.psql(
            "SELECT string_agg(DISTINCT datname, ', ') FROM pg_stat_activity "
            f"WHERE datname IS NOT NULL AND datname NOT IN ('{DB_NAME}', 'postgres') AND pid <> pg_backend_pid()"
        )
        if others:
            say(f"   note: other databases have sessions that the restart will cut too: {others}")

        def fault(t0):
            start = time.perf_counter() - t0
            result = subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            )
            if result.returncode != 0:
                raise DrillError(f"pg_ctlcluster restart failed: {result.stderr.strip()}")
            if not wait_until(self.pg_ready, 60):
                raise DrillError("PostgreSQL did not come back within 60 s of the restart")
            return start, time.perf_counter() - t0

        hits, window = self.load_with_fault(fault)
        self.report_load("d. PostgreSQL restart under load", hits, window, "PostgreSQL restart (pg_ctlcluster)")

    # ---------------------------------------------------------------- summary and cleanup

    def summary(self) -> None:
        if not self.outcomes:
            return
        say("\n== summary ==")
        say(f"{'scenario':<44}{'requests':>9}{'err during':>11}{'err after':>10}{'recover s':>10}  note")
        for o in self.outcomes:
            recovery = "-" if o.recovery_s is None else f"{o.recovery_s:.2f}"
            say(f"{o.scenario:<44}{o.requests:>9}{o.errors_during:>11}{o.errors_after:>10}{recovery:>10}  {o.note}")
        say(
            "a: errors = failed or timed-out GETs while idle sockets were open / in 10 GETs after closing them; "
            "recover = closing them to the first 200."
        )
        say(
            "b: errors = GETs not showing the edit, right after the commit / on a second look; recover = slowest of them."
        )
        say(
            "c, d: errors = non-200 answers to requests begun during / after the fault; recover = last error after the service was back."
        )

    def cleanup(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not leave things running
        self.stop_load.set()
        say("\n- cleaning up")
        done = []
        self.close_idle(list(self.idle))
        if self.nginx and self.nginx.poll() is None:
            done.append("nginx")
            self.nginx.terminate()
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait()
        for port, process in self.apps.items():
            if process.poll() is None:
                done.append(f"app server {port}")
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for port, process in self.apps.items():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                say(f"  app server {port} ignored SIGTERM; killing its process group")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if self.redis_started and port_in_use(REDIS_PORT) and self.redis_ping():
            try:
                self.stop_redis()
                done.append(f"the private Redis on {REDIS_PORT}")
            except DrillError as exc:
                say(f"  {exc}")
        if self.pg_cluster and not self.pg_ready():
            version, cluster = self.pg_cluster
            say(f"  PostgreSQL is down after the drill; starting {version}/{cluster} again")
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "start"], check=False)
            wait_until(self.pg_ready, 60)
        if self.db_created:
            try:
                self.psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
                done.append(f"database {DB_NAME} (dropped)")
            except DrillError as exc:
                say(f"  could not drop {DB_NAME}: {exc}")
        if (self.keep_logs or self.failed) and any(self.tmp.iterdir()):
            say(f"  logs kept in {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)
        say("  ended: " + (", ".join(done) if done else "nothing was running"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="abcd", help="scenarios to run, e.g. --only a,c (default: all)")
    parser.add_argument("--keep-logs", action="store_true", help="keep the temporary folder with every log")
    args = parser.parse_args()
    scenarios = {c for c in args.only.lower() if c in "abcd"}

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    drill = Drill(keep_logs=args.keep_logs)
    say(f"Pickwise fault drill (logs in {drill.tmp})")
    try:
        drill.preflight("".join(sorted(scenarios)))
        drill.create_database()
        say(f"- private Redis on 127.0.0.1:{REDIS_PORT} (maxmemory 256mb, allkeys-lru, no persistence)")
        drill.start_redis()
        for port in APP_PORTS:
            drill.start_app(port)
        drill.start_nginx()
        drill.warm_up()
        for letter, run in (
            ("a", drill.scenario_slow_clients),
            ("b", drill.scenario_edit),
            ("c", drill.scenario_redis),
            ("d", drill.scenario_postgres),
        ):
            if letter in scenarios:
                run()
        drill.summary()
        return 0
    except DrillError as exc:
        drill.failed = True
        say(f"\nDRILL STOPPED: {exc}")
        drill.summary()
        return 1
    except KeyboardInterrupt:
        drill.failed = True
        say("\ninterrupted")
        return 130
    except BaseException:
        drill.failed = True
        raise
    finally:
        drill.cleanup()


if __name__ == "__main__":
    sys.exit(main())
