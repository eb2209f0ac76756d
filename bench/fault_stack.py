"""The production layout on loopback, started and stopped by the fault drill: a fresh PostgreSQL
database, a private Redis, two app servers through scripts/serve, and nginx with deploy/nginx.conf."""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from fault_common import (
    APP_PORTS,
    DB_NAME,
    NGINX_PORT,
    PAGES,
    PG_HOST,
    PG_PORT,
    PG_USER,
    PYTHON,
    REDIS_PORT,
    ROOT,
    VENV_PYTHON,
    DrillError,
    get,
    port_in_use,
    say,
    tail,
    wait_until,
)


class Stack:
    """The processes and the database the drill starts, and how each is stopped again."""

    def __init__(self, keep_logs: bool):
        self.keep_logs = keep_logs
        self.tmp = Path(tempfile.mkdtemp(prefix="pickwise-faults-"))
        self.apps: dict[int, subprocess.Popen] = {}
        self.app_logs: dict[int, Path] = {}
        self.nginx: subprocess.Popen | None = None
        self.db_created = False
        self.redis_started = False
        self.pg_cluster: tuple[str, str] | None = None  # (version, name) of the cluster on 5432
        self.idle: list[socket.socket] = []  # sockets scenario a holds open; cleanup closes any left
        self.stop_load = threading.Event()  # ends the load threads of scenarios c and d
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

    # ---------------------------------------------------------------- cleanup

    def close_idle(self, socks: list[socket.socket]) -> None:
        """Close sockets a scenario held open, and forget them."""
        for s in socks:
            s.close()
            if s in self.idle:
                self.idle.remove(s)

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
