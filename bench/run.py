"""Throughput and latency of Pickwise's hot pages, served by gunicorn over real HTTP.

Prints figures; asserts nothing. Usage: make bench  (or: python bench/run.py --seconds 5 --clients 8)
A fresh SQLite database is built in a temporary directory with the seed catalog, so the figures do
not depend on local data. The first request of each URL warms the revision-keyed cache.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URLS = {
    "wizard results (HTML)": "/wizard/results/?use_cases=rest-api&must=openapi&must=validation&priority=performance",
    "recommend API (JSON)": "/api/v1/recommend/?use_cases=rest-api&must=openapi&must=validation&priority=performance",
    "comparison, 3 frameworks": "/compare/django-vs-fastapi-vs-flask/",
    "framework page": "/frameworks/django/",
    "open data, catalog.json": "/api/v1/export/catalog.json",
    "open data, support.csv": "/api/v1/export/support.csv",
    "static file (same server)": None,  # filled in after collectstatic: hashed name of bootstrap.min.css
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hammer(port: int, path: str, seconds: float, clients: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {
            "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"),
            "SECRET_KEY": "bench-only",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "0",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        for command in (["migrate", "--no-input", "-v0"], ["load_catalog"], ["collectstatic", "--no-input", "-v0"]):
            subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        manifest = (ROOT / "staticfiles" / "staticfiles.json").read_text()
        import json

        URLS["static file (same server)"] = (
            "/static/" + json.loads(manifest)["paths"]["vendor/bootstrap-5.3.9/bootstrap.min.css"]
        )

        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            print(f"gunicorn, {args.workers} workers, {args.clients} concurrent clients, {args.seconds:.0f} s per URL")
            print(f"{'what':<28}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
            for name, path in URLS.items():
                hammer(port, path, 0.5, 1)  # warm the cache
                latencies = sorted(hammer(port, path, args.seconds, args.clients))
                q = statistics.quantiles(latencies, n=100)
                print(
                    f"{name:<28}{len(latencies) / args.seconds:>9.0f}{q[49] * 1000:>9.1f}{q[94] * 1000:>9.1f}{q[98] * 1000:>9.1f}"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
